package image

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

// TestImages recognises images written by the standard library and says
// of each that it needs OCR; text and archives are not images.
func TestImages(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.White)
	var j, p, g bytes.Buffer
	jpeg.Encode(&j, img, nil)
	png.Encode(&p, img)
	gif.Encode(&g, img, nil)
	for name, data := range map[string][]byte{"JPEG": j.Bytes(), "PNG": p.Bytes(), "GIF": g.Bytes(), "TIFF": []byte("II*\x00\x08\x00\x00\x00")} {
		if !(Extractor{}).Accepts("x", data) {
			t.Errorf("%s not recognised", name)
			continue
		}
		err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "x", R: bytes.NewReader(data)}, func(scan.Segment) error {
			t.Fatal("an image emitted text")
			return nil
		})
		if err == nil || !strings.HasPrefix(err.Error(), name+":") || !strings.Contains(err.Error(), "OCR") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, head := range []string{"Name,SSN\n", "PK\x03\x04", "%PDF-1.7", "BMx"} {
		if (Extractor{}).Accepts("x", []byte(head)) {
			t.Errorf("%q taken for an image", head)
		}
	}
}

// fakeOCR stands in for tesseract: it returns its text for any image.
type fakeOCR struct {
	text string
	err  error
	got  []byte
}

func (f *fakeOCR) Image(ctx context.Context, r io.Reader) (string, error) {
	f.got, _ = io.ReadAll(r)
	return f.text, f.err
}

func (f *fakeOCR) PDFPage(ctx context.Context, path string, pdf io.Reader, page int) (string, error) {
	return f.text, f.err
}

// TestOCR: with Input.OCR set, the whole image goes to it and its text
// comes out in paragraphs; a failure is the source's error.
func TestOCR(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	var p bytes.Buffer
	png.Encode(&p, img)
	ocr := &fakeOCR{text: "Intake form\nName: Sierra Jefferson\n\n\nSSN 383-41-8663\n\f"}
	var got []string
	err := Extractor{}.Extract(context.Background(), &scan.Input{Path: "scan.png", R: bytes.NewReader(p.Bytes()), OCR: ocr}, func(s scan.Segment) error {
		got = append(got, s.Record+" "+string(s.Text))
		return nil
	})
	if err != nil || !slices.Equal(got, []string{"scan.png#para=1 Intake form\nName: Sierra Jefferson", "scan.png#para=2 SSN 383-41-8663"}) {
		t.Errorf("got %q, %v", got, err)
	}
	if !bytes.Equal(ocr.got, p.Bytes()) {
		t.Error("the OCR did not get the whole image")
	}
	ocr.err = errors.New("tesseract: exit status 1: Error during processing.")
	err = Extractor{}.Extract(context.Background(), &scan.Input{Path: "scan.png", R: bytes.NewReader(p.Bytes()), OCR: ocr}, func(scan.Segment) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "PNG: OCR failed") {
		t.Errorf("failure: %v", err)
	}
}
