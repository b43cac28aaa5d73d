package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
)

//go:embed index.html.tmpl
var indexTemplate string

//go:embed style.css
var styleCSS string

var indexTmpl = template.Must(template.New("index").Funcs(template.FuncMap{
	"num":    num,
	"pct":    pct,
	"date":   isoDate,
	"bytes":  byteSize,
	"elabel": elementLabel,
	"jname":  jurisdictionName,
	"dlabel": dutyLabel,
	"combo":  comboLabel,
	"link":   safeLink,
	"style":  func() template.CSS { return template.CSS(styleCSS) },
	"int64":  func(n int) int64 { return int64(n) },
	"dur": func(d time.Duration) string {
		if d >= time.Second {
			return d.Round(100 * time.Millisecond).String()
		}
		return d.Round(time.Millisecond).String()
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02 15:04 MST")
	},
}).Parse(indexTemplate))

// maxListed caps the skipped and partial sources listed in the HTML; the
// rest are in sources.csv.
const maxListed = 200

// kv is a labelled count.
type kv struct {
	Key   string
	Label string
	Count int64
}

// obRow is one obligation as the HTML table shows it.
type obRow struct {
	breachkit.Obligation
	Due, Target string
	DaysLeft    string
	Class       string
	Link        template.URL
}

// page is what the template sees.
type page struct {
	D          *Data
	ReportDate string
	Disclaimer string

	SourcesTotal, Done, Partial, Skipped, Scanning int
	Bytes                                          int64
	Formats                                        []kv
	Problems                                       []Source
	ProblemsMore                                   int
	FindingsTotal                                  int64
	FindingsByType                                 []kv

	ElementChart, ComboChart template.HTML
	MapChart                 template.HTML
	Timeline                 template.HTML

	US, Other             []kv
	USCols                [][]kv
	RuleCols              [][]RuleFile
	USTotal, OtherTotal   int64
	Unknown               int64
	Obligations           []obRow
	Overdue, DueIn7       int
	Next                  *obRow
	Jurisdictions         int
	AddressQuality, Flags []kv
}

// WriteHTML writes the index.html of d to w: the self-contained report
// page, aggregates only. Write calls it; it is exported for previews.
func WriteHTML(w io.Writer, d *Data) error {
	normalize(d)
	return indexTmpl.Execute(w, buildPage(d))
}

func buildPage(d *Data) *page {
	rd := reportDate(d)
	p := &page{D: d, ReportDate: isoDate(rd), Disclaimer: disclaimer(d)}

	// Sources.
	formats := map[string]int64{}
	for _, s := range d.Sources {
		p.SourcesTotal++
		p.Bytes += s.Size
		switch s.Status {
		case breachkit.SourceDone:
			p.Done++
		case breachkit.SourcePartial:
			p.Partial++
		case breachkit.SourceSkipped:
			p.Skipped++
		default:
			p.Scanning++
		}
		f := s.Format
		if f == "" {
			f = "unknown"
		}
		formats[f]++
		if s.Status != breachkit.SourceDone {
			if len(p.Problems) < maxListed {
				p.Problems = append(p.Problems, s)
			} else {
				p.ProblemsMore++
			}
		}
	}
	p.Formats = sortedKV(formats, func(k string) string { return k })
	for _, n := range d.FindingsByType {
		p.FindingsTotal += n
	}
	p.FindingsByType = sortedKV(d.FindingsByType, func(e breachkit.Element) string { return elementLabel(e) })

	// What was exposed.
	var bars []bar
	for _, e := range sortedKV(d.People.ByElement, func(e breachkit.Element) string { return elementLabel(e) }) {
		bars = append(bars, bar{Label: e.Label, Value: e.Count})
	}
	p.ElementChart = barChart("People by exposed element", bars, d.People.Total)
	bars = nil
	for _, c := range d.People.ByCombination {
		bars = append(bars, bar{Label: comboLabel(c.Elements), Value: c.Count,
			Note: c.Elements.String() + ": " + num(c.Count)})
	}
	if d.People.OtherCombinations > 0 {
		bars = append(bars, bar{Label: "All other combinations", Value: d.People.OtherCombinations})
	}
	p.ComboChart = barChart("People by combination of exposed elements", bars, d.People.Total)

	// Where they live.
	us, other := map[string]int64{}, map[string]int64{}
	for j, n := range d.People.ByJurisdiction {
		switch {
		case strings.EqualFold(j, "unknown") || j == "":
			p.Unknown += n
		case j == "US" || strings.HasPrefix(j, "US-"):
			us[j] += n
			p.USTotal += n
		default:
			other[j] += n
			p.OtherTotal += n
		}
	}
	p.US = sortedKV(us, jurisdictionName)
	p.Other = sortedKV(other, jurisdictionName)
	p.USCols = halves(p.US)
	p.RuleCols = halves(d.Method.RuleFiles)
	p.MapChart = tileMap(d.People.ByJurisdiction)
	p.AddressQuality = sortedKV(d.People.ByAddressQuality, func(k string) string { return k })
	always := []string{FlagSubstituteNotice, FlagNoName, FlagSingleIdentifier}
	for _, f := range always {
		p.Flags = append(p.Flags, kv{Key: f, Label: flagLabels[f], Count: d.People.Flags[f]})
	}
	var extra []kv
	for f, n := range d.People.Flags {
		if !slices.Contains(always, f) {
			label, ok := flagLabels[f]
			if !ok {
				label = f
			}
			extra = append(extra, kv{Key: f, Label: label, Count: n})
		}
	}
	slices.SortFunc(extra, func(a, b kv) int { return strings.Compare(a.Key, b.Key) })
	p.Flags = append(p.Flags, extra...)

	// Obligations.
	jurs := map[string]bool{}
	for _, o := range d.Obligations {
		jurs[o.Jurisdiction] = true
		r := obRow{Obligation: o, Due: isoDate(o.Due), Target: isoDate(o.Target), Link: safeLink(o.Source)}
		when := o.Due
		if when.IsZero() {
			when = o.Target
		}
		if !when.IsZero() && !rd.IsZero() {
			n := daysBetween(rd, when)
			r.DaysLeft, r.Class = daysLeftText(n), urgency(n)
			if !o.Due.IsZero() {
				switch {
				case n < 0:
					p.Overdue++
				case n <= 7:
					p.DueIn7++
				}
			}
			if o.Due.IsZero() {
				r.DaysLeft = "target: " + r.DaysLeft
			}
		}
		p.Obligations = append(p.Obligations, r)
	}
	p.Jurisdictions = len(jurs)
	// Soonest first: by the due date, or the target when the law sets none.
	slices.SortStableFunc(p.Obligations, func(a, b obRow) int {
		return when(a.Obligation).Compare(when(b.Obligation))
	})
	for i := range p.Obligations {
		r := &p.Obligations[i]
		if r.Obligation.Due.IsZero() || (!rd.IsZero() && r.Obligation.Due.Before(rd)) {
			continue
		}
		if p.Next == nil || r.Obligation.Due.Before(p.Next.Obligation.Due) {
			p.Next = r
		}
	}
	p.Timeline = timeline(d.Obligations, day(d.Discovered), rd)
	return p
}

// when is the date an obligation is placed on: its due date, or its
// target when the law sets no fixed day.
func when(o breachkit.Obligation) time.Time {
	if o.Due.IsZero() {
		return o.Target
	}
	return o.Due
}

// halves splits a long list into two columns of at most one more row on
// the left; a short one (12 rows or fewer) stays in one.
func halves[T any](xs []T) [][]T {
	if len(xs) <= 12 {
		return [][]T{xs}
	}
	n := (len(xs) + 1) / 2
	return [][]T{xs[:n], xs[n:]}
}

// flagLabels explain the flags the report counts.
var flagLabels = map[string]string{
	FlagSubstituteNotice: "No deliverable postal address (substitute notice may apply)",
	FlagNoName:           "No name found",
	FlagSingleIdentifier: "Identified by a single identifier only",
	FlagMilitary:         "Armed Forces mail (APO/FPO/DPO): no state; ask for the state of legal residence",
}

// sortedKV lists a map's counts, largest first, then by label.
func sortedKV[K ~string](m map[K]int64, label func(K) string) []kv {
	out := make([]kv, 0, len(m))
	for k, n := range m {
		out = append(out, kv{Key: string(k), Label: label(k), Count: n})
	}
	slices.SortFunc(out, func(a, b kv) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// safeLink returns u if it is an http(s) link to a legal source, and ""
// otherwise, so that the page links to nothing else.
func safeLink(u string) template.URL {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		if !strings.ContainsAny(u, "\"'<> \t\n") {
			return template.URL(u)
		}
	}
	return ""
}

// byteSize formats a size in bytes: 1.2 GB.
func byteSize(n int64) string {
	if n < 1000 {
		return num(n) + " B"
	}
	units := []string{"KB", "MB", "GB", "TB", "PB"}
	f, i := float64(n)/1000, 0
	for f >= 1000 && i < len(units)-1 {
		f /= 1000
		i++
	}
	return trimZero(fmt.Sprintf("%.1f", f)) + " " + units[i]
}
