package duties

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
)

// Result is what Evaluate found: the obligations, and the jurisdictions or
// duties that have affected residents but no obligation, with the reason.
type Result struct {
	Scenario    *Scenario
	Obligations []breachkit.Obligation
	Exemptions  []breachkit.Exemption
}

// Evaluate applies every rule file to the scenario. For each file it takes
// the version in force on the discovery date, finds the residents the law
// protects whose exposed elements meet one of its triggers, applies the
// organisation kinds, encryption safe harbour, recorded no-harm
// determinations and thresholds, and dates each duty. Residents of a
// jurisdiction without a rule file are reported as exemptions for counsel
// to review, never dropped. Obligations are sorted by date (the due date,
// or the target when the law sets none), jurisdiction, duty and recipient.
func Evaluate(rules *Rules, sc *Scenario) Result {
	res := Result{Scenario: sc}
	for _, f := range rules.Files {
		e := evaluation{f: f, sc: sc, res: &res}
		e.run()
	}
	res.Exemptions = append(res.Exemptions, missingRuleFiles(rules, sc)...)
	sort.SliceStable(res.Obligations, func(i, j int) bool {
		a, b := res.Obligations[i], res.Obligations[j]
		da, db := sortDate(a), sortDate(b)
		if !da.Equal(db) {
			return da.Before(db)
		}
		if a.Due.IsZero() != b.Due.IsZero() {
			return !a.Due.IsZero()
		}
		if a.Jurisdiction != b.Jurisdiction {
			return a.Jurisdiction < b.Jurisdiction
		}
		if a.Duty != b.Duty {
			return a.Duty < b.Duty
		}
		return a.Recipient < b.Recipient
	})
	sort.SliceStable(res.Exemptions, func(i, j int) bool {
		a, b := res.Exemptions[i], res.Exemptions[j]
		if a.Jurisdiction != b.Jurisdiction {
			return a.Jurisdiction < b.Jurisdiction
		}
		if a.Regime != b.Regime {
			return a.Regime < b.Regime
		}
		return a.Reason < b.Reason
	})
	return res
}

func sortDate(o breachkit.Obligation) time.Time {
	if !o.Due.IsZero() {
		return o.Due
	}
	return o.Target
}

// residentsOf returns the resident jurisdictions a file protects; all is
// true when it protects everyone ("*").
func (f *RuleFile) residentsOf() (set map[string]bool, all bool) {
	list := f.ResidentsOf
	if len(list) == 0 {
		list = []string{f.Jurisdiction}
	}
	set = map[string]bool{}
	for _, r := range list {
		codes, a := expandResidents(r)
		if a {
			return nil, true
		}
		for _, c := range codes {
			set[c] = true
		}
	}
	return set, false
}

// missingRuleFiles reports residents of jurisdictions that no rule file
// names (federal regimes covering "all US residents" do not count: the
// state's own law still has to be checked).
func missingRuleFiles(rules *Rules, sc *Scenario) []breachkit.Exemption {
	named := map[string]bool{}
	for _, f := range rules.Files {
		list := f.ResidentsOf
		if len(list) == 0 {
			list = []string{f.Jurisdiction}
		}
		for _, r := range list {
			switch r {
			case "*", "US":
			case "EU":
				for _, c := range euMembers {
					named[c] = true
				}
			default:
				named[r] = true
			}
		}
	}
	counts := map[string]int64{}
	var order []string
	for _, r := range sc.Residents {
		if named[r.Jurisdiction] || r.Jurisdiction == UnknownResidence {
			continue
		}
		if _, ok := counts[r.Jurisdiction]; !ok {
			order = append(order, r.Jurisdiction)
		}
		counts[r.Jurisdiction] += r.Count
	}
	var out []breachkit.Exemption
	for _, j := range order {
		regime := ""
		if strings.HasPrefix(j, "US-") {
			regime = "state-breach-law"
		}
		out = append(out, breachkit.Exemption{Jurisdiction: j, Regime: regime, Affected: counts[j],
			Reason: fmt.Sprintf("no rule file for %s — counsel must review", j)})
	}
	return out
}

// evaluation holds the state of applying one rule file.
type evaluation struct {
	f   *RuleFile
	v   *Version
	sc  *Scenario
	res *Result

	covered   []Resident // residents the law protects
	triggered []Resident // of those, the ones whose elements meet a trigger
	affected  int64
	indivDue  Date // due date of the individuals' obligation, once made
	exempted  int  // exemptions recorded for this file
}

func (e *evaluation) exempt(jurisdiction string, affected int64, reason string) {
	e.res.Exemptions = append(e.res.Exemptions, breachkit.Exemption{
		Jurisdiction: jurisdiction, Regime: e.f.Regime, Affected: affected, Reason: reason})
	e.exempted++
}

func sum(rs []Resident) int64 {
	var n int64
	for _, r := range rs {
		n += r.Count
	}
	return n
}

func (e *evaluation) run() {
	f, sc := e.f, e.sc
	set, all := f.residentsOf()
	for _, r := range sc.Residents {
		if all || set[r.Jurisdiction] {
			e.covered = append(e.covered, r)
		}
	}
	if len(e.covered) == 0 {
		return
	}
	total := sum(e.covered)
	if len(f.AppliesToKinds) > 0 && !overlaps(f.AppliesToKinds, sc.Kinds) {
		kinds := "no kind stated"
		if len(sc.Kinds) > 0 {
			kinds = strings.Join(sc.Kinds, ", ")
		}
		e.exempt(f.Jurisdiction, total, fmt.Sprintf("%s applies only to %s; the organisation is %s",
			f.Name, strings.Join(f.AppliesToKinds, " or "), kinds))
		return
	}
	e.v = f.versionAt(sc.Discovered)
	if e.v == nil {
		e.exempt(f.Jurisdiction, total, fmt.Sprintf("%s: rule not in force on %s (%s)", f.Name, sc.Discovered, f.inForceText()))
		return
	}
	v := e.v
	for _, r := range e.covered {
		if v.AnyPersonalData || meetsTrigger(r.Elements, v.Triggers) {
			e.triggered = append(e.triggered, r)
		}
	}
	if len(e.triggered) == 0 {
		var exposed []breachkit.Element
		for _, r := range e.covered {
			exposed = append(exposed, r.Elements...)
		}
		e.exempt(f.Jurisdiction, total, fmt.Sprintf("no trigger met: exposed %s; %s needs one of %s",
			breachkit.NewElementSet(exposed...), v.Citation, triggersText(v.Triggers)))
		return
	}
	e.affected = sum(e.triggered)

	// Organisation kinds the law does not apply to, or that it is limited to.
	// A separate notice is another statute's, kept in the file of its
	// state (Tennessee's insurance data security law): the breach law's
	// exemption does not reach it.
	lawExempt := e.kindExemption("")
	if lawExempt != nil {
		e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s does not apply to this organisation (%s): %s (%s)",
			f.Name, e.kindsPhrase(lawExempt.Kinds), strings.TrimSpace(lawExempt.Text), e.blockCitation(lawExempt.Citation, lawExempt.Source)))
		if !e.separateNotice() {
			return
		}
	}
	var fileNotes []string
	if ok := v.OnlyKinds; ok != nil {
		switch {
		case overlaps(ok.Kinds, sc.Kinds):
			fileNotes = append(fileNotes, fmt.Sprintf("%s binds only %s; the organisation is one", f.Name, strings.Join(ok.Kinds, " or ")))
		case containsAll(sc.NotKinds, ok.Kinds):
			e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s binds only %s (%s; %s); the scenario records that the organisation is none of these",
				f.Name, strings.Join(ok.Kinds, " or "), strings.TrimSpace(ok.Text), e.blockCitation(ok.Citation, ok.Source)))
			return
		default:
			fileNotes = append(fileNotes, fmt.Sprintf("%s binds only %s (%s); the scenario does not say whether the organisation is one, so the duty is listed conservatively and counsel must confirm the law applies (organization.not_kinds records that it does not)",
				f.Name, strings.Join(ok.Kinds, " or "), e.blockCitation(ok.Citation, ok.Source)))
		}
	}
	for _, dc := range v.DeemedCompliance {
		if len(dc.Kinds) == 0 || !overlaps(dc.Kinds, sc.Kinds) {
			continue
		}
		fileNotes = append(fileNotes, fmt.Sprintf("deemed compliance for %s, not an exemption: the duty remains but may be met under another regime's procedures (%s)",
			e.kindsPhrase(dc.Kinds), strings.TrimSpace(dc.Text)))
	}

	// Encryption and no-harm determinations that excuse every duty are
	// reported once for the file.
	encExcuses := e.encryptionExcuses()
	if encExcuses != nil && len(v.Encryption.Duties) == 0 {
		e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("data encrypted and key not compromised: %s safe harbour (%s)", v.Citation, strings.TrimSpace(v.Encryption.Text)))
		return
	}
	// An organisation that maintains the data for another tells the
	// owner; the law's other notices are the owner's to give, but those a
	// rule file marks role: maintainer are the maintainer's own beside it
	// (Oregon: a vendor tells the Attorney General unless the covered
	// entity has).
	maint := sc.Role == RoleMaintainer && v.DataOwner != nil && lawExempt == nil
	if maint {
		e.maintainer(fileNotes)
	}
	// A no-harm determination under the breach law does not reach a
	// separate notice, which another statute imposes on its own terms
	// (an insurance data security law's notice to the commissioner),
	// unless the file's risk_of_harm names that notice's duty (Ohio's,
	// whose insurance law asks for likely harm where no other law
	// requires a notice to a government body).
	nh := e.noHarm()
	if nh != nil && v.RiskOfHarm != nil && v.RiskOfHarm.Allowed && len(v.RiskOfHarm.Duties) == 0 && len(nh.Duties) == 0 && !e.separateNotice() {
		e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("no-harm determination by %s on %s (%s); %s allows it", nh.By, nh.Date, nh.Basis, v.Citation))
		return
	}

	made := 0
	for _, c := range e.candidates() {
		n := c.notice
		if len(n.Kinds) > 0 && !overlaps(n.Kinds, sc.Kinds) {
			continue // the duty of another role (HIPAA covered entity vs business associate)
		}
		if (n.Role == RoleMaintainer) != maint {
			continue // the owner's notice for a maintainer, or a maintainer's for the owner
		}
		if lawExempt != nil && !n.Separate {
			continue
		}
		who := c.recipient
		if encExcuses != nil && contains(v.Encryption.Duties, c.duty) {
			e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s: data encrypted and key not compromised (%s)", who, v.Citation))
			continue
		}
		// A duty's kind exemption is the breach law's: it does not reach a
		// separate notice of the same duty (Pennsylvania exempts insurance
		// licensees from its Attorney General notice, not from the
		// Insurance Commissioner's).
		if ek := e.kindExemption(c.duty); ek != nil && !n.Separate {
			e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s: does not apply to this organisation (%s): %s (%s)",
				who, e.kindsPhrase(ek.Kinds), strings.TrimSpace(ek.Text), e.blockCitation(ek.Citation, ek.Source)))
			continue
		}
		notes := append([]string(nil), fileNotes...)
		if sc.Role == RoleMaintainer && !maint && len(n.Kinds) == 0 && !n.Separate {
			notes = append(notes, fmt.Sprintf("the organisation maintains the data for another, and the rule file names no separate duty for that role under %s: the duty is listed as the law states it, and counsel decides whether the owner or the organisation gives it", f.Name))
		}
		if nh != nil && n.Separate && (v.RiskOfHarm == nil || !contains(v.RiskOfHarm.Duties, c.duty)) {
			notes = append(notes, fmt.Sprintf("a no-harm determination of %s is recorded under %s; it does not reach this notice, which another statute imposes on its own terms (counsel checks that statute's own conditions)", nh.Date, v.Citation))
		} else if nh != nil && (len(nh.Duties) == 0 || contains(nh.Duties, c.duty)) {
			if v.RiskOfHarm.excuses(c.duty) {
				e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s: no-harm determination by %s on %s (%s)", who, nh.By, nh.Date, nh.Basis))
				continue
			}
			what := "excuse notice"
			if v.RiskOfHarm != nil && v.RiskOfHarm.Allowed {
				what = "excuse this notice"
			}
			notes = append(notes, fmt.Sprintf("a no-harm determination of %s is recorded, but this law does not let it %s", nh.Date, what))
		}
		for _, g := range e.groups(n) {
			if n.Threshold > 1 && g.affected < n.Threshold {
				e.exempt(g.jurisdiction, g.affected, fmt.Sprintf("%s: %s affected, below the threshold of %s (%s)", who, comma(g.affected), comma(n.Threshold), citation(v, n)))
				continue
			}
			if n.MaxAffected > 0 && g.affected > n.MaxAffected {
				continue // a notice for smaller breaches only (HIPAA's annual log to HHS)
			}
			o := e.obligation(c, g, notes)
			e.res.Obligations = append(e.res.Obligations, o)
			if c.duty == string(breachkit.DutyIndividuals) {
				e.indivDue = Date{o.Due}
				e.substitute(o, g)
			}
			made++
		}
	}
	if made == 0 && e.exempted == 0 {
		e.exempt(f.Jurisdiction, e.affected, fmt.Sprintf("%s imposes no duty on this organisation", f.Name))
	}
}

// maintainer makes the notice an organisation that maintains the data
// for another owes the data's owner (the version's data_owner), and
// records the version's other notices as the owner's, so that none is
// left out unsaid (run makes those marked role: maintainer). A no-harm
// determination excuses the notice only where the rule file's
// risk_of_harm names data-owner: the owner, not the maintainer, usually
// decides whether the people must be told.
func (e *evaluation) maintainer(notes []string) {
	v, n := e.v, e.v.DataOwner
	c := candidate{notice: n, duty: string(breachkit.DutyDataOwner), recipient: "Owner or licensee of the data"}
	if n.Recipient != "" {
		c.recipient = n.Recipient
	}
	if len(n.Kinds) > 0 && !overlaps(n.Kinds, e.sc.Kinds) {
		e.exempt(e.f.Jurisdiction, e.affected, fmt.Sprintf("%s: owed only by %s (%s)", c.recipient, e.kindsPhrase(n.Kinds), citation(v, n)))
		return
	}
	notes = append([]string(nil), notes...)
	if nh := e.noHarm(); nh != nil && (len(nh.Duties) == 0 || contains(nh.Duties, c.duty)) {
		if v.RiskOfHarm != nil && v.RiskOfHarm.Allowed && contains(v.RiskOfHarm.Duties, c.duty) {
			e.exempt(e.f.Jurisdiction, e.affected, fmt.Sprintf("%s: no-harm determination by %s on %s (%s)", c.recipient, nh.By, nh.Date, nh.Basis))
			return
		}
		notes = append(notes, fmt.Sprintf("a no-harm determination of %s is recorded, but this law does not let it excuse the maintainer's notice to the owner, who decides on the notice to the people", nh.Date))
	}
	g := group{jurisdiction: e.f.Jurisdiction, affected: e.affected, residents: e.triggered}
	e.res.Obligations = append(e.res.Obligations, e.obligation(c, g, notes))
	var owners []string
	for _, oc := range e.candidates() {
		if len(oc.notice.Kinds) > 0 && !overlaps(oc.notice.Kinds, e.sc.Kinds) || oc.notice.Role == RoleMaintainer {
			continue
		}
		owners = append(owners, oc.recipient)
	}
	if len(owners) > 0 {
		e.exempt(e.f.Jurisdiction, e.affected, fmt.Sprintf("the organisation maintains the data for another: notice to %s under %s is the owner's or licensee's to give, once told (data-owner obligation)",
			strings.Join(owners, ", "), v.Citation))
	}
}

func (f *RuleFile) inForceText() string {
	var parts []string
	for _, v := range f.Versions {
		if v.EffectiveTo.IsZero() {
			parts = append(parts, "in force from "+v.EffectiveFrom.String())
		} else {
			parts = append(parts, "in force "+v.EffectiveFrom.String()+" to "+v.EffectiveTo.String())
		}
	}
	return strings.Join(parts, "; ")
}

// separateNotice reports whether the version has a separate notice
// (another statute's) that binds the organisation.
func (e *evaluation) separateNotice() bool {
	for _, c := range e.candidates() {
		if c.notice.Separate && (len(c.notice.Kinds) == 0 || overlaps(c.notice.Kinds, e.sc.Kinds)) {
			return true
		}
	}
	return false
}

// kindExemption returns the exempt_kinds entry that applies to the
// organisation for duty, or for the whole law when duty is "".
func (e *evaluation) kindExemption(duty string) *KindExemption {
	for i, ek := range e.v.ExemptKinds {
		if !overlaps(ek.Kinds, e.sc.Kinds) {
			continue
		}
		if (duty == "" && len(ek.Duties) == 0) || (duty != "" && contains(ek.Duties, duty)) {
			return &e.v.ExemptKinds[i]
		}
	}
	return nil
}

// kindsPhrase names the organisation's kinds among kinds: "financial-institution".
func (e *evaluation) kindsPhrase(kinds []string) string {
	var have []string
	for _, k := range kinds {
		if contains(e.sc.Kinds, k) {
			have = append(have, k)
		}
	}
	if len(have) == 0 {
		have = kinds
	}
	return strings.Join(have, ", ")
}

// blockCitation is a block's citation, or the version's, with the source
// address when the block names its own source.
func (e *evaluation) blockCitation(cit, src string) string {
	if cit == "" {
		cit = e.v.Citation
	}
	if src != "" && src != e.v.Source {
		if s := e.f.source(src); s != nil {
			cit += ", " + s.URL
		}
	}
	return cit
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !contains(have, w) {
			return false
		}
	}
	return len(want) > 0
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// Notifiable reports whether elements exposed together meet the
// trigger of some law's version in force on d: a person whose exposed
// name alone, or address alone, meets none is nobody any law requires
// to be told, however few contact details are known for them.
func (r *Rules) Notifiable(have breachkit.ElementSet, d Date) bool {
	for _, f := range r.Files {
		if v := f.versionAt(d); v != nil && meetsTrigger(have, v.Triggers) {
			return true
		}
	}
	return false
}

func meetsTrigger(have breachkit.ElementSet, triggers [][]breachkit.Element) bool {
	for _, t := range triggers {
		if have.Contains(t) {
			return true
		}
	}
	return false
}

func triggersText(triggers [][]breachkit.Element) string {
	parts := make([]string, len(triggers))
	for i, t := range triggers {
		parts[i] = breachkit.NewElementSet(t...).String()
	}
	return strings.Join(parts, ", ")
}

// encryptionExcuses returns the encryption rule when it excuses notice in
// this scenario, or nil.
func (e *evaluation) encryptionExcuses() *Encryption {
	enc := e.v.Encryption
	if !e.sc.Encrypted || enc == nil || !enc.SafeHarbor {
		return nil
	}
	if e.sc.KeyCompromised && enc.LostIfKeyCompromised {
		return nil
	}
	return enc
}

// noHarm returns the recorded no-harm determination for the file's
// jurisdiction, or nil.
func (e *evaluation) noHarm() *NoHarm {
	for i, n := range e.sc.NoHarm {
		if n.Jurisdiction == e.f.Jurisdiction {
			return &e.sc.NoHarm[i]
		}
	}
	return nil
}

type candidate struct {
	notice    *Notice
	duty      string
	recipient string
}

// candidates lists the version's notices in a fixed order with their duty
// and recipient filled in.
func (e *evaluation) candidates() []candidate {
	v := e.v
	var out []candidate
	add := func(n *Notice, duty, recipient string) {
		if n == nil {
			return
		}
		if n.Duty != "" {
			duty = n.Duty
		}
		if n.Recipient != "" {
			recipient = n.Recipient
		}
		out = append(out, candidate{notice: n, duty: duty, recipient: recipient})
	}
	add(v.Individuals, string(breachkit.DutyIndividuals), "Affected individuals")
	for _, r := range v.Regulators {
		add(r, string(breachkit.DutyRegulator), "")
	}
	add(v.ConsumerReporting, string(breachkit.DutyCRA), "Nationwide consumer reporting agencies")
	add(v.Media, string(breachkit.DutyMedia), "Prominent media outlets")
	return out
}

type group struct {
	jurisdiction string
	affected     int64
	residents    []Resident
}

// groups splits the triggered residents for a notice: one group for a
// total threshold, one per jurisdiction for a per-jurisdiction threshold.
func (e *evaluation) groups(n *Notice) []group {
	if n.ThresholdScope != "per-jurisdiction" {
		return []group{{jurisdiction: e.f.Jurisdiction, affected: e.affected, residents: e.triggered}}
	}
	by := map[string]*group{}
	var order []string
	for _, r := range e.triggered {
		if r.Jurisdiction == UnknownResidence {
			continue // a threshold per state: they are in none
		}
		g, ok := by[r.Jurisdiction]
		if !ok {
			g = &group{jurisdiction: r.Jurisdiction}
			by[r.Jurisdiction] = g
			order = append(order, r.Jurisdiction)
		}
		g.affected += r.Count
		g.residents = append(g.residents, r)
	}
	sort.Strings(order)
	out := make([]group, len(order))
	for i, j := range order {
		out[i] = *by[j]
	}
	return out
}

func citation(v *Version, n *Notice) string {
	if n != nil && n.Citation != "" {
		return n.Citation
	}
	return v.Citation
}

// clock returns when a notice's deadline starts counting. ok is false when
// the scenario does not say (no materiality determination yet); note
// explains any default used.
func (e *evaluation) clock(n *Notice) (start Date, what string, ok bool, note string) {
	sc := e.sc
	switch n.Clock {
	case "discovery":
		return sc.Discovered, "discovery", true, ""
	case "determination":
		if sc.Determined.IsZero() {
			return sc.Discovered, "determination", true, "no determination date given, counted from discovery"
		}
		return sc.Determined, "determination", true, ""
	case "materiality":
		if sc.MaterialityDetermined.IsZero() {
			return Date{}, "the materiality determination", false, "no materiality determination recorded"
		}
		return sc.MaterialityDetermined, "the materiality determination", true, ""
	case "notification":
		if !sc.NotifiedIndividuals.IsZero() {
			return sc.NotifiedIndividuals, "notice to individuals", true, ""
		}
		if !e.indivDue.IsZero() {
			return e.indivDue, "notice to individuals", true, "no notice date recorded, counted from the individuals' due date"
		}
		return Date{}, "notice to individuals", false, "no date of notice to individuals recorded"
	case "calendar-year-end":
		return Date{time.Date(sc.Discovered.Year(), time.December, 31, 0, 0, 0, 0, time.UTC)},
			"the end of the calendar year of discovery", true, ""
	}
	return sc.Discovered, n.Clock, true, ""
}

// obligation builds the obligation of one notice for one group.
func (e *evaluation) obligation(c candidate, g group, notes []string) breachkit.Obligation {
	f, v, sc, n := e.f, e.v, e.sc, c.notice
	start, what, ok, note := e.clock(n)
	if note != "" {
		notes = append(notes, note)
	}
	var due, target Date
	timing := ""
	switch {
	case n.DeadlineHours != nil:
		timing = fmt.Sprintf("within %d hours of %s", *n.DeadlineHours, what)
		if ok {
			due = addHours(start, *n.DeadlineHours)
		}
	case n.DeadlineDays != nil && n.BusinessDays:
		timing = fmt.Sprintf("within %d business days of %s", *n.DeadlineDays, what)
		if ok {
			due = addBusinessDays(start, *n.DeadlineDays)
		}
	case n.DeadlineDays != nil:
		timing = fmt.Sprintf("within %d days of %s", *n.DeadlineDays, what)
		if ok {
			due = start.AddDays(*n.DeadlineDays)
		}
	default:
		timing = fmt.Sprintf("%q (no fixed deadline; counted from %s)", strings.TrimSpace(n.Text), what)
	}
	if ok {
		target = start.AddDays(sc.TargetDays)
	} else {
		target = sc.Discovered.AddDays(sc.TargetDays)
	}
	if !due.IsZero() && due.Before(target.Time) {
		target = due
	}
	if c.duty == string(breachkit.DutyIndividuals) && !sc.LawEnforcementDelayUntil.IsZero() {
		until := sc.LawEnforcementDelayUntil
		if v.LawEnforcementDelay != nil && v.LawEnforcementDelay.Allowed {
			if !due.IsZero() && due.Before(until.Time) {
				due = until
			}
			if target.Before(until.Time) {
				target = until
			}
			notes = append(notes, fmt.Sprintf("law enforcement delay recorded until %s, so notice is not due before then", until))
		} else {
			notes = append(notes, fmt.Sprintf("a law enforcement delay until %s is recorded, but the rule file provides none: counsel must review", until))
		}
	}
	src := v.Source
	if n.Source != "" {
		src = n.Source
	}
	s := f.source(src)
	cit := citation(v, n)

	who := "notice to " + c.recipient
	if c.duty == string(breachkit.DutyIndividuals) {
		who = "notice to affected individuals"
	}
	if n.Threshold > 1 {
		scope := ""
		if n.ThresholdScope == "per-jurisdiction" {
			scope = " in one jurisdiction"
		}
		who += fmt.Sprintf(" (threshold %s%s met)", comma(n.Threshold), scope)
	}
	outcome := ""
	switch {
	case !due.IsZero():
		outcome = "→ " + due.String()
	case !ok:
		outcome = "→ no date yet (" + note + "); target " + target.String()
	default:
		outcome = "→ no fixed date; target " + target.String()
	}
	reason := fmt.Sprintf("%s %s; %s requires %s %s %s", e.residentsPhrase(g), elementsPhrase(g.residents), cit, who, timing, outcome)
	if len(notes) > 0 {
		// the clock note is already in the outcome when there is no date
		var rest []string
		for _, x := range notes {
			if ok || x != note {
				rest = append(rest, x)
			}
		}
		if len(rest) > 0 {
			reason += " (" + strings.Join(rest, "; ") + ")"
		}
	}
	o := breachkit.Obligation{
		Jurisdiction: g.jurisdiction,
		Regime:       f.Regime,
		Duty:         breachkit.Duty(c.duty),
		Recipient:    c.recipient,
		DeadlineText: strings.TrimSpace(n.Text),
		Target:       target.Time,
		Affected:     g.affected,
		Citation:     cit,
		Reasoning:    reason + ".",
		RuleFile:     f.ref(v),
	}
	if !due.IsZero() {
		o.Due = due.Time
	}
	if s != nil {
		o.Source = s.URL
		o.SourceRead = s.Read.String()
	}
	return o
}

// substitute adds a substitute-notice obligation next to the individuals'
// one, for the residents of group g, when some of them have no
// deliverable postal address (their groups' unreachable counts, or else
// the breach's substitute_notice_persons) or there are more than the
// law's persons_over, and the law provides substitute notice. Those of
// them with an email address are said so when the law accepts notice by
// email, with its condition; they are still counted, since whether the
// condition is met (consent under E-SIGN, say) is a fact only the
// organisation knows. Cost conditions are not evaluated; counsel decides
// those.
func (e *evaluation) substitute(indiv breachkit.Obligation, g group) {
	sn := e.v.SubstituteNotice
	if sn == nil {
		return
	}
	var why string
	affected := indiv.Affected
	var unreachable, withEmail int64
	for _, r := range g.residents {
		unreachable += r.Unreachable
		withEmail += r.UnreachableWithEmail
	}
	perGroup := false
	for _, r := range e.sc.Residents {
		perGroup = perGroup || r.Unreachable > 0
	}
	switch {
	case perGroup && unreachable == 0 && !(sn.PersonsOver != nil && indiv.Affected > *sn.PersonsOver):
		return // everyone here can be reached; the unreachable live elsewhere
	case perGroup && unreachable > 0:
		affected = min(unreachable, affected)
		verb := "have"
		if affected == 1 {
			verb = "has"
		}
		why = fmt.Sprintf("%s of them %s no deliverable postal address", comma(affected), verb)
		why += e.byEmail(min(withEmail, affected), indiv.Citation)
	case e.sc.SubstituteNoticePersons > 0:
		if e.sc.SubstituteNoticePersons < affected {
			affected = e.sc.SubstituteNoticePersons
		}
		why = fmt.Sprintf("%s affected people have no usable contact details", comma(e.sc.SubstituteNoticePersons))
	case sn.PersonsOver != nil && indiv.Affected > *sn.PersonsOver:
		why = fmt.Sprintf("more than %s people are affected, so substitute notice is permitted", comma(*sn.PersonsOver))
	default:
		return
	}
	o := indiv
	o.Duty = breachkit.DutySubstituteNotice
	o.Recipient = "Public (substitute notice)"
	o.Affected = affected
	o.DeadlineText = strings.TrimSpace(sn.Text)
	o.Reasoning = fmt.Sprintf("%s; %s provides substitute notice (%s), due with notice to individuals.", why, indiv.Citation, strings.TrimSpace(sn.Text))
	e.res.Obligations = append(e.res.Obligations, o)
}

// byEmail says, after the count of people without a deliverable postal
// address, that n of them have an email address and whether the law
// (cited as cite) accepts notice by email and on what condition; "" when
// n is zero or the law names no email method.
func (e *evaluation) byEmail(n int64, cite string) string {
	in := e.v.Individuals
	if n == 0 || in == nil || !slices.ContainsFunc(in.Methods, func(m string) bool { return strings.Contains(strings.ToLower(m), "email") }) {
		return ""
	}
	verb := "have"
	if n == 1 {
		verb = "has"
	}
	s := fmt.Sprintf(" (%s of these %s an email address, and %s accepts notice by email", comma(n), verb, cite)
	if c := strings.Join(strings.Fields(in.EmailCondition), " "); c != "" {
		s += ": " + c
	}
	return s + ")"
}

func (e *evaluation) residentsPhrase(g group) string {
	set, all := e.f.residentsOf()
	switch {
	case g.jurisdiction != e.f.Jurisdiction:
		return comma(g.affected) + " " + JurisdictionName(g.jurisdiction) + " residents'"
	case !all && (len(set) == 1 || e.f.Jurisdiction != "US"):
		return comma(g.affected) + " " + JurisdictionName(g.jurisdiction) + " residents'"
	}
	return comma(g.affected) + " people's"
}

var elementWords = map[breachkit.Element]string{
	breachkit.SSN: "SSNs", breachkit.ITIN: "ITINs", breachkit.DOB: "dates of birth",
	breachkit.Email: "email addresses", breachkit.Phone: "phone numbers", breachkit.Address: "addresses",
	breachkit.PersonName: "names", breachkit.BankAccount: "bank account numbers",
	breachkit.RoutingNumber: "routing numbers", breachkit.CardNumber: "card numbers",
	breachkit.DriversLicense: "driver's license numbers", breachkit.Passport: "passport numbers",
	breachkit.HealthID: "health insurance IDs", breachkit.Credentials: "login credentials",
	breachkit.AccessCode: "access codes", breachkit.Biometric: "biometric data",
	breachkit.MedicalInfo: "medical information", breachkit.GovID: "government ID numbers",
	breachkit.Genetic: "genetic data", breachkit.DigitalSignature: "digital signatures",
	breachkit.MothersMaidenName: "mothers' maiden names", breachkit.EmployeeID: "employee IDs",
	breachkit.StudentID: "student ID numbers",
}

// customWords names a user-defined element: CUSTOM_LOAN_NUMBER is "loan
// numbers", an acronym such as CUSTOM_CPNI stays "CPNI".
func customWords(el breachkit.Element) string {
	n := el.Label()
	if len(n) <= 5 && !strings.Contains(n, " ") {
		return n
	}
	return strings.ToLower(n) + "s"
}

// elementsPhrase says in words what was exposed: "SSNs and dates of birth
// with names".
func elementsPhrase(rs []Resident) string {
	var all []breachkit.Element
	for _, r := range rs {
		all = append(all, r.Elements...)
	}
	set := breachkit.NewElementSet(all...)
	var words []string
	for _, el := range set {
		if el == breachkit.PersonName {
			continue
		}
		w, ok := elementWords[el]
		if !ok {
			w = customWords(el)
		}
		words = append(words, w)
	}
	var s string
	switch len(words) {
	case 0:
		return "names"
	case 1:
		s = words[0]
	default:
		s = strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
	}
	if set.Has(breachkit.PersonName) {
		s += " with names"
	}
	return s
}

// comma formats n with thousands separators: 1204 → "1,204".
func comma(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
