package docx

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/breachkit/breachkit/scan"
)

const pns = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

// slide writes a slide's XML around DrawingML shapes.
func slide(shapes string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld ` + pns + `><p:cSld><p:spTree>` + shapes + `</p:spTree></p:cSld></p:sld>`
}

func shape(paras ...string) string {
	s := `<p:sp><p:txBody>`
	for _, p := range paras {
		s += `<a:p>`
		for i, r := range strings.Split(p, "|") {
			if i > 0 {
				s += `<a:br/>`
			}
			s += `<a:r><a:rPr lang="en-US"/><a:t>` + r + `</a:t></a:r>`
		}
		s += `</a:p>`
	}
	return s + `</p:txBody></p:sp>`
}

func grid(rows ...[]string) string {
	s := `<p:graphicFrame><a:graphic><a:graphicData><a:tbl>`
	for _, r := range rows {
		s += `<a:tr>`
		for _, c := range r {
			s += `<a:tc><a:txBody><a:p><a:r><a:t>` + c + `</a:t></a:r></a:p></a:txBody></a:tc>`
		}
		s += `</a:tr>`
	}
	return s + `</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
}

func extractPPTX(t testing.TB, data []byte) ([]string, []string, error) {
	var segs, warns []string
	in := &scan.Input{Path: "deck.pptx", R: bytes.NewReader(data), Size: int64(len(data)),
		Warn: func(s string) { warns = append(warns, s) }}
	err := Presentation{}.Extract(context.Background(), in, func(s scan.Segment) error {
		segs = append(segs, strings.TrimPrefix(s.Record, "deck.pptx#")+"|"+s.Field+"|"+string(s.Text))
		return nil
	})
	return segs, warns, err
}

// TestPresentation reads slides in their numbers' order (10 after 2), a
// shape's runs as one paragraph, a table's rows named by its header, the
// notes and comments after the slides.
func TestPresentation(t *testing.T) {
	data := doc(t,
		"ppt/presentation.xml", `<p:presentation `+pns+`/>`,
		"ppt/slides/slide10.xml", slide(shape("Closing")),
		"ppt/slides/slide1.xml", slide(shape("Ana Souza|SSN 383-41-8663", "Call (415) 867-5309")),
		"ppt/slides/slide2.xml", slide(grid([]string{"Name", "SSN"}, []string{"Dana Whitfield", "512447081"})),
		"ppt/notesSlides/notesSlide1.xml", `<p:notes `+pns+`><p:cSld><p:spTree>`+shape("Renée Dubois asked")+`</p:spTree></p:cSld></p:notes>`,
		"ppt/slideLayouts/slideLayout1.xml", slide(shape("Click to edit Master title style")),
	)
	segs, warns, err := extractPPTX(t, data)
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %q", err, warns)
	}
	want := []string{
		"slide=1!para=1||Ana Souza\nSSN 383-41-8663",
		"slide=1!para=2||Call (415) 867-5309",
		"slide=2!table=1!row=1||Name",
		"slide=2!table=1!row=1||SSN",
		"slide=2!table=1!row=2|Name|Dana Whitfield",
		"slide=2!table=1!row=2|SSN|512447081",
		"slide=10!para=1||Closing",
		"notes=1!para=1||Renée Dubois asked",
	}
	if !slices.Equal(segs, want) {
		t.Errorf("got\n%q\nwant\n%q", segs, want)
	}
}

// TestPresentationDamaged: a zip that is no presentation, a slide that
// is not XML (a warning; the other slides still read), and Accepts.
func TestPresentationDamaged(t *testing.T) {
	if _, _, err := extractPPTX(t, doc(t, "word/document.xml", "<w:document/>")); err == nil {
		t.Error("a docx read as a presentation")
	}
	segs, warns, err := extractPPTX(t, doc(t, "ppt/slides/slide1.xml", "<p:sld><a:p><a:t>x</a:t", "ppt/slides/slide2.xml", slide(shape("Ana Souza"))))
	if err != nil || len(warns) != 1 || !slices.Contains(segs, "slide=2!para=1||Ana Souza") {
		t.Errorf("err %v, warnings %q, segments %q", err, warns, segs)
	}
	if _, _, err := extractPPTX(t, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not a zip")); err == nil || !strings.Contains(err.Error(), "encrypted pptx") {
		t.Errorf("an encrypted presentation: %v", err)
	}
	if !(Presentation{}).Accepts("Deck.PPSX", nil) || (Presentation{}).Accepts("letter.docx", []byte("PK\x03\x04")) {
		t.Error("Accepts")
	}
}

func FuzzPresentation(f *testing.F) {
	f.Add(doc(f, "ppt/slides/slide1.xml", slide(shape("Ana Souza|x")+grid([]string{"SSN"}, []string{"1"}))))
	f.Fuzz(func(t *testing.T, data []byte) { extractPPTX(t, data) })
}
