package pdf

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// tail is the end of a PDF whose last cross-reference section is xref,
// at its offset, as a forger would write it.
func withXref(xref string) []byte {
	head := "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
	return []byte(head + xref + "\nstartxref\n" + itoa(len(head)) + "\n%%EOF\n")
}

// TestForgedXref feeds PDFs whose cross-reference sections name object
// numbers in the billions. ledongthuc/pdf makes a slot for every number
// below, and the runtime aborts the process out of memory; with the
// check each is a corrupt PDF.
func TestForgedXref(t *testing.T) {
	tests := []struct {
		name, xref, want string
	}{
		{"table subsection", "xref\n0 1\n0000000000 65535 f \n9999999999 1\n0000000009 00000 n \ntrailer\n<< /Size 1 /Root 1 0 R >>", "subsection of 1 objects from 9999999999"},
		{"stream /Size", "2 0 obj\n<< /Type /XRef /Size 99999999999 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj", "/Size 99999999999"},
		{"stream /Index", "2 0 obj\n<< /Type/XRef /Size 3 /Index [0 1 2000000000 1] /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj", "/Index of 1 objects from 2000000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withXref(tt.xref)
			_, _, err := extract(t, bytes.NewReader(data), int64(len(data)))
			if err == nil || !strings.Contains(err.Error(), "corrupt pdf: forged cross-reference table") || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a forged table naming %q", err, tt.want)
			}
		})
	}
}

// TestXrefSound checks what the check must let through: an attachment's
// /Size (its bytes, not objects), /Indexed colour spaces, startxref, and
// the PDFs the tests make.
func TestXrefSound(t *testing.T) {
	for _, b := range [][]byte{
		withXref("xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>"),
		[]byte("%PDF-1.7\n3 0 obj\n<< /Type /EmbeddedFile /Params << /Size 99999999999 >> /Length 0 >>\nstream\nendstream\nendobj\n4 0 obj [/Indexed /DeviceRGB 255 5 0 R] endobj\nstartxref\n99999999999\n%%EOF"),
		makePDF(t, "", "", "Sierra Jefferson SSN 383-41-8663"),
		formPDF(),
	} {
		if err := checkXref(bytes.NewReader(b), int64(len(b))); err != nil {
			t.Errorf("refused: %v", err)
		}
	}
	// A keyword cut across the 1 MiB chunks is still read.
	big := append(bytes.Repeat([]byte(" "), 1<<20-3), []byte("xref\n0 1\n0000000000 65535 f \n99999999999 1\n")...)
	if err := checkXref(bytes.NewReader(big), int64(len(big))); !errors.Is(err, errForgedXref) {
		t.Errorf("across chunks: %v", err)
	}
}

// TestContentLexer checks where a content stream ends, as the library's
// lexer reads it: only an open hex string would hang it.
func TestContentLexer(t *testing.T) {
	tests := []struct {
		content string
		inHex   bool
	}{
		{"BT /F1 12 Tf (Hello) Tj ET", false},
		{"BT <48656c6c6f> Tj ET", false},
		{"BT <48656c6c6f", true},
		{"BT (a < b) Tj ET", false},
		{"BT (open (nested) \\) still open", false}, // a literal string ends at the end
		{"% a comment < here\nBT <</A 1>> BDC EMC", false},
		{"<<", false},
		{"q <", true},
		{"<>", false},
	}
	for _, tt := range tests {
		var l contentLexer
		// Byte by byte: the state carries across writes.
		for i := range len(tt.content) {
			l.Write([]byte{tt.content[i]})
		}
		if l.inHex() != tt.inHex {
			t.Errorf("%q: inHex %v, want %v", tt.content, l.inHex(), tt.inHex)
		}
	}
}
