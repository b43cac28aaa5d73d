package report

import (
	"encoding/json"
	"time"

	"github.com/breachkit/breachkit"
)

// jsonObligation has the keys of the duties package's JSON output, plus
// the days left from the report date.
type jsonObligation struct {
	Jurisdiction string  `json:"jurisdiction"`
	Regime       string  `json:"regime"`
	Duty         string  `json:"duty"`
	Recipient    string  `json:"recipient"`
	Due          *string `json:"due"`
	DeadlineText string  `json:"deadline_text"`
	Target       string  `json:"target"`
	DaysLeft     *int    `json:"days_left"`
	Affected     int64   `json:"affected"`
	Citation     string  `json:"citation"`
	Source       string  `json:"source"`
	SourceRead   string  `json:"source_read"`
	Reasoning    string  `json:"reasoning"`
	RuleFile     string  `json:"rule_file"`
}

type jsonExemption struct {
	Jurisdiction string `json:"jurisdiction"`
	Regime       string `json:"regime"`
	Affected     int64  `json:"affected"`
	Reason       string `json:"reason"`
}

type jsonWindow struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// isoDate formats the calendar day of t, or "" for the zero time.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// MarshalJSON writes the form of report.json: snake_case keys, ISO dates
// for days, obligations with the keys of the duties JSON output plus
// days_left (counted from the report date; null when the law sets no
// fixed day), and the disclaimer filled in.
func (d Data) MarshalJSON() ([]byte, error) {
	type plain Data
	out := struct {
		plain
		ReportDate  string           `json:"report_date"`
		Discovered  string           `json:"discovered"`
		Window      *jsonWindow      `json:"breach_window"`
		Obligations []jsonObligation `json:"obligations"`
		Exemptions  []jsonExemption  `json:"exemptions"`
		Disclaimer  string           `json:"disclaimer"`
	}{plain: plain(d), ReportDate: isoDate(reportDate(&d)), Discovered: isoDate(d.Discovered),
		Obligations: []jsonObligation{}, Exemptions: []jsonExemption{}, Disclaimer: disclaimer(&d)}
	if d.Window != nil {
		out.Window = &jsonWindow{isoDate(d.Window.Start), isoDate(d.Window.End)}
	}
	rd := reportDate(&d)
	for _, o := range d.Obligations {
		j := jsonObligation{Jurisdiction: o.Jurisdiction, Regime: o.Regime, Duty: string(o.Duty),
			Recipient: o.Recipient, DeadlineText: o.DeadlineText, Target: isoDate(o.Target),
			Affected: o.Affected, Citation: o.Citation, Source: o.Source, SourceRead: o.SourceRead,
			Reasoning: o.Reasoning, RuleFile: o.RuleFile}
		if !o.Due.IsZero() {
			s := isoDate(o.Due)
			n := daysBetween(rd, o.Due)
			j.Due, j.DaysLeft = &s, &n
		}
		out.Obligations = append(out.Obligations, j)
	}
	for _, e := range d.Exemptions {
		out.Exemptions = append(out.Exemptions, jsonExemption{e.Jurisdiction, e.Regime, e.Affected, e.Reason})
	}
	return json.Marshal(out)
}

// day returns the calendar day of t as midnight UTC, the form the duties
// package uses for dates.
func day(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts the calendar days from a to b (negative when b is
// before a).
func daysBetween(a, b time.Time) int {
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// reportDate is the calendar day of the report.
func reportDate(d *Data) time.Time {
	if d.GeneratedAt.IsZero() {
		return time.Time{}
	}
	return day(d.GeneratedAt)
}

// normalize replaces nil maps and slices by empty ones so that
// report.json shows {} and [] rather than null.
func normalize(d *Data) {
	if d.Sources == nil {
		d.Sources = []Source{}
	}
	if d.FindingsByType == nil {
		d.FindingsByType = map[breachkit.Element]int64{}
	}
	p := &d.People
	if p.ByElement == nil {
		p.ByElement = map[breachkit.Element]int64{}
	}
	if p.ByCombination == nil {
		p.ByCombination = []Combination{}
	}
	for i := range p.ByCombination {
		if p.ByCombination[i].Elements == nil {
			p.ByCombination[i].Elements = breachkit.ElementSet{}
		}
	}
	for _, m := range []*map[string]int64{&p.ByJurisdiction, &p.ByAddressQuality, &p.Flags} {
		if *m == nil {
			*m = map[string]int64{}
		}
	}
	if d.Method.Detectors == nil {
		d.Method.Detectors = []Detector{}
	}
	if d.Method.Thresholds == nil {
		d.Method.Thresholds = []Threshold{}
	}
	if d.Method.RuleFiles == nil {
		d.Method.RuleFiles = []RuleFile{}
	}
	if d.Timings == nil {
		d.Timings = []Timing{}
	}
	if d.Files == nil {
		d.Files = []File{}
	}
}
