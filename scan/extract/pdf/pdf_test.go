package pdf

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/breachkit/breachkit/scan"
)

// makePDF writes a PDF whose pages hold the given texts ("" = a page
// without a text layer). userPass, when set, encrypts it.
func makePDF(t testing.TB, userPass, ownerPass string, pages ...string) []byte {
	f := fpdf.New("P", "mm", "A4", "")
	if userPass != "" || ownerPass != "" {
		f.SetProtection(fpdf.CnProtectPrint, userPass, ownerPass)
	}
	f.SetFont("Helvetica", "", 12)
	for _, p := range pages {
		f.AddPage()
		if p == "" {
			f.Rect(10, 10, 50, 50, "F") // graphics only, like a scan
			continue
		}
		for i, line := range strings.Split(p, "\n") {
			f.Text(20, float64(20+10*i), line)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type stream struct{ r io.Reader }

func (s stream) Read(p []byte) (int, error) { return s.r.Read(p) }

func extract(t testing.TB, r io.Reader, size int64) ([]scan.Segment, []string, error) {
	var segs []scan.Segment
	var warns []string
	in := &scan.Input{Path: "file.pdf", R: r, Size: size, Warn: func(s string) { warns = append(warns, s) }}
	err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
		segs = append(segs, s)
		return nil
	})
	return segs, warns, err
}

func TestExtract(t *testing.T) {
	doc := makePDF(t, "", "", "Jane Roe\nSSN 078-05-1120", "", "jane.roe@example.com")
	v2 := bytes.Replace(bytes.Clone(doc), []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1)
	tests := []struct {
		name    string
		data    []byte
		stream  bool
		pages   map[int]string // page -> substring
		warns   []string
		wantErr string
	}{
		{name: "text and a scanned page", data: doc,
			pages: map[int]string{1: "078-05-1120", 3: "jane.roe@example.com"}, warns: []string{"page 2 has no text layer: needs OCR"}},
		{name: "streamed", data: doc, stream: true,
			pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR"}},
		{name: "PDF 2.0 header", data: v2, pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR"}},
		{name: "junk after EOF", data: append(bytes.Clone(doc), "\r\n\x00\x00junk appended by a gateway\n"...),
			pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR"}},
		{name: "user password", data: makePDF(t, "user-secret", "owner-secret", "Jane Roe"), wantErr: "encrypted"},
		{name: "truncated", data: doc[:len(doc)/2], wantErr: "corrupt pdf"},
		{name: "not a pdf", data: []byte("hello"), wantErr: "corrupt pdf"},
		{name: "broken xref", data: bytes.Replace(bytes.Clone(doc), []byte("startxref\n"), []byte("startxref\n9"), 1), wantErr: "corrupt pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r io.Reader = bytes.NewReader(tt.data)
			size := int64(len(tt.data))
			if tt.stream {
				r, size = stream{r}, -1
			}
			segs, warns, err := extract(t, r, size)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(segs) != len(tt.pages) {
				t.Fatalf("%d segments, want %d", len(segs), len(tt.pages))
			}
			for _, s := range segs {
				want, ok := tt.pages[s.Page]
				if !ok || !strings.Contains(string(s.Text), want) {
					t.Errorf("page %d text %q lacks %q", s.Page, s.Text, want)
				}
				if s.Offset != -1 || s.Record != "file.pdf#page="+itoa(s.Page) {
					t.Errorf("page %d: offset %d record %q", s.Page, s.Offset, s.Record)
				}
			}
			if strings.Join(warns, "\n") != strings.Join(tt.warns, "\n") {
				t.Errorf("warnings %q, want %q", warns, tt.warns)
			}
		})
	}
}

// TestOwnerPasswordOnly: the document opens without a password; the
// library may fail to decrypt its streams, which is then a warning.
func TestOwnerPasswordOnly(t *testing.T) {
	d := makePDF(t, "", "owner-secret", "Jane Roe")
	segs, warns, err := extract(t, bytes.NewReader(d), int64(len(d)))
	if err != nil || len(segs)+len(warns) != 1 {
		t.Fatalf("err %v segments %d warnings %q", err, len(segs), warns)
	}
	if len(warns) == 1 && !strings.HasPrefix(warns[0], "page 1: text not read") {
		t.Errorf("warning %q", warns[0])
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{{"a.pdf", "", true}, {"A.PDF", "", true}, {"blob", "%PDF-1.4\n", true}, {"a.txt", "hello", false}}
	for _, tt := range tests {
		if got := (Extractor{}).Accepts(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Accepts(%q) = %v", tt.name, got)
		}
	}
}

func FuzzPDF(f *testing.F) {
	f.Add(makePDF(f, "", "", "Jane Roe 078-05-1120", ""))
	f.Add(makePDF(f, "", "owner", "John Doe"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20}
		in := &scan.Input{Path: "f.pdf", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
	})
}
