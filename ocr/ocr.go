// Package ocr reads printed text from images and scanned PDF pages with
// the tesseract command (https://github.com/tesseract-ocr/tesseract), and
// pdftocairo from poppler to render a PDF page. Scans of identity
// documents, intake forms, cheques and letters are a common part of
// stolen data, and their personal data is only in their pixels.
//
// Both tools run as separate processes fed through pipes: an image goes
// to tesseract's standard input and the text comes back on its standard
// output, so no copy of the picture or its text is written to disk.
// There is no Go OCR engine of tesseract's quality, and tesseract through
// cgo would make the default build need a C toolchain; a missing
// tesseract only means OCR is not offered.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Engine runs tesseract (and pdftocairo for PDF pages). It implements
// scan.OCR and is safe for concurrent use.
type Engine struct {
	tesseract  string
	pdftocairo string // "" when poppler is not installed
	// Languages are tesseract's language codes joined by '+' ("eng",
	// "eng+spa").
	Languages string
	// Timeout bounds one image or page.
	Timeout time.Duration
}

// ErrNoTesseract says tesseract is not installed.
var ErrNoTesseract = errors.New("tesseract is not installed (Debian and Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract)")

// Find returns an Engine for the tesseract on PATH, reading languages
// ("" means English).
func Find(languages string) (*Engine, error) {
	t, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, ErrNoTesseract
	}
	if languages == "" {
		languages = "eng"
	}
	e := &Engine{tesseract: t, Languages: languages, Timeout: 2 * time.Minute}
	e.pdftocairo, _ = exec.LookPath("pdftocairo")
	return e, nil
}

// maxText bounds the text of one image or page.
const maxText = 16 << 20

// Image implements scan.OCR.
func (e *Engine) Image(ctx context.Context, r io.Reader) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	cmd := e.command(ctx)
	cmd.Stdin = r
	return run(cmd, "tesseract")
}

// PDFPage implements scan.OCR: pdftocairo renders the page at 300 dots
// per inch to a PNG on its standard output, which goes to tesseract. A
// PDF that is not a file (path "") goes to pdftocairo's standard input,
// which it holds in memory.
func (e *Engine) PDFPage(ctx context.Context, path string, pdf io.Reader, page int) (string, error) {
	if e.pdftocairo == "" {
		return "", errors.New("pdftocairo is not installed (apt-get install poppler-utils): PDF pages cannot be rendered for OCR")
	}
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	p := strconv.Itoa(page)
	in := path
	if in == "" {
		in = "-"
	}
	render := exec.CommandContext(ctx, e.pdftocairo, "-png", "-r", "300", "-f", p, "-l", p, "-singlefile", in, "-")
	if path == "" {
		render.Stdin = pdf
	}
	var renderErr bytes.Buffer
	render.Stderr = &limited{w: &renderErr, n: 4096}
	png, err := render.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := render.Start(); err != nil {
		return "", fmt.Errorf("pdftocairo: %v", err)
	}
	cmd := e.command(ctx)
	cmd.Stdin = png
	text, err := run(cmd, "tesseract")
	if werr := render.Wait(); werr != nil {
		// The page was not rendered: that, not tesseract's complaint about
		// an empty picture, is what went wrong.
		return "", fmt.Errorf("pdftocairo: %v: %s", werr, firstLine(renderErr.String()))
	}
	return text, err
}

// command is tesseract reading an image on stdin and writing text on
// stdout, one thread (the scan runs many at once).
func (e *Engine) command(ctx context.Context) *exec.Cmd {
	cmd := exec.CommandContext(ctx, e.tesseract, "stdin", "stdout", "-l", e.Languages, "--psm", "3")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	return cmd
}

// run runs cmd and returns its standard output; an error carries the
// first line of what it said on standard error (tool messages, no
// text of the image).
func run(cmd *exec.Cmd, name string) (string, error) {
	var out, errOut bytes.Buffer
	cmd.Stdout = &limited{w: &out, n: maxText}
	cmd.Stderr = &limited{w: &errOut, n: 4096}
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s: %v: %s", name, err, firstLine(errOut.String()))
	}
	return out.String(), nil
}

// firstLine is the first non-empty line of s.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return "no message"
}

// limited keeps the first n bytes written to it and drops the rest, so
// that a runaway tool cannot fill memory.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
