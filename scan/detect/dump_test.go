package detect_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/standard"
)

// TestDumpMatches writes every match of three engine configurations over
// the files under $BREACHKIT_DUMP_DIR (and the benchmark notes) to
// $BREACHKIT_DUMP_OUT, one line each: path, segment, type, range,
// confidence, reasons and a digest of the value (never the value). Two
// builds' dumps are compared to show that a change leaves the matches
// byte-identical. Skipped unless BREACHKIT_DUMP_OUT is set.
func TestDumpMatches(t *testing.T) {
	out := os.Getenv("BREACHKIT_DUMP_OUT")
	if out == "" {
		t.Skip("BREACHKIT_DUMP_OUT not set")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	engines := []*detect.Engine{
		detect.New(detect.Config{}),
		detect.New(detect.Config{MinConfidence: 0.5}),
		detect.New(detect.Config{Types: []breachkit.Element{breachkit.SSN, breachkit.Phone, breachkit.PersonName}}),
	}
	var files []string
	files = append(files, "testdata/bench_notes.txt")
	if dir := os.Getenv("BREACHKIT_DUMP_DIR"); dir != "" {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
	}
	xs := standard.Extractors()
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for ei, e := range engines {
			nseg := 0
			var run func(name string, r io.Reader, depth int) error
			run = func(name string, r io.Reader, depth int) error {
				br := bufio.NewReader(r)
				head, _ := br.Peek(512)
				var x scan.Extractor
				for _, c := range xs {
					if c.Accepts(filepath.Base(name), head) {
						x = c
						break
					}
				}
				if x == nil {
					return nil
				}
				l := scan.DefaultLimits
				in := &scan.Input{Path: name, R: br, Size: -1, Depth: depth, Limits: &l, Warn: func(string) {},
					Member: func(m string, _ int64, mr io.Reader) error { return run(name+"!/"+m, mr, depth+1) }}
				return x.Extract(context.Background(), in, func(seg scan.Segment) error {
					nseg++
					e.Detect(&seg, func(m scan.Match) {
						fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%d\t%d\t%g\t%s\t%x\t%s\n", name, ei, nseg, m.Type, m.Start, m.End, m.Confidence,
							strings.Join(m.Reasons, "|"), sha256.Sum256(seg.Text[m.Start:m.End]), seg.Field)
					})
					return nil
				})
			}
			if err := run(p, strings.NewReader(string(data)), 0); err != nil {
				fmt.Fprintf(w, "%s\t%d\terror %v\n", p, ei, err)
			}
		}
	}
}
