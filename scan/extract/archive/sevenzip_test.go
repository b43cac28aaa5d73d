package archive

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// The 7-Zip archives under testdata are made by testdata/make7z.sh from
// synthetic content.
func read7z(t testing.TB, name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSevenZip reads a solid 7-Zip archive with a folder and a zip
// inside, from a file and from a stream (spooled), and reports
// password-protected and damaged archives for what they are.
func TestSevenZip(t *testing.T) {
	plain := read7z(t, "plain.7z")
	for _, streamed := range []bool{false, true} {
		var r io.Reader = bytes.NewReader(plain)
		size := int64(len(plain))
		if streamed {
			r, size = stream{r}, -1
		}
		res, err := run(t, SevenZip{}, "x.7z", r, size, nil)
		if err != nil {
			t.Fatalf("streamed %v: %v", streamed, err)
		}
		want := map[string]string{
			"x.7z!/customers.csv":        "383-41-8663",
			"x.7z!/notes/call.txt":       "512-44-7081",
			"x.7z!/inner.zip!/inner.txt": "1971-03-09",
		}
		for p, s := range want {
			if !strings.Contains(res.files[p], s) {
				t.Errorf("streamed %v: %s = %q, want it to hold %q (files %v)", streamed, p, res.files[p], s, keys(res.files))
			}
		}
		if len(res.files) != len(want) || len(res.warns) > 0 {
			t.Errorf("streamed %v: files %v, warnings %q", streamed, keys(res.files), res.warns)
		}
	}

	res, err := run(t, SevenZip{}, "e.7z", bytes.NewReader(read7z(t, "encrypted.7z")), -1, nil)
	if err != nil {
		t.Fatalf("encrypted members: %v", err)
	}
	if w := strings.Join(res.warns, "\n"); !strings.Contains(w, "customers.csv") || !strings.Contains(w, "encrypted") || strings.Contains(res.files["e.7z!/customers.csv"], "383") {
		t.Errorf("encrypted member: warnings %q, files %v", res.warns, res.files)
	}

	_, err = run(t, SevenZip{}, "h.7z", bytes.NewReader(read7z(t, "encrypted-headers.7z")), -1, nil)
	if err == nil || !strings.Contains(err.Error(), "encrypted archive") {
		t.Errorf("encrypted headers: err = %v", err)
	}

	_, err = run(t, SevenZip{}, "c.7z", bytes.NewReader(plain[:len(plain)/2]), -1, nil)
	if err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("truncated: err = %v", err)
	}
}

// TestSevenZipLimits expands 16 MiB of zeros packed in 2.6 kB: the ratio
// and total limits stop it, the member limit cuts it short.
func TestSevenZipLimits(t *testing.T) {
	zeros := read7z(t, "zeros.7z")
	tests := []struct {
		name    string
		lim     scan.Limits
		wantErr error
		warn    string
	}{
		{"ratio", scan.Limits{MaxRatio: 100}, ErrLimit, ""},
		{"total", scan.Limits{MaxTotalSize: 1 << 20, MaxRatio: 1e9}, ErrLimit, ""},
		{"member", scan.Limits{MaxMemberSize: 1 << 20, MaxRatio: 1e9}, nil, "larger than the limit"},
		{"depth", scan.Limits{MaxDepth: 1}, ErrTooDeep, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &result{files: map[string]string{}, sizes: map[string]int64{}}
			depth := 0
			if tt.name == "depth" {
				depth = 1
			}
			err := runAt(SevenZip{}, "z.7z", bytes.NewReader(zeros), int64(len(zeros)), depth, &tt.lim, res)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(res.warns, "\n"), tt.warn) {
				t.Errorf("warnings %q lack %q", res.warns, tt.warn)
			}
			if n := res.sizes["z.7z!/zeros.bin"]; n > 2<<20 {
				t.Errorf("expanded %d bytes", n)
			}
		})
	}
}

func FuzzSevenZip(f *testing.F) {
	for _, name := range []string{"plain.7z", "encrypted.7z", "encrypted-headers.7z"} {
		f.Add(read7z(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtract(t, SevenZip{}, data) })
}
