// Package eval measures the scanner against the ground truth that
// `breachkit gen` writes: per type, the precision and recall of the
// findings, separately for structured files (CSV, TSV, JSON, SQL, XLSX,
// XML) and free text (plain text, logs, e-mail, PDF, DOCX), and the share
// of decoys reported as the type they imitate.
//
// A finding matches an occurrence of its type when their byte ranges
// overlap (text formats), when sheet and cell are equal (XLSX), or by
// count on the same page (PDF) or paragraph (DOCX). Values are never
// read: the comparison is by location only.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Finding is the location and type of one finding.
type Finding struct {
	Path       string   `json:"path"`
	Type       string   `json:"type"`
	Start      int64    `json:"start"`
	End        int64    `json:"end"`
	Sheet      string   `json:"sheet,omitempty"`
	Cell       string   `json:"cell,omitempty"`
	Page       int      `json:"page,omitempty"`
	Record     string   `json:"record,omitempty"`
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons,omitempty"`
}

// truthLoc is a location in the truth files.
type truthLoc struct {
	Path      string `json:"path"`
	Type      string `json:"type"`
	LooksLike string `json:"looks_like"`
	Kind      string `json:"kind"`
	Start     *int64 `json:"start"`
	End       *int64 `json:"end"`
	Sheet     string `json:"sheet"`
	Cell      string `json:"cell"`
	Page      int    `json:"page"`
	Paragraph *int   `json:"paragraph"`
}

// Truth is the ground truth of a generated data set.
type Truth struct {
	occ, dec []truthLoc
}

// LoadTruth reads DIR/occurrences.jsonl and DIR/decoys.jsonl. Values are
// not kept.
func LoadTruth(dir string) (*Truth, error) {
	t := &Truth{}
	for _, f := range []struct {
		name string
		dst  *[]truthLoc
	}{{"occurrences.jsonl", &t.occ}, {"decoys.jsonl", &t.dec}} {
		fh, err := os.Open(filepath.Join(dir, f.name))
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var l truthLoc
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				fh.Close()
				return nil, fmt.Errorf("%s: %w", f.name, err)
			}
			*f.dst = append(*f.dst, l)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Structured reports whether a path names a structured file.
func Structured(p string) bool {
	if i := strings.LastIndex(p, "!/"); i >= 0 {
		p = p[i+2:]
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".csv", ".tsv", ".json", ".ndjson", ".jsonl", ".sql", ".xlsx", ".xml", ".psv":
		return true
	}
	return false
}

// Score is the result for one type and one kind of file.
type Score struct {
	Type       string
	Structured bool
	Truth      int // occurrences
	Found      int // occurrences matched by a finding
	Findings   int // findings of the type
	Correct    int // findings that match an occurrence
}

// Precision is Correct / Findings (1 when there are none).
func (s Score) Precision() float64 {
	if s.Findings == 0 {
		return 1
	}
	return float64(s.Correct) / float64(s.Findings)
}

// Recall is Found / Truth (1 when there is nothing to find).
func (s Score) Recall() float64 {
	if s.Truth == 0 {
		return 1
	}
	return float64(s.Found) / float64(s.Truth)
}

// Report is the outcome of a comparison.
type Report struct {
	Scores         []Score
	Decoys         int
	DecoysReported int
	ByKind         map[string][2]int // kind → reported, total
}

// DecoyShare is the share of decoys reported as the type they imitate.
func (r *Report) DecoyShare() float64 {
	if r.Decoys == 0 {
		return 0
	}
	return float64(r.DecoysReported) / float64(r.Decoys)
}

// Get returns the score of a type for structured or free-text files.
func (r *Report) Get(typ string, structured bool) (Score, bool) {
	for _, s := range r.Scores {
		if s.Type == typ && s.Structured == structured {
			return s, true
		}
	}
	return Score{}, false
}

type key struct {
	path, typ, where string
}

func locKey(p, typ string, l truthLoc) (key, bool) {
	switch {
	case l.Start != nil:
		return key{p, typ, ""}, true
	case l.Cell != "":
		return key{p, typ, "cell:" + l.Sheet + "!" + l.Cell}, false
	case l.Page > 0:
		return key{p, typ, "page:" + strconv.Itoa(l.Page)}, false
	case l.Paragraph != nil:
		return key{p, typ, "para:" + strconv.Itoa(*l.Paragraph)}, false
	}
	return key{p, typ, "file"}, false
}

func findingKey(f Finding) (key, bool) {
	switch {
	case f.Start >= 0 && f.End > f.Start:
		return key{f.Path, f.Type, ""}, true
	case f.Cell != "":
		return key{f.Path, f.Type, "cell:" + f.Sheet + "!" + f.Cell}, false
	case f.Page > 0:
		return key{f.Path, f.Type, "page:" + strconv.Itoa(f.Page)}, false
	}
	if i := strings.LastIndex(f.Record, "#para="); i >= 0 && strings.EqualFold(path.Ext(f.Path), ".docx") {
		// Extractor records count paragraphs from 1; the truth from 0.
		if n, err := strconv.Atoi(f.Record[i+6:]); err == nil {
			return key{f.Path, f.Type, "para:" + strconv.Itoa(n-1)}, false
		}
	}
	return key{f.Path, f.Type, "file"}, false
}

type interval struct {
	s, e int64
	hit  bool
}

func hasReason(f Finding, r string) bool {
	for _, x := range f.Reasons {
		if x == r {
			return true
		}
	}
	return false
}

func unfound(v []*interval) *interval {
	for _, i := range v {
		if !i.hit {
			return i
		}
	}
	return nil
}

// Compare scores findings against the truth. Finding paths are made
// relative to root (the folder the truth paths are relative to). Only
// findings with confidence of at least minConf count.
func (t *Truth) Compare(fs []Finding, root string, minConf float64) *Report {
	root = filepath.ToSlash(root)
	if root != "" && !strings.HasSuffix(root, "/") {
		root += "/"
	}
	rel := func(p string) string { return strings.TrimPrefix(filepath.ToSlash(p), root) }
	spans := map[key][]*interval{}
	counts := map[key]int{}
	stats := map[[2]string]*Score{}
	score := func(typ string, st bool) *Score {
		k := [2]string{typ, strconv.FormatBool(st)}
		s := stats[k]
		if s == nil {
			s = &Score{Type: typ, Structured: st}
			stats[k] = s
		}
		return s
	}
	for _, l := range t.occ {
		k, text := locKey(l.Path, l.Type, l)
		score(l.Type, Structured(l.Path)).Truth++
		if text {
			spans[k] = append(spans[k], &interval{s: *l.Start, e: *l.End})
		} else {
			counts[k]++
		}
	}
	for _, v := range spans {
		sort.Slice(v, func(i, j int) bool { return v[i].s < v[j].s })
	}
	used := map[key]int{}
	var unmatched []Finding
	located := make([]Finding, 0, len(fs))
	var unlocated []Finding
	for _, f := range fs {
		if k, _ := findingKey(f); k.where == "file" {
			unlocated = append(unlocated, f)
		} else {
			located = append(located, f)
		}
	}
	for _, f := range append(located, unlocated...) {
		if f.Confidence < minConf {
			continue
		}
		f.Path = rel(f.Path)
		s := score(f.Type, Structured(f.Path))
		s.Findings++
		k, text := findingKey(f)
		if text {
			v := spans[k]
			i := sort.Search(len(v), func(i int) bool { return v[i].e > f.Start })
			ok := false
			for ; i < len(v) && v[i].s < f.End; i++ {
				ok = true
				if !v[i].hit {
					v[i].hit = true
					s.Found++
				}
			}
			if ok {
				s.Correct++
			}
			continue
		}
		if k.where == "file" {
			// No location at all (a body the extractor could not place):
			// match an occurrence of the type in the file not yet found.
			if i := unfound(spans[key{k.path, k.typ, ""}]); i != nil {
				i.hit = true
				s.Correct++
				s.Found++
				continue
			}
		}
		if used[k] < counts[k] {
			// A whole address on a page stands for its street, city,
			// state and ZIP, which the truth lists as parts.
			w := 1
			if f.Type == "ADDRESS" && hasReason(f, "rule:address-full") {
				w = 4
			}
			w = min(w, counts[k]-used[k])
			used[k] += w
			s.Correct++
			s.Found += w
		} else if k.where == "file" {
			unmatched = append(unmatched, f)
		}
	}
	r := &Report{ByKind: map[string][2]int{}}
	// Decoys.
	byPath := map[string][]Finding{}
	for _, f := range fs {
		if f.Confidence >= minConf {
			f.Path = rel(f.Path)
			byPath[f.Path] = append(byPath[f.Path], f)
		}
	}
	// A finding without location that matched nothing is counted as
	// reporting a decoy of its type in its file, if there is one.
	spent := map[int]bool{}
	for _, f := range unmatched {
		for i, d := range t.dec {
			if !spent[i] && d.Path == f.Path && d.LooksLike == f.Type {
				spent[i] = true
				break
			}
		}
	}
	for di, d := range t.dec {
		r.Decoys++
		rep := spent[di]
		for _, f := range byPath[d.Path] {
			if f.Type != d.LooksLike {
				continue
			}
			switch {
			case d.Start != nil:
				rep = rep || f.Start < *d.End && f.End > *d.Start
			case d.Cell != "":
				rep = rep || f.Sheet == d.Sheet && f.Cell == d.Cell
			}
		}
		c := r.ByKind[d.Kind]
		c[1]++
		if rep {
			r.DecoysReported++
			c[0]++
		}
		r.ByKind[d.Kind] = c
	}
	for _, s := range stats {
		r.Scores = append(r.Scores, *s)
	}
	sort.Slice(r.Scores, func(i, j int) bool {
		if r.Scores[i].Structured != r.Scores[j].Structured {
			return r.Scores[i].Structured
		}
		return r.Scores[i].Type < r.Scores[j].Type
	})
	return r
}

// Write prints the report as a table.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%-10s %-20s %9s %9s %9s %9s\n", "FILES", "TYPE", "TRUTH", "FINDINGS", "PRECISION", "RECALL")
	for _, s := range r.Scores {
		kind := "free-text"
		if s.Structured {
			kind = "structured"
		}
		fmt.Fprintf(w, "%-10s %-20s %9d %9d %9.4f %9.4f\n", kind, s.Type, s.Truth, s.Findings, s.Precision(), s.Recall())
	}
	fmt.Fprintf(w, "decoys reported: %d of %d (%.2f%%)\n", r.DecoysReported, r.Decoys, 100*r.DecoyShare())
	var kinds []string
	for k := range r.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if c := r.ByKind[k]; c[0] > 0 {
			fmt.Fprintf(w, "  %s: %d of %d\n", k, c[0], c[1])
		}
	}
}

// ReadJSONL reads findings written by `breachkit scan --format jsonl`.
func ReadJSONL(r io.Reader) ([]Finding, error) {
	var out []Finding
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		f := Finding{Start: -1, End: -1}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, sc.Err()
}
