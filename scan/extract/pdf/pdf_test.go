package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
			pages: map[int]string{1: "078-05-1120", 3: "jane.roe@example.com"}, warns: []string{"page 2 has no text layer: needs OCR (scan --ocr)"}},
		{name: "streamed", data: doc, stream: true,
			pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR (scan --ocr)"}},
		{name: "PDF 2.0 header", data: v2, pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR (scan --ocr)"}},
		{name: "junk after EOF", data: append(bytes.Clone(doc), "\r\n\x00\x00junk appended by a gateway\n"...),
			pages: map[int]string{1: "Jane Roe", 3: "example.com"}, warns: []string{"page 2 has no text layer: needs OCR (scan --ocr)"}},
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
	f.Add(formPDF())
	f.Add(gridPDF(f, []float64{50, 30, 30}, [][]string{{"Name", "SSN", "DOB"}, {"Ana Souza", "355-11-4550", "05/06/1999"}, {"Dana Whitfield", "", "04/13/1984"}, {"Sierra Jefferson", "361-55-9684", "08/25/1965"}}, "end"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := &scan.Limits{MaxMemberSize: 1 << 20}
		in := &scan.Input{Path: "f.pdf", R: bytes.NewReader(data), Size: int64(len(data)), Limits: lim, Warn: func(string) {}}
		_ = Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error { return nil })
	})
}

// formPDF writes a one-page PDF with an interactive form (AcroForm), as
// loan applications and tax forms are filled in: the values are in the
// fields, not in the page's text.
func formPDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R 7 0 R 9 0 R 10 0 R] >> >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 11 0 R >> >> /Annots [5 0 R 6 0 R 8 0 R] >>",
		"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 700 Td (Loan application) Tj ET\nendstream",
		"<< /FT /Tx /T (f1_01) /TU (Social Security Number) /V (383-41-8663) /Subtype /Widget /Rect [72 600 272 620] >>",
		"<< /FT /Tx /T (applicant_name) /V (Ana Souza) /Subtype /Widget /Rect [72 560 272 580] >>",
		"<< /T (co_borrower) /Kids [8 0 R] >>",
		"<< /FT /Tx /T (date_of_birth) /Parent 7 0 R /V <FEFF00300033002F00300039002F0031003900370031> /Subtype /Widget /Rect [72 520 272 540] >>",
		"<< /FT /Btn /T (married) /V /Off >>",
		"<< /FT /Tx /T (notes) >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return objectsPDF(objs)
}

// objectsPDF returns a PDF of the given objects, numbered from 1 (the
// first the catalog), with its cross-reference table.
func objectsPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestForm reads a filled form: each filled field a segment named by its
// description or name (inherited by a widget), empty and unchecked
// fields left out, and the page's own text as well.
func TestForm(t *testing.T) {
	data := formPDF()
	segs, warns, err := extract(t, bytes.NewReader(data), int64(len(data)))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	type fv struct{ Field, Text, Record string }
	var got []fv
	for _, s := range segs {
		got = append(got, fv{s.Field, strings.TrimSpace(string(s.Text)), s.Record})
	}
	want := []fv{
		{"Social Security Number", "383-41-8663", "file.pdf#form"},
		{"applicant_name", "Ana Souza", "file.pdf#form"},
		{"date_of_birth", "03/09/1971", "file.pdf#form"},
		{"", "Loan application", "file.pdf#page=1"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

// pageOCR stands in for tesseract: it reads page pages of the file at
// path and says which it was asked for.
type pageOCR struct {
	path  string
	pages []int
}

func (o *pageOCR) Image(ctx context.Context, r io.Reader) (string, error) { return "", nil }

func (o *pageOCR) PDFPage(ctx context.Context, path string, pdf io.Reader, page int) (string, error) {
	o.path = path
	if path == "" {
		b, _ := io.ReadAll(pdf)
		o.path = fmt.Sprintf("stdin:%d", len(b))
	}
	o.pages = append(o.pages, page)
	return "Scanned: SSN 383-41-8663", nil
}

// TestOCRPages: a page without a text layer is read by Input.OCR: from
// the file of a PDF on disk, from its bytes inside an archive.
func TestOCRPages(t *testing.T) {
	doc := makePDF(t, "", "", "Jane Roe", "", "jane.roe@example.com")
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, onDisk := range []bool{true, false} {
		ocr := &pageOCR{}
		var warns []string
		var pages []string
		in := &scan.Input{Path: "f.pdf", R: bytes.NewReader(doc), Size: int64(len(doc)), OCR: ocr, Warn: func(s string) { warns = append(warns, s) }}
		if onDisk {
			in.File = path
		}
		err := Extractor{}.Extract(context.Background(), in, func(s scan.Segment) error {
			pages = append(pages, fmt.Sprintf("%d %s", s.Page, s.Text))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := path
		if !onDisk {
			want = fmt.Sprintf("stdin:%d", len(doc))
		}
		if ocr.path != want || !slices.Equal(ocr.pages, []int{2}) || len(warns) != 0 || !slices.Contains(pages, "2 Scanned: SSN 383-41-8663") {
			t.Errorf("on disk %v: OCR of %q pages %v, warnings %q, segments %q", onDisk, ocr.path, ocr.pages, warns, pages)
		}
	}
}
