package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// rawPDF returns a one-page PDF whose page draws content, with Helvetica
// as /F1, Times as /F2 (widths given for F2's space to 'z') and a
// composite font as /F3 (widths of glyphs 1, 2 and 10 to 20 given).
func rawPDF(content string) []byte {
	widths := make([]string, 'z'-' '+1)
	for i := range widths {
		widths[i] = "500"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 122 /Widths [%s] >>", strings.Join(widths, " ")),
		"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts [8 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial /DW 1000 /W [1 [600 700] 10 20 250] >>",
	}
	return objectsPDF(objs)
}

// TestPlainTextSpacing reads pages whose writers put no space character
// between words: TeX's kerned TJ arrays, a Td per word, a line moved to
// with Td inside one text object. The words come out apart and the lines
// apart, and a kern inside a word joins nothing. A comb field's boxes
// (an SSN or a date written a character to a box) come out as one value.
func TestPlainTextSpacing(t *testing.T) {
	for _, c := range []struct {
		name, content, want string
	}{
		{"TJ gaps", "BT /F2 10 Tf 72 700 Td [(Fabio)-333(Fiorina)-333(SSN)-333(383-41-8663)] TJ ET", "Fabio Fiorina SSN 383-41-8663"},
		{"kerning", "BT /F2 10 Tf 72 700 Td [(W)80(ashington)-333(A)30(venue)] TJ ET", "Washington Avenue"},
		{"a Td per word", "BT /F2 10 Tf 72 700 Td (Simon) Tj 30 0 Td (Josefsson) Tj ET", "Simon Josefsson"},
		{"next line", "BT /F1 10 Tf 72 700 Td (4421 Cedar Lane) Tj 0 -12 Td (Austin, TX 78745) Tj ET", "4421 Cedar Lane\nAustin, TX 78745"},
		{"T* and explicit spaces", "BT /F1 10 Tf 12 TL 72 700 Td (Ana Souza) Tj T* (ana@example.org) Tj ET", "Ana Souza\nana@example.org"},
		// A form's comb field, a character to a box, 17 points apart.
		{"comb, one text object", "BT /F1 10 Tf 72 700 Td (5) Tj 17 0 Td (2) Tj 17 0 Td (1) Tj 17 0 Td (-) Tj 17 0 Td (4) Tj 17 0 Td (4) Tj ET", "521-44"},
		{"comb, a text object per box", "BT /F1 10 Tf 72 700 Td (0) Tj ET BT /F1 10 Tf 89 700 Td (4) Tj ET BT /F1 10 Tf 106 700 Td (/) Tj ET BT /F1 10 Tf 123 700 Td (1) Tj ET", "04/1"},
		{"digits in columns stay apart", "BT /F1 10 Tf 72 700 Td (1) Tj 60 0 Td (2) Tj 60 0 Td (3) Tj ET", "1 2 3"},
		{"a word after a digit stays apart", "BT /F1 10 Tf 72 700 Td (5) Tj 17 0 Td (Main) Tj ET", "5 Main"},
		{"a text object on the next line is a line", "BT /F1 10 Tf 72 700 Td (5) Tj ET BT /F1 10 Tf 72 688 Td (2) Tj ET", "5\n2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := rawPDF(c.content)
			segs, warns, err := extract(t, bytes.NewReader(doc), int64(len(doc)))
			if err != nil {
				t.Fatal(err, warns)
			}
			var got []string
			for _, s := range segs {
				got = append(got, string(s.Text))
			}
			if g := strings.TrimSpace(strings.Join(got, "\n")); g != c.want {
				t.Errorf("got %q, want %q", g, c.want)
			}
		})
	}
}

// TestCIDWidths checks the glyph widths of a composite font, read from
// its descendant's W array over its default width.
func TestCIDWidths(t *testing.T) {
	doc := rawPDF("BT /F3 10 Tf 72 700 Td <0001> Tj ET")
	r, err := open(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := collect(r)
	if err != nil || len(pages) != 1 {
		t.Fatal(err, len(pages))
	}
	f := newFontInfo(pages[0], "F3")
	if got, want := f.width("\x00\x01\x00\x02\x00\x0f\x00\x63"), 600.0+700+250+1000; !f.cid || got != want {
		t.Errorf("cid %v, width %v, want %v", f.cid, got, want)
	}
}
