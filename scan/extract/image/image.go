// Package image reads image files (JPEG, PNG, GIF, TIFF, BMP, WebP,
// HEIC): scans of identity documents, forms and cheques are a common part
// of stolen data, and their text can only be read with OCR. With
// Input.OCR set (scan --ocr) the image's text is read and emitted in
// paragraphs, "path#para=N"; without it, or when OCR fails, the image is
// recorded as skipped with its kind and the reason, so that the report
// counts what was not read instead of listing it as an unknown binary.
package image

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
)

// Extractor recognises images. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "image" }

// kinds are the image signatures, by kind.
var kinds = []struct {
	name  string
	match func(h []byte) bool
}{
	{"JPEG", func(h []byte) bool { return bytes.HasPrefix(h, []byte{0xFF, 0xD8, 0xFF}) }},
	{"PNG", func(h []byte) bool { return bytes.HasPrefix(h, []byte("\x89PNG\r\n\x1a\n")) }},
	{"GIF", func(h []byte) bool {
		return bytes.HasPrefix(h, []byte("GIF87a")) || bytes.HasPrefix(h, []byte("GIF89a"))
	}},
	{"TIFF", func(h []byte) bool {
		return bytes.HasPrefix(h, []byte("II*\x00")) || bytes.HasPrefix(h, []byte("MM\x00*"))
	}},
	{"BMP", func(h []byte) bool {
		return len(h) >= 14 && bytes.HasPrefix(h, []byte("BM")) && h[6] == 0 && h[7] == 0 && h[8] == 0 && h[9] == 0
	}},
	{"WebP", func(h []byte) bool {
		return len(h) >= 12 && bytes.HasPrefix(h, []byte("RIFF")) && string(h[8:12]) == "WEBP"
	}},
	{"HEIC", func(h []byte) bool {
		return len(h) >= 12 && string(h[4:8]) == "ftyp" && (string(h[8:12]) == "heic" || string(h[8:12]) == "heix" || string(h[8:12]) == "mif1")
	}},
}

// Kind names the image format of head, or "".
func Kind(head []byte) string {
	for _, k := range kinds {
		if k.match(head) {
			return k.name
		}
	}
	return ""
}

// Accepts implements scan.Extractor: an image signature.
func (Extractor) Accepts(name string, head []byte) bool { return Kind(head) != "" }

// Extract implements scan.Extractor: the image's text through
// Input.OCR, or an error that says why it was not read.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	head := make([]byte, 16)
	n, _ := io.ReadFull(in.R, head)
	k := Kind(head[:n])
	if k == "" {
		k = "unknown kind"
	}
	if in.OCR == nil {
		return fmt.Errorf("%s: text in images needs OCR (scan --ocr, with tesseract installed); not scanned", k)
	}
	text, err := in.OCR.Image(ctx, io.MultiReader(bytes.NewReader(head[:n]), in.R))
	if err != nil {
		return fmt.Errorf("%s: OCR failed: %v", k, err)
	}
	return paragraphs(in.Path, text, emit)
}

// paragraphs emits OCR text in paragraphs (split at blank lines),
// "path#para=N"; a scanned register whose rows hold dates of birth or
// SSNs under their header is emitted by rows instead (columns.EmitLines),
// "path#ocr!row=R".
func paragraphs(path, text string, emit func(scan.Segment) error) error {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\f", ""), "\r\n", "\n")
	if lines := strings.Split(text, "\n"); len(lines) > 3 {
		if _, ok := columns.FindRowTable(lines); ok {
			_, err := columns.EmitLines(lines, path+"#ocr", 0, 0, emit)
			return err
		}
	}
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n++
		if err := emit(scan.Segment{Text: []byte(p), Offset: -1, Record: path + "#para=" + strconv.Itoa(n)}); err != nil {
			return err
		}
	}
	return nil
}
