package scan_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/standard"
)

// TestDecline scans pg_dump data files: one beside its toc.dat is read by
// pgdump.DataFile as its table (a member named by the table), one of the
// same name shape with no toc.dat beside it is declined and read as a
// plain file by the next extractor that accepts it, its values found.
func TestDecline(t *testing.T) {
	dir := t.TempDir()
	lone := filepath.Join(dir, "lone")
	os.MkdirAll(lone, 0o755)
	os.WriteFile(filepath.Join(lone, "3352.dat"), []byte("1\tSierra Jefferson\t383-41-8663\n\\.\n"), 0o644)
	eng := detect.New(detect.Config{})
	var mu sync.Mutex
	byPath := map[string]int{}
	sum, err := scan.Run(context.Background(), []string{lone, "extract/pgdump/testdata/plaindir.d"}, scan.Options{Extractors: standard.Extractors(), Workers: 2, Detect: eng.Detect,
		Stored: func(fs []*breachkit.Finding) {
			mu.Lock()
			for _, f := range fs {
				byPath[filepath.ToSlash(f.Path)]++
			}
			mu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{}
	for _, s := range sum.Sources {
		formats[filepath.ToSlash(s.Path)] = s.Format
		if s.Status == breachkit.SourceSkipped {
			t.Errorf("%s skipped: %s", s.Path, s.Reason)
		}
	}
	lonePath := filepath.ToSlash(filepath.Join(lone, "3352.dat"))
	if f := formats[lonePath]; f == "pg_dump" || f == "" {
		t.Errorf("lone data file read as %q, want a plain format", f)
	}
	if byPath[lonePath] == 0 {
		t.Errorf("lone data file: no findings (%v)", byPath)
	}
	if byPath["extract/pgdump/testdata/plaindir.d/3352.dat!/crm.customers.sql"] == 0 {
		t.Errorf("data file beside toc.dat not read as its table: %v", byPath)
	}
}
