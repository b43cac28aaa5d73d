package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"slices"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

type noOCR struct{}

func (noOCR) Image(context.Context, io.Reader) (string, error) { return "", nil }
func (noOCR) PDFPage(context.Context, string, io.Reader, int) (string, error) {
	return "", nil
}

// TestPictures hands a document's raster pictures to the pipeline only
// when OCR is on; drawings and other parts are left alone.
func TestPictures(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"word/document.xml", "word/media/image1.png", "word/media/image2.emf", "word/media/scan.JPG", "xl/media/other.png"} {
		w, _ := zw.Create(n)
		w.Write([]byte("data of " + n))
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, ocr := range []scan.OCR{nil, noOCR{}} {
		var got []string
		in := &scan.Input{Path: "d.docx", OCR: ocr, Member: func(name string, size int64, r io.Reader) error {
			b, _ := io.ReadAll(r)
			if string(b) != "data of "+name {
				t.Errorf("%s: %q", name, b)
			}
			got = append(got, name)
			return nil
		}}
		if err := Pictures(in, zr, EffectiveLimits(nil), "word/media/"); err != nil {
			t.Fatal(err)
		}
		want := []string(nil)
		if ocr != nil {
			want = []string{"word/media/image1.png", "word/media/scan.JPG"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("OCR %v: members %q, want %q", ocr != nil, got, want)
		}
	}
}
