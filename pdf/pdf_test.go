package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
)

func letter(id string, paragraphs int, name string) *breachkit.Letter {
	l := &breachkit.Letter{ID: id, Title: "Notice of Data Breach", Date: "December 15, 2023",
		From: []string{"Example Co", "1 Main St", "Dallas, TX 75201"}, To: []string{name, "1 Sample Street", "Springfield, IL 62701"}}
	for i := 0; i < paragraphs; i++ {
		l.Blocks = append(l.Blocks, breachkit.LetterBlock{Kind: breachkit.BlockParagraph, Text: strings.Repeat("Plain words in a paragraph. ", 30)})
	}
	return l
}

func TestBatch(t *testing.T) {
	created := time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC)
	b := NewBatch(created)
	tests := []struct {
		l              *breachkit.Letter
		first, pages   int
		lossyAfterThis int
	}{
		{letter("A", 2, "Ann Example"), 1, 1, 0},
		{letter("B", 12, "José Núñez"), 2, 4, 0},       // Latin-1 letters print
		{letter("C", 1, "Nguyễn Thị"), 6, 1, 1},        // ễ and ị do not
		{letter("D", 1, "Łukasz Wiśniewski"), 7, 1, 1}, // Latin Extended prints
		{letter("E", 1, "Дмитрий Ковалёв"), 8, 1, 1},   // and Cyrillic
	}
	for _, tt := range tests {
		first, pages, err := b.Add(tt.l)
		if err != nil {
			t.Fatal(err)
		}
		if first != tt.first || pages != tt.pages || b.Lossy() != tt.lossyAfterThis {
			t.Errorf("letter %s: first page %d, %d pages, lossy %d; want %d, %d, %d", tt.l.ID, first, pages, b.Lossy(), tt.first, tt.pages, tt.lossyAfterThis)
		}
	}
	if b.Letters() != 5 || b.Pages() != 8 {
		t.Fatalf("%d letters, %d pages", b.Letters(), b.Pages())
	}
	path := filepath.Join(t.TempDir(), "batch.pdf")
	if err := b.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.HasPrefix(got, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600: print files hold names and addresses", fi.Mode().Perm())
	}
	// The same letters give the same bytes.
	again := NewBatch(created)
	for _, tt := range tests {
		again.Add(tt.l)
	}
	b2, _ := again.Bytes()
	if !bytes.Equal(got, b2) {
		t.Error("rendering the same letters twice gave different files")
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestPrintable checks which names a letter can print: Windows-1252 in
// the core font, WGL4 (Latin Extended, Greek, Cyrillic) in the Go fonts;
// Vietnamese and CJK not.
func TestPrintable(t *testing.T) {
	for s, want := range map[string]bool{
		"Ann Example": true, "José Núñez": true, "Łukasz Wiśniewski": true, "Дмитрий Ковалёв": true,
		"Γιώργος Παπαδόπουλος": true, "Nguyễn Thị": false, "王小明": false, "straße": true,
	} {
		if got := Printable(s); got != want {
			t.Errorf("Printable(%q) = %v, want %v", s, got, want)
		}
	}
}
