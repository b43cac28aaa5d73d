package report

import (
	"cmp"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
)

// Data is everything the report shows, gathered by the caller from the
// scan, people and duties stages of one case. It holds aggregates only:
// the per-person and per-finding rows are streamed to [Write] separately.
// Its JSON form (report.json) uses snake_case keys and ISO dates.
type Data struct {
	// Case is the case's name as the organisation knows it.
	Case string `json:"case"`
	// GeneratedAt is when the report was made. Its calendar day is the
	// report date from which the days left to each deadline are counted.
	GeneratedAt time.Time `json:"generated_at"`
	// Discovered is the day the breach was discovered: day 0 of every
	// deadline.
	Discovered time.Time `json:"discovered"`
	// Window is when the intrusion is believed to have taken place; nil
	// when not known.
	Window *Window `json:"breach_window"`
	// ToolVersion is the version of breachkit that made the report.
	ToolVersion string `json:"tool_version"`
	// Reveal records that people.csv holds unmasked names. The caller
	// decides it and writes the audit entry; the HTML is never unmasked.
	Reveal bool `json:"reveal"`

	// Sources is the evidence manifest: every input, scanned or not.
	Sources []Source `json:"sources"`
	// FindingsByType counts findings by element.
	FindingsByType map[breachkit.Element]int64 `json:"findings_by_type"`

	// People summarises the affected people. When its Total is zero,
	// Write computes it from the people rows it streams.
	People PeopleSummary `json:"people"`
	// UnattachedRecords counts the records that named no one (only
	// diagnoses, card codes, routing numbers: a drug list), which are no
	// people and so in no count of People.
	UnattachedRecords int64 `json:"unattached_records,omitempty"`

	// Obligations and Exemptions are what the duties stage found.
	Obligations []breachkit.Obligation `json:"obligations"`
	Exemptions  []breachkit.Exemption  `json:"exemptions"`
	// Disclaimer heads the obligations; empty means duties.Disclaimer.
	Disclaimer string `json:"disclaimer"`

	// Method says how the numbers were produced.
	Method Method `json:"method"`
	// Timings lists how long each stage took, in order.
	Timings []Timing `json:"timings"`

	// Files lists the data files Write produced, with their digests. Write
	// fills it; the caller leaves it empty.
	Files []File `json:"files"`
}

// Window is the period during which the data is believed to have been
// taken. Either end may be zero when unknown.
type Window struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Source is one input of the case as the evidence manifest lists it.
type Source struct {
	Path     string                 `json:"path"`
	SHA256   string                 `json:"sha256"`
	Size     int64                  `json:"size"`
	Format   string                 `json:"format"`
	Status   breachkit.SourceStatus `json:"status"`
	Reason   string                 `json:"reason"`
	Findings int64                  `json:"findings"`
}

// SourcesFrom converts the stored sources of a case into manifest rows,
// keeping their order.
func SourcesFrom(ss []breachkit.Source) []Source {
	out := make([]Source, len(ss))
	for i, s := range ss {
		out[i] = Source{Path: s.Path, SHA256: s.SHA256, Size: s.Size, Format: s.Format,
			Status: s.Status, Reason: s.Reason, Findings: s.Findings}
	}
	return out
}

// The flags the report counts. The people stage sets them on a person.
const (
	FlagNoName           = "no-name"
	FlagSubstituteNotice = "substitute-notice"
	FlagSingleIdentifier = "single-identifier"
	// FlagMilitary is shown when a person's address is Armed Forces
	// mail, which names no state.
	FlagMilitary = "military-address"
)

// PeopleSummary counts the affected people in the ways the report shows
// them. Every map key is a plain string so that report.json is stable.
type PeopleSummary struct {
	// Total is the number of distinct people.
	Total int64 `json:"total"`
	// ByElement counts people by each exposed element; a person with SSN
	// and DOB counts once under each.
	ByElement map[breachkit.Element]int64 `json:"by_element"`
	// ByCombination lists the most frequent sets of exposed elements,
	// largest first; OtherCombinations counts the people in the rest.
	ByCombination     []Combination `json:"by_combination"`
	OtherCombinations int64         `json:"other_combinations"`
	// ByJurisdiction counts people by residence: an ISO 3166-2 code for a
	// US state or territory (US-TX), a country code (CA, GB), or
	// "unknown".
	ByJurisdiction map[string]int64 `json:"by_jurisdiction"`
	// ByAddressQuality counts people by the quality of their mailing
	// address (deliverable, partial, none).
	ByAddressQuality map[string]int64 `json:"by_address_quality"`
	// Flags counts people by flag; see FlagNoName, FlagSubstituteNotice
	// and FlagSingleIdentifier.
	Flags map[string]int64 `json:"flags"`
}

// Combination is one set of exposed elements and how many people had
// exactly that set exposed.
type Combination struct {
	Elements breachkit.ElementSet `json:"elements"`
	Count    int64                `json:"count"`
}

// Method records how the report's numbers were produced, so that a reader
// can reproduce or challenge them.
type Method struct {
	// Detectors lists the detectors scan ran, with their versions.
	Detectors []Detector `json:"detectors"`
	// Thresholds lists the settings that decided what counted: the minimum
	// confidence of a finding, the matching thresholds of people, ...
	Thresholds []Threshold `json:"thresholds"`
	// RuleFiles lists the duties rule files applied, with their versions
	// and the dates their sources were read.
	RuleFiles []RuleFile `json:"rule_files"`
}

// Detector is one detector of the scan stage.
type Detector struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Threshold is one setting, such as min_confidence 0.8.
type Threshold struct {
	Name        string  `json:"name"`
	Value       float64 `json:"value"`
	Description string  `json:"description"`
}

// RuleFile is one duties rule file: its path, the version in force on the
// discovery date (as cited in obligations) and when its sources were read.
type RuleFile struct {
	Path         string `json:"path"`
	Jurisdiction string `json:"jurisdiction"`
	Version      string `json:"version"`
	Read         string `json:"read"` // ISO date
}

// Timing is how long one stage took.
type Timing struct {
	Stage    string        `json:"stage"`
	Duration time.Duration `json:"-"`
	// Items is how many things the stage handled (files, findings,
	// people); zero when not counted.
	Items int64 `json:"items"`
}

// MarshalJSON writes the duration as seconds.
func (t Timing) MarshalJSON() ([]byte, error) {
	type plain Timing
	return json.Marshal(struct {
		plain
		Seconds float64 `json:"seconds"`
	}{plain(t), t.Duration.Seconds()})
}

// File is one data file of the report with its digest, so that a copy can
// be checked against report.json.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// Rows is the number of data rows (lines of findings.jsonl, people in
	// people.csv, ...), without any header.
	Rows int64 `json:"rows"`
}

// PersonRow is one line of the notification list. Name may be the plain
// name: Write masks it unless Data.Reveal is set.
type PersonRow struct {
	ID             int64
	Name           string
	Jurisdiction   string
	Elements       breachkit.ElementSet
	AddressQuality string
	Flags          []string
}

// PeopleFunc streams the people of the case: it calls yield once per
// person, in the order they should be listed, and stops with yield's error
// if yield returns one. Write holds no row after yield returns, so memory
// stays bounded however many people there are.
type PeopleFunc func(yield func(PersonRow) error) error

// FindingsFunc writes the findings of the case to w as JSON lines, one
// finding per line, exactly as scan writes them.
type FindingsFunc func(w io.Writer) error

// Tally computes a PeopleSummary from people rows one at a time. Its
// memory grows with the number of distinct jurisdictions and element
// sets, not with the number of people. The zero Tally is not ready; use
// NewTally.
type Tally struct {
	s      PeopleSummary
	combos map[string]*Combination
}

// NewTally returns an empty tally.
func NewTally() *Tally {
	return &Tally{
		s: PeopleSummary{ByElement: map[breachkit.Element]int64{}, ByJurisdiction: map[string]int64{},
			ByAddressQuality: map[string]int64{}, Flags: map[string]int64{}},
		combos: map[string]*Combination{},
	}
}

// Add counts one person.
func (t *Tally) Add(p PersonRow) {
	t.s.Total++
	for _, e := range p.Elements {
		t.s.ByElement[e]++
	}
	key := p.Elements.String()
	c := t.combos[key]
	if c == nil {
		c = &Combination{Elements: slices.Clone(p.Elements)}
		t.combos[key] = c
	}
	c.Count++
	j := strings.TrimSpace(p.Jurisdiction)
	if j == "" {
		j = "unknown"
	}
	t.s.ByJurisdiction[j]++
	q := p.AddressQuality
	if q == "" {
		q = "unknown"
	}
	t.s.ByAddressQuality[q]++
	for _, f := range p.Flags {
		t.s.Flags[f]++
	}
}

// Summary returns the counts so far, with the top element sets (at most
// top of them; top <= 0 means 15) in ByCombination.
func (t *Tally) Summary(top int) PeopleSummary {
	if top <= 0 {
		top = 15
	}
	s := t.s
	s.ByElement = cloneMap(s.ByElement)
	s.ByJurisdiction = cloneMap(s.ByJurisdiction)
	s.ByAddressQuality = cloneMap(s.ByAddressQuality)
	s.Flags = cloneMap(s.Flags)
	var all []Combination
	for _, c := range t.combos {
		all = append(all, *c)
	}
	slices.SortFunc(all, func(a, b Combination) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Elements.String(), b.Elements.String())
	})
	s.ByCombination, s.OtherCombinations = all, 0
	if len(all) > top {
		s.ByCombination = all[:top]
		for _, c := range all[top:] {
			s.OtherCombinations += c.Count
		}
	}
	return s
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// RuleFilesFrom lists the rule files of rules for the method section: for
// each, the version in force on the discovery day ("effective
// 2020-01-01", or "none in force") and the latest day one of its sources
// was read.
func RuleFilesFrom(rules *duties.Rules, discovered time.Time) []RuleFile {
	if rules == nil {
		return []RuleFile{}
	}
	d := day(discovered)
	out := make([]RuleFile, 0, len(rules.Files))
	for _, f := range rules.Files {
		rf := RuleFile{Path: f.Path, Jurisdiction: f.Jurisdiction, Version: "none in force"}
		for _, v := range f.Versions {
			if !v.EffectiveFrom.After(d) && (v.EffectiveTo.IsZero() || d.Before(v.EffectiveTo.Time)) {
				rf.Version = "effective " + v.EffectiveFrom.String()
			}
		}
		var read duties.Date
		for _, s := range f.Sources {
			if s.Read.After(read.Time) {
				read = s.Read
			}
		}
		if !read.IsZero() {
			rf.Read = read.String()
		}
		out = append(out, rf)
	}
	return out
}

// PersonRowFrom makes the notification-list row of a stored person. name
// is the person's name from the opened profile, or "" when there is none;
// Write masks it unless Data.Reveal is set.
func PersonRowFrom(p breachkit.Person, name string) PersonRow {
	return PersonRow{ID: p.ID, Name: name, Jurisdiction: p.Jurisdiction, Elements: p.Elements,
		AddressQuality: p.AddressQuality, Flags: p.Flags}
}

// FindingsFrom returns a FindingsFunc that copies r, such as the
// findings.jsonl that scan wrote, as it is.
func FindingsFrom(r io.Reader) FindingsFunc {
	return func(w io.Writer) error {
		_, err := io.Copy(w, r)
		return err
	}
}
