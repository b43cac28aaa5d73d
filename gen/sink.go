package gen

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// seg is a piece of text written to a file. With typ set it is a personal
// value (an occurrence); with kind set it is a decoy.
type seg struct {
	text  string
	typ   string
	part  string
	kind  string
	looks string
}

func pv(typ, part, text string) seg        { return seg{text: text, typ: typ, part: part} }
func dv(kind, looks, text string) seg      { return seg{text: text, kind: kind, looks: looks} }
func lit(text string) seg                  { return seg{text: text} }
func cellOf(ss ...seg) []seg               { return ss }
func one(typ, part, text string) []seg     { return []seg{pv(typ, part, text)} }
func dcell(kind, looks, text string) []seg { return []seg{dv(kind, looks, text)} }
func lcell(text string) []seg              { return []seg{lit(text)} }

// textSink writes one text file, tracking the byte offset so that every
// personal value and decoy it writes is recorded with exact offsets.
type textSink struct {
	g      *generator
	path   string // truth path, e.g. stolen/exports/a.csv or stolen/b.zip!/a.csv
	af     *atomicFile
	stage  *os.File
	w      *bufio.Writer
	off    int64
	line   int // 1-based number of the line being written
	person string
	record string
}

// openSink opens the file for truth path path. Paths inside an archive
// ("…!/…") are written to the staging folder and packed later.
func (g *generator) openSink(path string) (*textSink, error) {
	s := &textSink{g: g, path: path, line: 1}
	if strings.Contains(path, "!/") {
		f, err := os.Create(g.stagePath(path))
		if err != nil {
			return nil, err
		}
		s.stage = f
		s.w = bufio.NewWriterSize(f, 256<<10)
	} else {
		af, err := createAtomic(filepath.Join(g.out, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		s.af = af
		s.w = bufio.NewWriterSize(af.f, 256<<10)
	}
	g.open[s] = true
	return s, nil
}

func (s *textSink) close() error {
	delete(s.g.open, s)
	if err := s.w.Flush(); err != nil {
		s.abort()
		return err
	}
	if s.stage != nil {
		return s.stage.Close()
	}
	if err := s.af.Commit(); err != nil {
		return err
	}
	s.g.addFile(s.path, s.off)
	return nil
}

func (s *textSink) abort() {
	delete(s.g.open, s)
	if s.stage != nil {
		s.stage.Close()
	} else {
		s.af.Abort()
	}
}

// raw writes text that is neither personal data nor a decoy.
func (s *textSink) raw(t string) {
	s.w.WriteString(t)
	s.off += int64(len(t))
	s.line += strings.Count(t, "\n")
}

// seg writes one segment and records it.
func (s *textSink) seg(x seg) {
	start := s.off
	s.raw(x.text)
	if x.typ != "" {
		s.g.truth.occurrence(s.path, x.typ, x.part, loc{form: 't', start: start, end: s.off}, s.person, s.record, x.text)
	}
	if x.kind != "" {
		s.g.truth.decoy(s.path, x.kind, x.looks, loc{form: 't', start: start, end: s.off}, s.record, x.text)
	}
}

func (s *textSink) segs(xs ...seg) {
	for _, x := range xs {
		s.seg(x)
	}
}

// row writes a delimited row. Cells are quoted when quoteAll is set or
// when their text needs it; a quote inside a quoted cell is doubled (such
// cells carry no recorded values).
func (s *textSink) row(delim byte, quoteAll bool, cells [][]seg) {
	for i, c := range cells {
		if i > 0 {
			s.raw(string(delim))
		}
		need := quoteAll
		for _, x := range c {
			if strings.IndexByte(x.text, delim) >= 0 || strings.ContainsAny(x.text, "\"\n\r") {
				need = true
			}
		}
		if need {
			s.raw(`"`)
		}
		for _, x := range c {
			if strings.Contains(x.text, `"`) {
				x.text = strings.ReplaceAll(x.text, `"`, `""`)
				x.typ, x.kind = "", ""
			}
			s.seg(x)
		}
		if need {
			s.raw(`"`)
		}
	}
	s.raw("\n")
}

// jstr writes a JSON string whose content is the segment.
func (s *textSink) jstr(x seg) {
	s.raw(`"`)
	if needsJSONEscape(x.text) {
		x.text = string(appendJSONString(nil, x.text))
		x.text = x.text[1 : len(x.text)-1]
	}
	s.seg(x)
	s.raw(`"`)
}

// chunked is a family of files of at most max records each, opened on
// demand: name(k) gives the truth path of chunk k (1-based), head and
// foot write what surrounds the records.
type chunked struct {
	g     *generator
	name  func(k int) string
	head  func(s *textSink, k int)
	foot  func(s *textSink)
	max   int
	cur   *textSink
	k     int
	n     int // records in the current chunk
	total int
}

// next returns the sink for a new record, numbered n (1-based) in it.
func (c *chunked) next() (*textSink, int, error) {
	if c.cur != nil && c.n >= c.max {
		if err := c.finish(); err != nil {
			return nil, 0, err
		}
	}
	if c.cur == nil {
		c.k++
		s, err := c.g.openSink(c.name(c.k))
		if err != nil {
			return nil, 0, err
		}
		c.cur, c.n = s, 0
		if c.head != nil {
			c.head(s, c.k)
		}
	}
	c.n++
	c.total++
	return c.cur, c.n, nil
}

func (c *chunked) finish() error {
	if c.cur == nil {
		return nil
	}
	if c.foot != nil {
		c.foot(c.cur)
	}
	err := c.cur.close()
	c.cur = nil
	return err
}

func chunkName(pattern string, k int) string {
	return strings.Replace(pattern, "NNNN", pad4(k), 1)
}

func pad4(k int) string {
	s := strconv.Itoa(k)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
