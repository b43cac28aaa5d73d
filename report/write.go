package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
)

// The names of the files Write produces.
const (
	IndexFile          = "index.html"
	PeopleFile         = "people.csv"
	ObligationsCSVFile = "obligations.csv"
	ObligationsICSFile = "obligations.ics"
	FindingsFile       = "findings.jsonl"
	SourcesFile        = "sources.csv"
	JSONFile           = "report.json"
)

// PeopleHeader is the header row of people.csv. Elements are joined with
// "+" and flags with ";".
var PeopleHeader = []string{"id", "name", "jurisdiction", "elements", "address_quality", "flags"}

// SourcesHeader is the header row of sources.csv.
var SourcesHeader = []string{"path", "sha256", "size", "format", "status", "reason", "findings"}

// Write writes the report of d into dir, creating dir if needed. people
// streams the notification list into people.csv and findings writes
// findings.jsonl; either may be nil, which gives a file with no rows.
//
// Write fills d.Files with the digest of each data file and, when
// d.People.Total is zero, fills d.People from the streamed rows. Each file
// is written to a temporary file in dir, synced and renamed into place;
// index.html comes last. A folder that cannot be created or written gives
// one error that names it.
func Write(dir string, d *Data, people PeopleFunc, findings FindingsFunc) error {
	if d == nil {
		return errors.New("report: no data to write")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return folderError(dir, err)
	}
	if probe, err := os.CreateTemp(dir, ".write-test-*"); err != nil {
		return folderError(dir, err)
	} else {
		probe.Close()
		os.Remove(probe.Name())
	}
	normalize(d)
	d.Files = []File{}
	result := duties.Result{Scenario: &duties.Scenario{Discovered: duties.Date{Time: day(d.Discovered)}},
		Obligations: d.Obligations, Exemptions: d.Exemptions}

	// sources.csv
	f, err := writeFile(dir, SourcesFile, 0o644, func(w io.Writer) (int64, error) {
		cw := csv.NewWriter(w)
		cw.Write(SourcesHeader)
		for _, s := range d.Sources {
			cw.Write([]string{s.Path, s.SHA256, strconv.FormatInt(s.Size, 10), s.Format, string(s.Status),
				s.Reason, strconv.FormatInt(s.Findings, 10)})
		}
		cw.Flush()
		return int64(len(d.Sources)), cw.Error()
	})
	if err != nil {
		return err
	}
	d.Files = append(d.Files, f)

	// people.csv, tallied on the way.
	tally := NewTally()
	f, err = writeFile(dir, PeopleFile, 0o600, func(w io.Writer) (int64, error) {
		return writePeople(w, people, d.Reveal, tally)
	})
	if err != nil {
		return err
	}
	d.Files = append(d.Files, f)
	if d.People.Total == 0 {
		d.People = tally.Summary(0)
		normalize(d)
	}

	// findings.jsonl
	f, err = writeFile(dir, FindingsFile, 0o600, func(w io.Writer) (int64, error) {
		if findings == nil {
			return 0, nil
		}
		lc := &lineCounter{w: w}
		if err := findings(lc); err != nil {
			return 0, fmt.Errorf("findings: %w", err)
		}
		if lc.last != '\n' && lc.last != 0 {
			lc.lines++ // a last line without its newline
		}
		return lc.lines, nil
	})
	if err != nil {
		return err
	}
	d.Files = append(d.Files, f)

	// obligations.csv and obligations.ics, by the duties writers.
	f, err = writeFile(dir, ObligationsCSVFile, 0o644, func(w io.Writer) (int64, error) {
		return int64(len(d.Obligations)), duties.WriteCSV(w, result)
	})
	if err != nil {
		return err
	}
	d.Files = append(d.Files, f)
	f, err = writeFile(dir, ObligationsICSFile, 0o644, func(w io.Writer) (int64, error) {
		return int64(len(d.Obligations)), duties.WriteICS(w, result)
	})
	if err != nil {
		return err
	}
	d.Files = append(d.Files, f)

	// report.json
	if _, err = writeFile(dir, JSONFile, 0o644, func(w io.Writer) (int64, error) {
		return 0, writeJSON(w, d)
	}); err != nil {
		return err
	}

	// index.html, last.
	if _, err = writeFile(dir, IndexFile, 0o644, func(w io.Writer) (int64, error) {
		return 0, WriteHTML(w, d)
	}); err != nil {
		return err
	}
	return syncDir(dir)
}

// folderError is the one error for a folder that cannot be used.
func folderError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("report: cannot write to folder %s: %w", dir, err)
}

// writeJSON writes d indented, without HTML escaping.
func writeJSON(w io.Writer, d *Data) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	// json.Marshal escapes <, > and & for HTML; report.json is not HTML.
	s := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(out.String())
	_, err = io.WriteString(w, s)
	return err
}

// writePeople writes people.csv from the stream and counts each row.
func writePeople(w io.Writer, people PeopleFunc, reveal bool, t *Tally) (int64, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(PeopleHeader); err != nil {
		return 0, err
	}
	var n int64
	rec := make([]string, len(PeopleHeader))
	if people != nil {
		err := people(func(p PersonRow) error {
			name := p.Name
			if !reveal {
				name = maskName(name)
			}
			rec[0] = strconv.FormatInt(p.ID, 10)
			rec[1] = csvSafe(name)
			rec[2] = p.Jurisdiction
			rec[3] = p.Elements.String()
			rec[4] = p.AddressQuality
			rec[5] = strings.Join(p.Flags, ";")
			if err := cw.Write(rec); err != nil {
				return err
			}
			t.Add(p)
			n++
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("people: %w", err)
		}
	}
	cw.Flush()
	return n, cw.Error()
}

// maskName masks a name; an empty name stays empty so that "no name" is
// still visible.
func maskName(name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	return breachkit.Mask(breachkit.PersonName, name)
}

// csvSafe keeps a spreadsheet from reading a cell as a formula: a value
// that starts with =, +, - or @ gets a leading apostrophe (OWASP).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// lineCounter passes bytes through and counts newlines.
type lineCounter struct {
	w     io.Writer
	lines int64
	last  byte
}

func (c *lineCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.lines += int64(bytes.Count(p[:n], []byte{'\n'}))
	if n > 0 {
		c.last = p[n-1]
	}
	return n, err
}

// hashingWriter digests and counts what it passes on.
type hashingWriter struct {
	w    io.Writer
	h    hash.Hash
	size int64
}

func (h *hashingWriter) Write(p []byte) (int, error) {
	n, err := h.w.Write(p)
	h.h.Write(p[:n])
	h.size += int64(n)
	return n, err
}

// writeFile writes dir/name crash-safely: fill writes to a temporary file
// in dir, which is flushed, synced, closed and renamed over name. fill
// returns the number of data rows. On any error the temporary file is
// removed and the old file, if any, is left as it was.
func writeFile(dir, name string, perm os.FileMode, fill func(w io.Writer) (int64, error)) (File, error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return File{}, folderError(dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	hw := &hashingWriter{w: bw, h: sha256.New()}
	rows, err := fill(hw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		return File{}, fmt.Errorf("report: writing %s: %w", filepath.Join(dir, name), err)
	}
	ok = true
	return File{Name: name, SHA256: hex.EncodeToString(hw.h.Sum(nil)), Size: hw.size, Rows: rows}, nil
}

// syncDir makes the renames durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return folderError(dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("report: syncing folder %s: %w", dir, err)
	}
	return nil
}

// disclaimer is the disclaimer the report shows.
func disclaimer(d *Data) string {
	if d.Disclaimer != "" {
		return d.Disclaimer
	}
	return duties.Disclaimer
}
