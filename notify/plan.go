package notify

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/pdf"
	"github.com/breachkit/breachkit/people"
)

// Keys seals and opens a case's personal values; vault.CaseKeys is one.
type Keys interface {
	Seal(e breachkit.Element, plaintext []byte) breachkit.Sealed
	Open(e breachkit.Element, s breachkit.Sealed) ([]byte, error)
}

// regulatorElement is the associated data under which a regulator
// notice's recipient (an office, not a person) is sealed.
const regulatorElement breachkit.Element = "REGULATOR"

// mailTo is the sealed recipient of a letter.
type mailTo struct {
	Name    string   `json:"name"`
	Address []string `json:"address"`
	Child   string   `json:"child,omitempty"` // the minor a parent's letter is about
}

// emailTo is the sealed recipient of an email.
type emailTo struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Child string `json:"child,omitempty"` // the minor a parent's email is about
}

// PlanResult says what a plan found and stored.
type PlanResult struct {
	People     int64
	Notices    map[string]int64 // by channel
	ByVariant  map[string]int64 // letters and emails by jurisdiction variant
	Added      int              // notices new in this run
	Codes      int64            // people given a monitoring code
	Combos     int              // distinct letter variants composed and checked
	Unprinting int64            // people whose name or address has characters the letter font lacks
	Skipped    int64            // people left out because no law requires notice and notify_all is false
	// Bare counts people left out because nothing of theirs was found
	// but a name alone or an address alone (a letter's signatory, its
	// letterhead): there is nothing to tell them.
	Bare int64
	// Duplicates counts notices not planned because another person of
	// the case has the same name and the same address or email: the
	// resolver kept them apart, but one letter reaches both.
	Duplicates int64
}

// Plan decides, for every person of the case, which notices are owed and
// stores them as planned; it also plans one notice per regulator, bureau
// or media obligation. Before it stores anything it composes a letter for
// every distinct combination of jurisdiction, exposed elements and offer
// and checks each against the law, so that a template error or a missing
// fact stops the plan, not the campaign. With dryRun nothing is stored.
// Planning twice adds nothing new: notices are keyed by person and
// channel, and codes once assigned stay assigned.
func Plan(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, comp *Composer, dryRun bool) (*PlanResult, error) {
	obs, _, err := store.Obligations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if len(obs) == 0 {
		return nil, errors.New("the case has no obligations: run 'breachkit duties' first")
	}
	individual := map[string]int64{}
	for _, o := range obs {
		if o.Duty == breachkit.DutyIndividuals {
			if _, ok := individual[o.Jurisdiction]; !ok || o.Regime == "state-breach-law" {
				individual[o.Jurisdiction] = o.ID
			}
		}
	}
	res := &PlanResult{Notices: map[string]int64{}, ByVariant: map[string]int64{}}

	// Pass 1: check every letter variant and count the codes needed.
	checked := map[string]bool{}
	var errs []error
	// The people to give a code, of the adults' product and of the
	// minors' (monitoring.minors, when the config names one).
	var eligible, minors []int64
	adultPool, minorPool := comp.cfg.Monitoring.pools()
	err = store.People(ctx, c.ID, false, func(p *breachkit.Person) error {
		if _, ok := individual[p.Jurisdiction]; !ok && !comp.cfg.notifyAll() || bare(p) {
			return nil
		}
		elig := comp.Eligible(p.Jurisdiction, p.Elements)
		minor := false
		if elig && minorPool.Provider != "" {
			prof, err := openProfile(keys, p)
			if err != nil {
				return err
			}
			minor = prof.FullName() != "" && prof.Minor(comp.letterDay)
		}
		switch {
		case minor:
			minors = append(minors, p.ID)
		case elig:
			eligible = append(eligible, p.ID)
		}
		key := p.Jurisdiction + "|" + p.Elements.String() + fmt.Sprint("|", elig, "|", minor)
		if checked[key] {
			return nil
		}
		checked[key] = true
		sample := Person{Recipient: Recipient{Name: "Sample Recipient", Address: []string{"1 Sample Street", "Sample City, ST 00000"}},
			Jurisdiction: p.Jurisdiction, Elements: p.Elements}
		if minor {
			sample.Recipient.Name, sample.Recipient.Child = "Parent or Guardian of Sample Child", "Sample Child"
		}
		if elig {
			sample.Code, sample.MinorsCode = "SAMPLE-CODE", minor
		}
		if _, err := comp.Compose("SAMPLE", sample); err != nil {
			errs = append(errs, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Combos = len(checked)
	if len(errs) > 0 {
		return nil, errors.Join(dedupe(errs)...)
	}
	groups := []struct {
		ids  []int64
		pool breachkit.CodePool
		who  string
	}{{eligible, adultPool, "people"}, {minors, minorPool, "minors"}}
	for _, g := range groups {
		if len(g.ids) == 0 {
			continue
		}
		need, err := codesNeeded(ctx, store, c.ID, g.ids)
		if err != nil {
			return nil, err
		}
		total, assigned, err := store.CountCodes(ctx, c.ID, g.pool)
		if err != nil {
			return nil, err
		}
		if need > total-assigned {
			how := "'breachkit notify codes import FILE'"
			if g.pool.Provider != "" {
				how = fmt.Sprintf("'breachkit notify codes import FILE --provider %q'", g.pool.Provider)
				if g.pool.Except {
					how = fmt.Sprintf("'breachkit notify codes import FILE --provider %q' (any provider but the minors' product)", comp.cfg.Monitoring.Provider)
				}
			}
			return nil, fmt.Errorf("%d %s are to be offered credit monitoring and have no code yet, but the pool has %d unused codes: import the provider's codes with %s", need, g.who, total-assigned, how)
		}
	}
	if dryRun {
		return res, planPass(ctx, store, c, keys, comp, individual, res, true)
	}
	for _, g := range groups {
		for i := 0; i < len(g.ids); i += 5000 {
			if err := store.AssignCodes(ctx, c.ID, g.pool, g.ids[i:min(i+5000, len(g.ids))]); err != nil {
				return nil, err
			}
		}
	}
	res.Codes = int64(len(eligible) + len(minors))
	if err := planPass(ctx, store, c, keys, comp, individual, res, false); err != nil {
		return nil, err
	}
	added, err := planRegulators(ctx, store, c, keys, obs)
	res.Added += added
	return res, err
}

func codesNeeded(ctx context.Context, store breachkit.Store, caseID int64, ids []int64) (int64, error) {
	var need int64
	for i := 0; i < len(ids); i += 5000 {
		chunk := ids[i:min(i+5000, len(ids))]
		have, err := store.CodesOf(ctx, caseID, chunk)
		if err != nil {
			return 0, err
		}
		need += int64(len(chunk) - len(have))
	}
	return need, nil
}

// planPass stores (or, dry, only counts) the person notices.
func planPass(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, comp *Composer, individual map[string]int64, res *PlanResult, dry bool) error {
	var batch []*breachkit.Notice
	// People the resolver kept apart may still be one person (a name
	// spelt two ways in a note): two notices to the same address or email
	// under compatible names (one name's words within the other's, or no
	// name) are one notice. Different names at one address each get
	// theirs.
	seen := map[[16]byte][]string{} // channel and address or email → names planned there
	dup := func(channel, name string, where ...string) bool {
		h := sha256.New()
		h.Write([]byte(channel))
		for _, part := range where {
			h.Write([]byte{0})
			h.Write([]byte(strings.Join(strings.Fields(strings.ToLower(part)), " ")))
		}
		var k [16]byte
		copy(k[:], h.Sum(nil))
		words := nameWords(name)
		for _, other := range seen[k] {
			if compatibleNames(words, other) {
				return true
			}
		}
		seen[k] = append(seen[k], words)
		return false
	}
	flush := func() error {
		if dry || len(batch) == 0 {
			batch = batch[:0]
			return nil
		}
		n, err := store.AddNotices(ctx, batch)
		res.Added += n
		batch = batch[:0]
		return err
	}
	err := store.People(ctx, c.ID, false, func(p *breachkit.Person) error {
		obID, owed := individual[p.Jurisdiction]
		if bare(p) {
			res.Bare++
			return nil
		}
		if !owed && !comp.cfg.notifyAll() {
			res.Skipped++
			return nil
		}
		res.People++
		prof, err := openProfile(keys, p)
		if err != nil {
			return err
		}
		to := mailTo{Address: addressLines(prof.Address)}
		to.Name, to.Child = comp.AddressedName(prof)
		if !printable(to) {
			res.Unprinting++
		}
		add := func(channel string, recipient breachkit.Sealed) {
			res.Notices[channel]++
			if channel != breachkit.ChannelSubstitute {
				res.ByVariant[p.Jurisdiction]++
			}
			batch = append(batch, &breachkit.Notice{CaseID: c.ID, PersonID: p.ID, ObligationID: obID,
				Channel: channel, Status: breachkit.NoticePlanned, Key: channel + ":" + p.Key,
				Variant: p.Jurisdiction, Recipient: recipient})
		}
		if p.AddressQuality == people.QualityDeliverable && len(to.Address) > 0 {
			if dup(breachkit.ChannelMail, to.Name, to.Address...) {
				res.Duplicates++
			} else {
				b, _ := json.Marshal(to)
				add(breachkit.ChannelMail, keys.Seal(breachkit.Address, b))
			}
		} else {
			b, _ := json.Marshal(mailTo{Name: to.Name})
			add(breachkit.ChannelSubstitute, keys.Seal(breachkit.PersonName, b))
		}
		if comp.EmailAllowed(p.Jurisdiction) && len(prof.Emails) > 0 && dup(breachkit.ChannelEmail, to.Name, prof.Emails[0]) {
			res.Duplicates++
		} else if comp.EmailAllowed(p.Jurisdiction) && len(prof.Emails) > 0 {
			b, _ := json.Marshal(emailTo{Name: to.Name, Email: prof.Emails[0], Child: to.Child})
			add(breachkit.ChannelEmail, keys.Seal(breachkit.Email, b))
		}
		if len(batch) >= 5000 {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// bare reports whether nothing of a person was found but a name alone or
// an address alone.
func bare(p *breachkit.Person) bool {
	return p.Elements.String() == string(breachkit.PersonName) || p.Elements.String() == string(breachkit.Address)
}

// EmailAllowed reports whether email notice is enabled and the law of the
// jurisdiction accepts it (no law: enabled is enough).
func (c *Composer) EmailAllowed(jurisdiction string) bool {
	if !c.cfg.Email.Enabled {
		return false
	}
	s := c.Spec(jurisdiction)
	return s == nil || slices.Contains(s.Methods, "email")
}

// planRegulators adds one notice per obligation owed to someone other
// than the affected people.
func planRegulators(ctx context.Context, store breachkit.Store, c *breachkit.Case, keys Keys, obs []breachkit.Obligation) (int, error) {
	var ns []*breachkit.Notice
	for _, o := range obs {
		if o.Duty == breachkit.DutyIndividuals || o.Duty == breachkit.DutySubstituteNotice {
			continue
		}
		key := strings.Join([]string{breachkit.ChannelRegulator, o.Jurisdiction, o.Regime, string(o.Duty), o.Recipient}, ":")
		ns = append(ns, &breachkit.Notice{CaseID: c.ID, ObligationID: o.ID, Channel: breachkit.ChannelRegulator,
			Status: breachkit.NoticePlanned, Key: key, Variant: o.Jurisdiction,
			Recipient: keys.Seal(regulatorElement, []byte(o.Recipient))})
	}
	if len(ns) == 0 {
		return 0, nil
	}
	return store.AddNotices(ctx, ns)
}

func openProfile(keys Keys, p *breachkit.Person) (people.Profile, error) {
	var prof people.Profile
	if len(p.Profile) == 0 {
		return prof, nil
	}
	pt, err := keys.Open(breachkit.PersonName, p.Profile)
	if err != nil {
		return prof, fmt.Errorf("person %d: profile: %w", p.ID, err)
	}
	if err := json.Unmarshal(pt, &prof); err != nil {
		return prof, fmt.Errorf("person %d: profile: %w", p.ID, err)
	}
	return prof, nil
}

// addressLines writes an address as it goes on an envelope: in the
// United States and Canada "City, ST ZIP"; in most of Europe the postcode
// before the town ("10115 Berlin"); in the United Kingdom and Ireland the
// postcode on a line of its own; abroad the country's English name last,
// as the Universal Postal Union asks of mail leaving the country.
func addressLines(a *people.Address) []string {
	if a == nil {
		return nil
	}
	var lines []string
	if s := strings.TrimSpace(a.Street + " " + a.Unit); s != "" {
		lines = append(lines, s)
	}
	code := a.CountryCode()
	last := a.City
	switch {
	case postcodeFirst[code]:
		last = strings.TrimSpace(a.ZIP + " " + a.City)
		if a.State != "" && code != "FR" && code != "DE" {
			last = strings.TrimSpace(last + " " + a.State)
		}
	case code == "GB" || code == "IE":
		if a.City != "" {
			lines = append(lines, a.City)
		}
		last = a.ZIP
	default:
		if a.State != "" {
			if last != "" {
				last += ", "
			}
			last += a.State
		}
		if a.ZIP != "" {
			last = strings.TrimSpace(last + " " + a.ZIP)
		}
	}
	if last != "" {
		lines = append(lines, last)
	}
	if code != "" && code != "US" {
		name := gazetteer.CountryName(code)
		if name == "" {
			name = a.Country
		}
		lines = append(lines, name)
	}
	return lines
}

// postcodeFirst are the countries whose addresses put the postcode
// before the town, on one line.
var postcodeFirst = map[string]bool{
	"AT": true, "BE": true, "BG": true, "CH": true, "CZ": true, "DE": true, "DK": true, "EE": true, "ES": true, "FI": true, "FR": true,
	"GR": true, "HR": true, "HU": true, "IS": true, "IT": true, "LI": true, "LT": true, "LU": true, "NL": true, "NO": true, "PL": true,
	"PT": true, "RO": true, "SE": true, "SI": true, "SK": true, "CY": true, "MX": true, "BR": true, "AR": true, "TR": true, "IL": true,
}

// printable reports whether the letter fonts have every character of the
// name and address.
func printable(m mailTo) bool {
	for _, s := range append([]string{m.Name}, m.Address...) {
		if !pdf.Printable(s) {
			return false
		}
	}
	return true
}

func dedupe(errs []error) []error {
	seen := map[string]bool{}
	var out []error
	for _, e := range errs {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Error() < out[j].Error() })
	return out
}

// nameWords returns the distinct words of a name, lower-cased and sorted,
// joined by spaces.
func nameWords(name string) string {
	ws := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", ".", " ").Replace(name)))
	sort.Strings(ws)
	return strings.Join(slices.Compact(ws), " ")
}

// compatibleNames reports whether one name's words are all among the
// other's (an empty name is compatible with any).
func compatibleNames(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for _, w := range wa {
		if !slices.Contains(wb, w) {
			return false
		}
	}
	return true
}
