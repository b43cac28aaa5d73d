package ocr

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// engine returns the tesseract on this machine. CI installs it (.ci/run);
// elsewhere the test is skipped when it is missing.
func engine(t *testing.T) *Engine {
	e, err := Find("")
	if errors.Is(err, ErrNoTesseract) {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must have tesseract: apt-get install tesseract-ocr")
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestImage reads the picture of a filled form (testdata/makeform.sh).
func TestImage(t *testing.T) {
	e := engine(t)
	f, err := os.Open("testdata/form.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, err := e.Image(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sierra Jefferson", "383-41-8663", "03/09/1971", "sierra.jefferson@example.com"} {
		if !strings.Contains(text, want) {
			t.Errorf("OCR text lacks %q", want)
		}
	}
	if _, err := e.Image(context.Background(), strings.NewReader("not an image")); err == nil {
		t.Error("no error for bytes that are not an image")
	}
}

// TestPDFPage reads a scanned PDF: a page that is only the form's
// picture, no text layer.
func TestPDFPage(t *testing.T) {
	e := engine(t)
	if e.pdftocairo == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must have pdftocairo: apt-get install poppler-utils")
		}
		t.Skip("pdftocairo is not installed")
	}
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.AddPage()
	pdf.AddPage()
	pdf.ImageOptions("testdata/form.png", 10, 10, 190, 0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	path := filepath.Join(t.TempDir(), "scan.pdf")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	text, err := e.PDFPage(context.Background(), path, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "383-41-8663") {
		t.Errorf("page 2 text lacks the SSN (%d bytes read)", len(text))
	}
	if text, err := e.PDFPage(context.Background(), path, nil, 1); err != nil || strings.TrimSpace(text) != "" {
		t.Errorf("blank page 1: %d bytes, %v", len(text), err)
	}
	// A PDF that is not a file (inside an archive) goes in on stdin.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if text, err := e.PDFPage(context.Background(), "", bytes.NewReader(data), 2); err != nil || !strings.Contains(text, "383-41-8663") {
		t.Errorf("from stdin: %d bytes, %v", len(text), err)
	}
	if _, err := e.PDFPage(context.Background(), path+".missing", nil, 1); err == nil || !strings.Contains(err.Error(), "pdftocairo") {
		t.Errorf("missing file: %v", err)
	}
}

func TestLimited(t *testing.T) {
	var b bytes.Buffer
	l := &limited{w: &b, n: 5}
	l.Write([]byte("abc"))
	l.Write([]byte("defgh"))
	if b.String() != "abcde" {
		t.Errorf("%q", b.String())
	}
}
