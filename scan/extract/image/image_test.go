package image

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
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
