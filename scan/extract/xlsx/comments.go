package xlsx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// comments emits the notes and threaded comments of a sheet, found
// through the sheet's relationships: a comment is text a person typed
// on a cell ("called her, SSN confirmed ..."), so it belongs to the row
// of its cell, named "comment" and located at the cell.
func (b *book) comments(sh sheetRef, emit func(scan.Segment) error) error {
	dir, base := path.Split(sh.part)
	var rels struct {
		Rels []struct {
			Target string `xml:"Target,attr"`
			Type   string `xml:"Type,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decode(path.Join(dir, "_rels", base+".rels"), &rels); err != nil {
		b.in.Warning(fmt.Sprintf("sheet %q: relationships not read: %v", sh.name, err))
		return nil
	}
	for _, r := range rels.Rels {
		if r.Mode == "External" || !(strings.HasSuffix(r.Type, "/comments") || strings.HasSuffix(r.Type, "/threadedComment")) {
			continue
		}
		t := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		if err := b.commentPart(sh, t, emit); err != nil {
			var ee emitError
			if errors.As(err, &ee) {
				return ee.err
			}
			b.in.Warning(fmt.Sprintf("sheet %q: comments %s read partly: %v", sh.name, t, err))
		}
	}
	return nil
}

// emitError is an error of emit, which stops the read (a damaged part
// only warns).
type emitError struct{ err error }

func (e emitError) Error() string { return e.err.Error() }

// commentPart reads one comments part: <comment ref="B2"> with runs of
// <t> (notes), or <threadedComment ref="B2"> with its <text>.
func (b *book) commentPart(sh sheetRef, part string, emit func(scan.Segment) error) error {
	rc, err := b.open(part)
	if err != nil || rc == nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var ref string
	var text strings.Builder
	in := false // inside <t> or a threaded comment's <text>
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "comment", "threadedComment":
				ref = ""
				text.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "ref" {
						ref = a.Value
					}
				}
			case "t", "text":
				in = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t", "text":
				in = false
			case "comment", "threadedComment":
				s := strings.TrimSpace(text.String())
				if s == "" || ref == "" {
					continue
				}
				rec := b.in.Path + "#sheet=" + sh.name
				if row := rowOf(ref); row > 0 {
					rec += "!row=" + strconv.Itoa(row)
				}
				if err := emit(scan.Segment{Text: []byte(s), Offset: -1, Field: "comment", Sheet: sh.name, Cell: ref, Record: rec}); err != nil {
					return emitError{err}
				}
			}
		case xml.CharData:
			if in && text.Len() < 1<<20 {
				text.Write(t)
			}
		}
	}
}

// rowOf returns the row number of a cell reference ("B12" is 12), or 0.
func rowOf(ref string) int {
	i := strings.IndexAny(ref, "0123456789")
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(ref[i:])
	if err != nil {
		return 0
	}
	return n
}
