package gen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Occurrence is one line of truth/occurrences.jsonl: a personal value in
// a stolen file. Exactly one location form is set: Start/End (byte
// offsets into the file's own bytes, for text formats and files inside
// archives or e-mail attachments), Sheet/Cell (XLSX), Page (PDF, 1-based)
// or Paragraph (DOCX, 0-based index of w:p in the body). Value is the
// text exactly as written in the file.
type Occurrence struct {
	// Path is the file, relative to DIR ("stolen/…", "outer!/inner").
	Path string `json:"path"`
	// Type is a breachkit.Element name, or CUSTOM_LOAN_NUMBER.
	Type string `json:"type"`
	// Start and End are byte offsets (end exclusive) for text formats.
	Start *int64 `json:"start,omitempty"`
	End   *int64 `json:"end,omitempty"`
	// Sheet and Cell locate a value in an XLSX workbook.
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
	// Page is the 1-based PDF page holding the value.
	Page int `json:"page,omitempty"`
	// Paragraph is the 0-based DOCX paragraph holding the value.
	Paragraph *int `json:"paragraph,omitempty"`
	// Part says which part of a name or address the value is: given,
	// middle, surname, full (names); street, unit, city, state, zip, full
	// (addresses). Empty for other types.
	Part string `json:"part,omitempty"`
	// Person is the ID of the person in people.jsonl.
	Person string `json:"person"`
	// Record names the record the value belongs to ("path#row=17",
	// "path#borrowers[3]", "path#line=9", "path#note=2", "path#page=4",
	// "path#paragraph=5", "path#body"), for evaluating the resolver.
	Record string `json:"record"`
	// Value is the text exactly as it appears in the file.
	Value string `json:"value"`
}

// Decoy is one line of truth/decoys.jsonl: a value that looks like the
// element LooksLike but is not personal data of anyone (or, for
// kind zip-in-9-digit-column, is not that element). Location fields are as
// in Occurrence.
type Decoy struct {
	Path string `json:"path"`
	// Kind says what the value really is: invalid-ssn, placeholder-ssn,
	// luhn-fail-16, order-number, invalid-area-phone, due-date,
	// transaction-date, contact-date, statement-date, sha256, uuid,
	// zip-in-9-digit-column, loan-amount, role-email, message-id.
	Kind string `json:"kind"`
	// LooksLike is the element the value imitates.
	LooksLike string `json:"looks_like"`
	// Location fields: as in Occurrence.
	Start     *int64 `json:"start,omitempty"`
	End       *int64 `json:"end,omitempty"`
	Sheet     string `json:"sheet,omitempty"`
	Cell      string `json:"cell,omitempty"`
	Page      int    `json:"page,omitempty"`
	Paragraph *int   `json:"paragraph,omitempty"`
	// Record is the record the decoy sits in, when there is one.
	Record string `json:"record,omitempty"`
	// Value is the text exactly as it appears in the file.
	Value string `json:"value"`
}

// loc is where a value sits in its file.
type loc struct {
	form       byte // 't' text offsets, 'x' XLSX cell, 'p' PDF page, 'd' DOCX paragraph
	start, end int64
	sheet      string
	cell       string
	n          int
}

type fileCount struct {
	Path        string           `json:"path"`
	Bytes       int64            `json:"bytes,omitempty"`
	Occurrences map[string]int64 `json:"occurrences"`
	Decoys      map[string]int64 `json:"decoys"`
}

// truthWriter appends occurrences and decoys and counts them.
type truthWriter struct {
	occF, decF *atomicFile
	occ, dec   *bufio.Writer
	nOcc, nDec int64
	byFile     map[string]*fileCount
	byType     map[string]int64
	byKind     map[string]int64
	buf        []byte
}

func newTruthWriter(dir string) (*truthWriter, error) {
	t := &truthWriter{byFile: map[string]*fileCount{}, byType: map[string]int64{}, byKind: map[string]int64{}}
	var err error
	if t.occF, err = createAtomic(filepath.Join(dir, "occurrences.jsonl")); err != nil {
		return nil, err
	}
	if t.decF, err = createAtomic(filepath.Join(dir, "decoys.jsonl")); err != nil {
		t.occF.Abort()
		return nil, err
	}
	t.occ = bufio.NewWriterSize(t.occF.f, 1<<20)
	t.dec = bufio.NewWriterSize(t.decF.f, 1<<20)
	return t, nil
}

func (t *truthWriter) file(path string) *fileCount {
	fc := t.byFile[path]
	if fc == nil {
		fc = &fileCount{Path: path, Occurrences: map[string]int64{}, Decoys: map[string]int64{}}
		t.byFile[path] = fc
	}
	return fc
}

func appendLoc(b []byte, l loc) []byte {
	switch l.form {
	case 't':
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, l.start, 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, l.end, 10)
	case 'x':
		b = append(b, `,"sheet":`...)
		b = appendJSONString(b, l.sheet)
		b = append(b, `,"cell":`...)
		b = appendJSONString(b, l.cell)
	case 'p':
		b = append(b, `,"page":`...)
		b = strconv.AppendInt(b, int64(l.n), 10)
	case 'd':
		b = append(b, `,"paragraph":`...)
		b = strconv.AppendInt(b, int64(l.n), 10)
	}
	return b
}

func (t *truthWriter) occurrence(path, typ, part string, l loc, person, record, value string) {
	b := t.buf[:0]
	b = append(b, `{"path":`...)
	b = appendJSONString(b, path)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, typ)
	b = appendLoc(b, l)
	if part != "" {
		b = append(b, `,"part":`...)
		b = appendJSONString(b, part)
	}
	b = append(b, `,"person":`...)
	b = appendJSONString(b, person)
	b = append(b, `,"record":`...)
	b = appendJSONString(b, record)
	b = append(b, `,"value":`...)
	b = appendJSONString(b, value)
	b = append(b, "}\n"...)
	t.occ.Write(b)
	t.buf = b
	t.nOcc++
	t.byType[typ]++
	t.file(path).Occurrences[typ]++
}

func (t *truthWriter) decoy(path, kind, looks string, l loc, record, value string) {
	b := t.buf[:0]
	b = append(b, `{"path":`...)
	b = appendJSONString(b, path)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, kind)
	b = append(b, `,"looks_like":`...)
	b = appendJSONString(b, looks)
	b = appendLoc(b, l)
	if record != "" {
		b = append(b, `,"record":`...)
		b = appendJSONString(b, record)
	}
	b = append(b, `,"value":`...)
	b = appendJSONString(b, value)
	b = append(b, "}\n"...)
	t.dec.Write(b)
	t.buf = b
	t.nDec++
	t.byKind[kind]++
	t.file(path).Decoys[kind]++
}

func (t *truthWriter) commit() error {
	if err := t.occ.Flush(); err != nil {
		return err
	}
	if err := t.dec.Flush(); err != nil {
		return err
	}
	if err := t.occF.Commit(); err != nil {
		return err
	}
	return t.decF.Commit()
}

func (t *truthWriter) abort() {
	t.occF.Abort()
	t.decF.Abort()
}

// manifest is truth/manifest.json.
type manifest struct {
	Generator     string            `json:"generator"`
	Seed          uint64            `json:"seed"`
	People        int               `json:"people"`
	RefDate       string            `json:"reference_date"`
	Files         int               `json:"files"`
	Bytes         int64             `json:"bytes"`
	Occurrences   int64             `json:"occurrences"`
	Decoys        int64             `json:"decoys"`
	ByType        map[string]int64  `json:"occurrences_by_type"`
	DecoysByKind  map[string]int64  `json:"decoys_by_kind"`
	PerFile       []*fileCount      `json:"per_file"`
	CustomTypes   []string          `json:"custom_types"`
	LocationForms map[string]string `json:"location_forms"`
}

func (t *truthWriter) writeManifest(dir string, m manifest, sizes map[string]int64) error {
	for p, n := range sizes {
		t.file(p).Bytes = n
	}
	for _, fc := range t.byFile {
		m.PerFile = append(m.PerFile, fc)
	}
	sort.Slice(m.PerFile, func(i, j int) bool { return m.PerFile[i].Path < m.PerFile[j].Path })
	m.ByType, m.DecoysByKind = t.byType, t.byKind
	m.Occurrences, m.Decoys = t.nOcc, t.nDec
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, "manifest.json"), append(data, '\n'))
}

// appendJSONString appends s as a JSON string literal.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		}
		i++
	}
	return append(b, '"')
}

// needsJSONEscape reports whether s would change when written as a JSON
// string body.
func needsJSONEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// atomicFile is written under a temporary name in the target folder and
// renamed into place after fsync.
type atomicFile struct {
	f     *os.File
	final string
	done  bool
}

func createAtomic(path string) (*atomicFile, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &atomicFile{f: f, final: path}, nil
}

// Commit syncs, closes and renames the file into place.
func (a *atomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	if err := a.f.Sync(); err != nil {
		a.f.Close()
		os.Remove(a.f.Name())
		return err
	}
	if err := a.f.Close(); err != nil {
		os.Remove(a.f.Name())
		return err
	}
	if err := os.Chmod(a.f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(a.f.Name(), a.final)
}

// Abort closes and removes the temporary file.
func (a *atomicFile) Abort() {
	if a == nil || a.done {
		return
	}
	a.done = true
	a.f.Close()
	os.Remove(a.f.Name())
}

func writeFileAtomic(path string, data []byte) error {
	a, err := createAtomic(path)
	if err != nil {
		return err
	}
	if _, err := a.f.Write(data); err != nil {
		a.Abort()
		return err
	}
	return a.Commit()
}
