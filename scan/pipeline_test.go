package scan_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/standard"
	"github.com/breachkit/breachkit/vault"
)

// TestLargeFileParallel checks that files big enough for the detect pool
// (a text file and a CSV file over 4 MiB) give exactly the findings of a
// one-worker scan, each counted once in its source, whether the
// goroutines share the engine's Detect or hold Detectors of their own.
func TestLargeFileParallel(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Generate(context.Background(), gen.Options{Out: dir, People: 200, Seed: 17}); err != nil {
		t.Fatal(err)
	}
	notes, _ := filepath.Glob(filepath.Join(dir, "stolen", "notes", "*.txt"))
	csvs, _ := filepath.Glob(filepath.Join(dir, "stolen", "exports", "customers_*.csv"))
	if len(notes) == 0 || len(csvs) == 0 {
		t.Fatal("gen wrote no notes or customer exports")
	}
	rows, err := os.ReadFile(csvs[0])
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := bytes.Cut(rows, []byte("\n"))
	var text, table bytes.Buffer
	table.Write(head)
	table.WriteByte('\n')
	for text.Len() < 9<<19 || table.Len() < 9<<19 {
		for _, n := range notes {
			b, _ := os.ReadFile(n)
			text.Write(b)
		}
		table.Write(body)
	}
	big := filepath.Join(dir, "big")
	os.MkdirAll(big, 0o755)
	os.WriteFile(filepath.Join(big, "notes.txt"), text.Bytes(), 0o644)
	os.WriteFile(filepath.Join(big, "customers.csv"), table.Bytes(), 0o644)

	eng := detect.New(detect.Config{})
	run := func(workers int, own bool) ([]string, map[string]int64) {
		var mu sync.Mutex
		var got []string
		perSource := map[string]int64{}
		opt := scan.Options{Detect: eng.Detect, Extractors: standard.Extractors(), Workers: workers,
			Stored: func(fs []*breachkit.Finding) {
				mu.Lock()
				defer mu.Unlock()
				for _, f := range fs {
					got = append(got, fmt.Sprintf("%s %s %d-%d %s %.3f %v", f.Path, f.Type, f.Start, f.End, f.Record, f.Confidence, f.Reasons))
				}
			}}
		if own {
			opt.Detect, opt.NewDetect = nil, func() scan.DetectFunc { return eng.Detector().Detect }
		}
		sum, err := scan.Run(context.Background(), []string{big}, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sum.Sources {
			if s.Status != breachkit.SourceDone {
				t.Fatalf("%s: %s %s", s.Path, s.Status, s.Reason)
			}
			perSource[s.Path] = s.Findings
		}
		slices.Sort(got)
		return got, perSource
	}
	one, n1 := run(1, false)
	two, n2 := run(2, false)
	if len(one) < 10000 || !slices.Equal(one, two) {
		t.Fatalf("one worker: %d findings, two workers: %d (or they differ)", len(one), len(two))
	}
	if own, _ := run(2, true); !slices.Equal(one, own) {
		t.Fatalf("with Detectors of their own: %d findings, with the shared engine: %d (or they differ)", len(own), len(one))
	}
	var total int64
	for p, n := range n2 {
		if n != n1[p] {
			t.Errorf("%s: %d findings counted with two workers, %d with one", p, n, n1[p])
		}
		total += n
	}
	if total != int64(len(two)) {
		t.Errorf("sources count %d findings, %d were stored", total, len(two))
	}
}

// BenchmarkDryRun measures the detection pass end to end (walk, extract,
// detect, count findings by type and confidence; nothing sealed or
// stored), as `breachkit scan --dry-run` runs it, on a generated breach (all formats)
// or on the files under $BREACHKIT_BENCH_DIR. MB/s is over the input
// bytes; with -cpu 1 it is per core.
func BenchmarkDryRun(b *testing.B) {
	dir := os.Getenv("BREACHKIT_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
		if _, err := gen.Generate(context.Background(), gen.Options{Out: dir, People: 2000, Seed: 3}); err != nil {
			b.Fatal(err)
		}
		dir = filepath.Join(dir, "stolen")
	}
	var total int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			total += fi.Size()
		}
		return nil
	})
	eng := detect.New(detect.Config{MinConfidence: 0.5})
	b.SetBytes(total)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n int64
		_, err := scan.Run(context.Background(), []string{dir}, scan.Options{NewDetect: func() scan.DetectFunc { return eng.Detector().Detect }, Extractors: standard.Extractors(),
			Tally: func(t *scan.Tally) {
				for _, c := range t.N {
					n += c
				}
			}})
		if err != nil || n == 0 {
			b.Fatalf("%d findings, %v", n, err)
		}
	}
}

// TestPanicIsolated checks that a detector that panics on some input
// fails only that source, inline and in the detect pool alike, and that
// the scan goes on with the others.
func TestPanicIsolated(t *testing.T) {
	dir := t.TempDir()
	ok := "Borrower SSN 383-41-8663 on file.\n\n"
	bad := "the BOOM-TRIGGER line\n\n"
	os.WriteFile(filepath.Join(dir, "small-bad.txt"), []byte(ok+bad), 0o644)
	os.WriteFile(filepath.Join(dir, "small-ok.txt"), []byte(ok), 0o644)
	big := strings.Repeat(ok, (5<<20)/len(ok))
	os.WriteFile(filepath.Join(dir, "big-bad.txt"), []byte(big+bad+big), 0o644)
	eng := detect.New(detect.Config{})
	var mu sync.Mutex
	found := 0
	sum, err := scan.Run(context.Background(), []string{dir}, scan.Options{Extractors: standard.Extractors(), Workers: 2,
		Detect: func(seg *scan.Segment, emit func(scan.Match)) {
			if bytes.Contains(seg.Text, []byte("BOOM-TRIGGER")) {
				var m map[string]int
				m["x"]++ // a bug: assignment to a nil map
			}
			eng.Detect(seg, emit)
		},
		Stored: func(fs []*breachkit.Finding) { mu.Lock(); found += len(fs); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*breachkit.Source{}
	for _, s := range sum.Sources {
		got[filepath.Base(s.Path)] = s
	}
	for name, want := range map[string]breachkit.SourceStatus{"small-bad.txt": breachkit.SourcePartial, "big-bad.txt": breachkit.SourcePartial, "small-ok.txt": breachkit.SourceDone} {
		s := got[name]
		if s == nil || s.Status != want {
			t.Fatalf("%s: %+v, want status %s", name, s, want)
		}
		if want == breachkit.SourcePartial && !strings.Contains(s.Reason, "internal error") {
			t.Errorf("%s: reason %q does not say it was an internal error", name, s.Reason)
		}
	}
	if got["small-ok.txt"].Findings == 0 || found == 0 {
		t.Errorf("the sources around the failure lost their findings: %d stored", found)
	}
}

func TestBinary(t *testing.T) {
	noise := make([]byte, 512) // ciphertext-like: every byte value but 0
	for i := range noise {
		noise[i] = byte(i*167%255 + 1)
	}
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"csv", []byte("name,ssn\r\nAnn,123-45-6780\r\n"), false},
		{"tabs and form feed", []byte("a\tb\fc\n"), false},
		{"latin-1", []byte("Jos\xe9,Garc\xeda\n"), false},
		{"utf-16 with BOM", []byte{0xFF, 0xFE, 'a', 0, 'b', 0}, false},
		{"utf-16 without BOM", []byte{'n', 0, 'a', 0, 'm', 0, 'e', 0, '\t', 0, 's', 0, 's', 0, 'n', 0}, false},
		{"nul", []byte("abc\x00def"), true},
		{"noise", noise, true},
	}
	for _, tt := range tests {
		if got := scan.Binary(tt.head); got != tt.want {
			t.Errorf("%s: Binary = %v, want %v", tt.name, got, tt.want)
		}
	}
	// A ".csv" of ciphertext (ransomware, say) is skipped, not "done" and empty.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "customers.csv"), bytes.Repeat(noise, 8), 0o644)
	eng := detect.New(detect.Config{})
	sum, err := scan.Run(context.Background(), []string{dir}, scan.Options{Detect: eng.Detect, Extractors: standard.Extractors()})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 1 || sum.Sources[0].Status != breachkit.SourceSkipped {
		t.Fatalf("sources %+v, want the file skipped", sum.Sources[0])
	}
}

// TestUTF16 tells UTF-16 text by its byte order mark or, without one,
// by a zero byte beside each ASCII character, and not binary data that
// has zeros too.
func TestUTF16(t *testing.T) {
	u16 := func(s string, be bool) []byte {
		var b []byte
		for _, r := range s {
			if be {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	tests := []struct {
		name   string
		head   []byte
		ok, be bool
		bom    int
	}{
		{"mark, little-endian", append([]byte{0xFF, 0xFE}, u16("Name", false)...), true, false, 2},
		{"mark, big-endian", append([]byte{0xFE, 0xFF}, u16("Name", true)...), true, true, 2},
		{"little-endian", u16("Name\tSSN\r\nJosé\t383-41-8663\r\n", false), true, false, 0},
		{"big-endian", u16("Name\tSSN\r\nJosé\t383-41-8663\r\n", true), true, true, 0},
		{"odd length", append(u16("Name,SSN\n", false), 'x'), true, false, 0},
		{"too short", u16("ab", false), false, false, 0},
		{"utf-8", []byte("Name\tSSN\r\nJosé\t383-41-8663\r\n"), false, false, 0},
		{"a U+0000", u16("Name\x00SSN\n", false), false, false, 0},
		{"control characters", u16("\x01\x02\x03\x04\x05\x06", false), false, false, 0},
		{"32-bit integers", []byte{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0}, false, false, 0},
		{"16-bit integers", []byte{0x41, 0, 0x42, 0, 0x10, 0x27, 0x20, 0x4e, 0x30, 0x75, 0x40, 0x9c}, false, false, 0},
	}
	for _, tt := range tests {
		be, bom, ok := scan.UTF16(tt.head)
		if ok != tt.ok || ok && (be != tt.be || bom != tt.bom) {
			t.Errorf("%s: UTF16 = %v, %d, %v; want %v, %d, %v", tt.name, be, bom, ok, tt.be, tt.bom, tt.ok)
		}
	}
}

// FuzzUTF16 checks that UTF16 never reads past its input and never
// takes for text a head with a U+0000 unit and no mark.
func FuzzUTF16(f *testing.F) {
	f.Add([]byte{'a', 0, 'b', 0, 'c', 0, 'd', 0})
	f.Add([]byte{0, 'a', 0, 'b', 0, 'c', 0, 'd', 1})
	f.Add([]byte{0xFF, 0xFE})
	f.Fuzz(func(t *testing.T, head []byte) {
		_, bom, ok := scan.UTF16(head)
		if !ok || bom != 0 {
			return
		}
		for i := 0; i+1 < len(head); i += 2 {
			if head[i] == 0 && head[i+1] == 0 {
				t.Fatalf("% x taken for UTF-16 text", head)
			}
		}
	})
}

// TestArchiveReadInPlace scans a zip on disk larger than the member
// limit: a file is read at random where it lies, not copied to a
// temporary file (which the limit bounds, and which a 50 GiB archive of
// stolen data would not fit), and its digest is still of all its bytes.
func TestArchiveReadInPlace(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "notes.txt", Method: zip.Store})
	w.Write([]byte("Borrower SSN 383-41-8663 on file.\n"))
	pad, _ := zw.CreateHeader(&zip.FileHeader{Name: "padding.bin", Method: zip.Store})
	pad.Write(bytes.Repeat([]byte{0}, 8<<10))
	zw.Close()
	path := filepath.Join(dir, "big.zip")
	os.WriteFile(path, buf.Bytes(), 0o644)
	var mu sync.Mutex
	found := 0
	lim := scan.DefaultLimits
	lim.MaxMemberSize = 4 << 10
	sum, err := scan.Run(context.Background(), []string{path}, scan.Options{Extractors: standard.Extractors(), Workers: 1,
		Limits: &lim,
		Detect: detect.New(detect.Config{}).Detect,
		Stored: func(fs []*breachkit.Finding) { mu.Lock(); found += len(fs); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(buf.Bytes())
	for _, s := range sum.Sources {
		if filepath.Base(s.Path) == "big.zip" && (s.SHA256 != hex.EncodeToString(want[:]) || s.Size != int64(buf.Len())) {
			t.Errorf("digest or size of the archive: %+v", s)
		}
		if strings.HasSuffix(s.Path, "notes.txt") && s.Findings != 1 {
			t.Errorf("member: %+v", s)
		}
	}
	if found != 1 {
		for _, s := range sum.Sources {
			t.Logf("%s %s %s %d", s.Path, s.Status, s.Reason, s.Findings)
		}
		t.Errorf("%d findings, want 1", found)
	}
}

// TestPathsOverlap scans a folder given with one of its files, and under
// two spellings: each file is one source, its findings stored once.
func TestPathsOverlap(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("SSN 412-78-3391 for the borrower\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("nothing here\n"), 0o644)
	eng := detect.New(detect.Config{})
	for _, tt := range []struct {
		paths []string
		want  int // sources
	}{
		{[]string{dir, filepath.Join(dir, "a.txt")}, 2},
		{[]string{dir, dir + "/./"}, 2},
		{[]string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "..", filepath.Base(dir), "a.txt")}, 1},
	} {
		paths, want := tt.paths, tt.want
		sum, err := scan.Run(context.Background(), paths, scan.Options{Detect: eng.Detect, Extractors: standard.Extractors()})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Sources) != want || sum.Findings != 1 {
			t.Errorf("%v: %d sources, %d findings; want %d and 1", paths, len(sum.Sources), sum.Findings, want)
		}
	}
}

// TestNoDigest checks that a dry run may leave the sources' digests
// uncomputed and still count their bytes and findings, and that a scan
// into a store may not.
func TestNoDigest(t *testing.T) {
	dir := t.TempDir()
	text := []byte("Borrower SSN 383-41-8663, call (630) 854-3618.\n")
	os.WriteFile(filepath.Join(dir, "notes.txt"), text, 0o644)
	eng := detect.New(detect.Config{})
	for _, no := range []bool{false, true} {
		sum, err := scan.Run(context.Background(), []string{dir}, scan.Options{Detect: eng.Detect, Extractors: standard.Extractors(), NoDigest: no})
		if err != nil {
			t.Fatal(err)
		}
		s := sum.Sources[0]
		if s.Size != int64(len(text)) || s.Findings != 2 || (s.SHA256 == "") != no {
			t.Errorf("NoDigest %v: size %d, findings %d, digest %q", no, s.Size, s.Findings, s.SHA256)
		}
	}
	// Refused before the store is touched: a store that does nothing will do.
	var st struct{ breachkit.Store }
	if _, err := scan.Run(context.Background(), []string{dir}, scan.Options{Detect: eng.Detect, Extractors: standard.Extractors(), NoDigest: true, Store: st, Keys: &vault.CaseKeys{}}); err == nil {
		t.Error("NoDigest with a store: no error")
	}
}
