package notify

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/pdf"
)

// keep writes the PNG test's letters to a folder, to look at them.
var keep = flag.String("keep", "", "write the rendered test letters to this folder")

var renderTime = time.Date(2023, 12, 15, 9, 0, 0, 0, time.UTC)

func plannedFixture(t *testing.T, n int) (*fixture, *Composer) {
	t.Helper()
	f := newFixture(t, t.TempDir(), n)
	f.addCodes(t, n)
	comp := testComposer(t, nil)
	if _, err := Plan(context.Background(), f.store, f.c, f.keys, comp, false); err != nil {
		t.Fatal(err)
	}
	return f, comp
}

// printedOnce checks that the manifests in dir list want letters, each
// once.
func printedOnce(t *testing.T, dir string, want int) {
	t.Helper()
	got := manifestLetters(t, dir)
	if len(got) != want {
		t.Fatalf("manifests list %d letters, want %d", len(got), want)
	}
	for id, k := range got {
		if k != 1 {
			t.Errorf("letter %s printed %d times", id, k)
		}
	}
}

// manifestLetters reads every manifest in dir and counts the letters
// each letter ID appears in.
func manifestLetters(t *testing.T, dir string) map[string]int {
	t.Helper()
	out := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(dir, "batch-*.csv"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			out[r[0]]++
		}
	}
	return out
}

func TestRenderLetters(t *testing.T) {
	ctx := context.Background()
	f, comp := plannedFixture(t, 40)
	dir := t.TempDir()
	res, err := RenderLetters(ctx, f.store, f.c, f.keys, comp, LetterOptions{Dir: dir, BatchSize: 10, Workers: 3, Now: renderTime})
	if err != nil {
		t.Fatal(err)
	}
	if res.Letters != 36 || len(res.Batches) != 4 || res.Failed != 0 {
		t.Fatalf("render = %+v", res)
	}
	printedOnce(t, dir, 36)
	// A second run prints nothing new.
	again, err := RenderLetters(ctx, f.store, f.c, f.keys, comp, LetterOptions{Dir: dir, BatchSize: 10, Now: renderTime})
	if err != nil || again.Letters != 0 {
		t.Fatalf("second render = %+v, %v", again, err)
	}
	// The same letters give the same bytes.
	b1, _ := os.ReadFile(filepath.Join(dir, "batch-000001.pdf"))
	if !bytes.HasPrefix(b1, []byte("%PDF-")) {
		t.Fatal("batch-000001.pdf is not a PDF")
	}
}

// TestRenderLettersResume leaves a run interrupted at the two points
// that matter, and checks that the next run prints every letter once.
func TestRenderLettersResume(t *testing.T) {
	ctx := context.Background()
	f, comp := plannedFixture(t, 40)
	dir := t.TempDir()
	// Crash 1: letters claimed, nothing written.
	if _, err := f.store.ClaimNotices(ctx, f.c.ID, breachkit.ChannelMail, 7, 1, renderTime); err != nil {
		t.Fatal(err)
	}
	// Crash 2: a batch written to disk but its letters not yet recorded.
	r := &renderer{store: f.store, c: f.c, keys: f.keys, comp: comp, dir: dir, now: renderTime, res: &LetterResult{}}
	if err := r.loadPeople(ctx); err != nil {
		t.Fatal(err)
	}
	ns, _ := f.store.ClaimNotices(ctx, f.c.ID, breachkit.ChannelMail, 5, 1, renderTime)
	saved := r.store
	r.store = failingUpdates{saved}
	if err := r.batch(ctx, 1, ns); err == nil {
		t.Fatal("the failing store did not fail")
	}
	res, err := RenderLetters(ctx, f.store, f.c, f.keys, comp, LetterOptions{Dir: dir, BatchSize: 10, Now: renderTime})
	if err != nil {
		t.Fatal(err)
	}
	if res.Recovered != 5 || res.Letters != 31 {
		t.Fatalf("resume = %+v", res)
	}
	printedOnce(t, dir, 36)
	sent := 0
	f.store.Notices(ctx, f.c.ID, breachkit.ChannelMail, "", func(n *breachkit.Notice) error {
		if n.Status != breachkit.NoticeSent {
			t.Errorf("notice %d is %s", n.ID, n.Status)
		}
		sent++
		return nil
	})
	if sent != 36 {
		t.Fatalf("%d mail notices", sent)
	}
}

// failingUpdates is a store whose UpdateNotices fails, as if the process
// died after writing a batch.
type failingUpdates struct{ breachkit.Store }

func (failingUpdates) UpdateNotices(context.Context, ...*breachkit.Notice) error {
	return os.ErrDeadlineExceeded
}

// TestLettersPNG renders letters of jurisdictions with different content
// rules, turns them into PNG with pdftoppm, and checks the pages: the
// required headings and contacts are in the text, and the address sits in
// the window of a #10 envelope.
func TestLettersPNG(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing (poppler-utils); .ci/run installs it", tool)
			}
			t.Skipf("%s not installed (apt-get install poppler-utils)", tool)
		}
	}
	comp := testComposer(t, nil)
	tests := []struct {
		jurisdiction string
		want         []string
	}{
		// California prescribes the title, five headings and 10-point type.
		{"US-CA", []string{"Notice of Data Breach", "What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do", "For More Information", "Experian"}},
		// Maryland asks for the FTC and its Attorney General.
		{"US-MD", []string{"Federal Trade Commission", "Attorney General", "TransUnion"}},
		// Massachusetts asks for the right to a police report and freezes.
		{"US-MA", []string{"police report", "security freeze"}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.jurisdiction, func(t *testing.T) {
			p := samplePerson
			p.Jurisdiction = tt.jurisdiction
			l, err := comp.Compose("BK1-00000001", p)
			if err != nil {
				t.Fatal(err)
			}
			b := pdf.NewBatch(renderTime)
			if _, _, err := b.Add(l); err != nil {
				t.Fatal(err)
			}
			pdfPath := filepath.Join(dir, tt.jurisdiction+".pdf")
			if *keep != "" {
				pdfPath = filepath.Join(*keep, tt.jurisdiction+".pdf")
			}
			if err := b.WriteFile(pdfPath); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
					t.Errorf("rendered letter lacks %q", w)
				}
			}
			prefix := strings.TrimSuffix(pdfPath, ".pdf")
			if out, err := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdfPath, prefix).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v %s", err, out)
			}
			pngs, _ := filepath.Glob(prefix + "-*.png")
			if len(pngs) == 0 {
				t.Fatal("pdftoppm wrote no page")
			}
			img := readPNG(t, pngs[0])
			const dpi = 50
			if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != 425 || h != 550 {
				t.Fatalf("page is %d×%d px at 50 dpi, want US Letter 425×550", w, h)
			}
			// #10 window: 7/8 in from the left, about 2 to 3 in from the top.
			if ink(img, 0.875*dpi, 2.0*dpi, 4.5*dpi, 3.0*dpi) < 0.01 {
				t.Error("no address in the envelope window")
			}
			// The band between the window and the body stays clear except
			// for the address, so that nothing else shows through.
			if ink(img, 4.7*dpi, 1.9*dpi, 8.0*dpi, 3.2*dpi) > 0.001 {
				t.Error("ink beside the envelope window")
			}
		})
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ink returns the share of dark pixels in a rectangle given in pixels.
func ink(img image.Image, x0, y0, x1, y1 float64) float64 {
	dark, all := 0, 0
	for y := int(y0); y < int(y1); y++ {
		for x := int(x0); x < int(x1); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if (r+g+b)/3 < 0x8000 {
				dark++
			}
			all++
		}
	}
	return float64(dark) / float64(max(all, 1))
}
