package docx

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
)

// Presentation reads PowerPoint presentations (.pptx, .pptm, .ppsx,
// .potx). DrawingML writes text as Word does, paragraphs of runs
// (a:p, a:r, a:t) and tables of rows of cells (a:tbl, a:tr, a:tc), so
// the parser of Word's parts reads each slide, notes page and comment
// list: a slide's paragraph is "path#slide=N!para=M", a row of a table
// on it "path#slide=N!table=T!row=R" (its cells named by the header row,
// as in a document); notes are "path#notes=N!...", comments
// "path#comments=N!...". Slides are read in the order of their numbers.
// The zero value is ready.
type Presentation struct{}

// Format implements scan.Extractor.
func (Presentation) Format() string { return "pptx" }

// Accepts implements scan.Extractor: a PowerPoint Open XML name, or a
// zip whose first member lies under ppt/.
func (Presentation) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm":
		return true
	}
	return archive.FirstMemberHasPrefix(head, "ppt/")
}

// slidePart is a part of a presentation read for text.
type slidePart struct {
	f    *zip.File
	kind string // "slide", "notes", "comments"
	n    int
}

// Extract implements scan.Extractor.
func (Presentation) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	zr, lim, cleanup, err := archive.OpenPackage(in, "pptx")
	if err != nil {
		return err
	}
	defer cleanup()
	var parts []slidePart
	kinds := map[string]string{"ppt/slides/slide": "slide", "ppt/notesslides/notesslide": "notes", "ppt/comments/comment": "comments"}
	for _, f := range zr.File {
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		for prefix, kind := range kinds {
			if rest, ok := strings.CutPrefix(strings.TrimSuffix(name, ".xml"), prefix); ok {
				if n, err := strconv.Atoi(rest); err == nil && n > 0 {
					parts = append(parts, slidePart{f, kind, n})
				}
			}
		}
	}
	if len(parts) == 0 {
		for _, f := range zr.File {
			if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), "ppt/presentation.xml") {
				return nil // a presentation without slides
			}
		}
		return errors.New("corrupt pptx: no ppt/presentation.xml and no slides")
	}
	order := map[string]int{"slide": 0, "notes": 1, "comments": 2}
	sort.Slice(parts, func(i, j int) bool {
		if parts[i].kind != parts[j].kind {
			return order[parts[i].kind] < order[parts[j].kind]
		}
		return parts[i].n < parts[j].n
	})
	read := 0
	for _, sp := range parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		where := sp.kind + "=" + strconv.Itoa(sp.n)
		p, err := readPart(ctx, sp.f, lim, in.Path+"#"+where+"!", emit)
		if p == nil {
			in.Warning(fmt.Sprintf("%s not read: %v", where, err))
			continue
		}
		if err != nil {
			if p.emitErr {
				return err
			}
			in.Warning(fmt.Sprintf("%s read partly: %v", where, err))
			continue
		}
		read++
	}
	if read == 0 {
		return fmt.Errorf("corrupt pptx: none of its %d slides, notes and comments could be read", len(parts))
	}
	return archive.Pictures(in, zr, lim, "ppt/media/")
}
