// Package yaml extracts YAML documents (.yaml, .yml): configuration that
// holds credentials, fixtures and exports that hold people, with
// go.yaml.in/yaml/v3.
//
// Each scalar becomes a segment whose Field is its key path without
// sequence indexes ("users.name.first") and whose Record is the person
// it belongs to: each element of a document's first sequence of
// mappings, each member of a mapping keyed by ids, or else the document
// ("path#doc=N"). A plain or quoted scalar written on one line carries
// its byte offset; block scalars and anchors' copies do not.
//
// A document is parsed whole, so a file larger than MaxSize is left to
// the text extractor's streaming read, as is a file that is not YAML
// after all.
package yaml

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/columns"
	jsonx "github.com/breachkit/breachkit/scan/extract/json"
	"github.com/breachkit/breachkit/scan/extract/text"
)

// MaxSize bounds the files parsed as YAML.
const MaxSize = 16 << 20

// Extractor reads YAML. The zero value is ready.
type Extractor struct{}

// Format implements scan.Extractor.
func (Extractor) Format() string { return "yaml" }

// Accepts implements scan.Extractor: a .yaml or .yml name.
func (Extractor) Accepts(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return !scan.Binary(head)
	}
	return false
}

// Extract implements scan.Extractor.
func (Extractor) Extract(ctx context.Context, in *scan.Input, emit func(scan.Segment) error) error {
	if in.Size > MaxSize {
		return fmt.Errorf("%w: larger than %d bytes, to be read as text", scan.ErrDecline, MaxSize)
	}
	data, err := io.ReadAll(io.LimitReader(in.R, MaxSize+1))
	if err != nil {
		return err
	}
	if len(data) > MaxSize {
		// A member whose size was not known: read as text, streaming.
		return asText(ctx, in, io.MultiReader(bytes.NewReader(data), in.R), emit)
	}
	// A record's values carry its fields as Columns, as json's do.
	keys := &columns.Keys{Emit: emit}
	w := &walker{ctx: ctx, data: data, emit: keys.Add, path: in.Path}
	w.lines = append(w.lines, 0)
	for i, c := range data {
		if c == '\n' {
			w.lines = append(w.lines, i+1)
		}
	}
	dec := yamlv3.NewDecoder(bytes.NewReader(data))
	for doc := 1; ; doc++ {
		var n yamlv3.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return keys.Flush()
		}
		if err != nil {
			if doc == 1 && w.emitted == 0 {
				// Not YAML after all (a template, a note): text.
				return asText(ctx, in, bytes.NewReader(data), emit)
			}
			in.Warning(fmt.Sprintf("document %d: %v; the rest was not read", doc, err))
			return keys.Flush()
		}
		w.record = in.Path + "#doc=" + strconv.Itoa(doc)
		w.recDepth, w.depth = -1, 0
		if err := w.node(&n, nil); err != nil {
			if ferr := keys.Flush(); ferr != nil {
				return ferr
			}
			return err
		}
	}
}

// walker walks a document's nodes.
type walker struct {
	ctx      context.Context
	data     []byte
	lines    []int // offset of each line's start
	emit     func(scan.Segment) error
	path     string
	record   string
	rec      int
	recDepth int // depth of the records' nodes; -1 until a list or map of records is met
	depth    int
	emitted  int
	nodes    int
}

// maxDepth bounds nesting (an alias bomb nests, too).
const maxDepth = 512

// node emits the scalars under n, whose key path is keys.
func (w *walker) node(n *yamlv3.Node, keys []string) error {
	if w.nodes++; w.nodes&1023 == 0 {
		if err := w.ctx.Err(); err != nil {
			return err
		}
	}
	if w.depth > maxDepth || w.nodes > 10_000_000 {
		return fmt.Errorf("corrupt document: nested deeper than %d levels or more than ten million nodes", maxDepth)
	}
	w.depth++
	defer func() { w.depth-- }()
	switch n.Kind {
	case yamlv3.DocumentNode:
		for _, c := range n.Content {
			if err := w.node(c, keys); err != nil {
				return err
			}
		}
	case yamlv3.SequenceNode:
		for _, c := range n.Content {
			if c.Kind == yamlv3.MappingNode && (w.recDepth < 0 || w.recDepth == w.depth) {
				w.recDepth = w.depth
				w.next()
			}
			if err := w.node(c, keys); err != nil {
				return err
			}
		}
	case yamlv3.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yamlv3.MappingNode && jsonx.IDKey(k.Value) && (w.recDepth < 0 || w.recDepth == w.depth) {
				w.recDepth = w.depth
				w.next()
			}
			if err := w.node(v, append(keys, k.Value)); err != nil {
				return err
			}
		}
	case yamlv3.AliasNode:
		// An alias repeats its anchor's values, read where they stand.
	case yamlv3.ScalarNode:
		if strings.TrimSpace(n.Value) == "" || n.Tag == "!!null" || n.Tag == "!!bool" {
			return nil
		}
		seg := scan.Segment{Text: []byte(n.Value), Offset: w.offset(n), Field: strings.Join(keys, "."), Record: w.record}
		if seg.Offset < 0 {
			seg.OffsetAt = w.offsetAt(n)
		}
		w.emitted++
		return w.emit(seg)
	}
	return nil
}

// next starts a record.
func (w *walker) next() {
	w.rec++
	w.record = w.path + "#rec=" + strconv.Itoa(w.rec)
}

// offset returns where a scalar's value starts in the file, when it is
// written there as is, or -1.
func (w *walker) offset(n *yamlv3.Node) int64 {
	if n.Line < 1 || n.Line > len(w.lines) || n.Column < 1 {
		return -1
	}
	at := w.lines[n.Line-1] + n.Column - 1
	if n.Style == yamlv3.DoubleQuotedStyle || n.Style == yamlv3.SingleQuotedStyle {
		at++
	}
	if at < 0 || at+len(n.Value) > len(w.data) || !bytes.Equal(w.data[at:at+len(n.Value)], []byte(n.Value)) {
		return -1
	}
	return int64(at)
}

// asText reads r, the source's bytes, with the text extractor.
func asText(ctx context.Context, in *scan.Input, r io.Reader, emit func(scan.Segment) error) error {
	t := *in
	t.R = r
	return text.Extractor{}.Extract(ctx, &t, emit)
}
