package notify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/pdf"
)

// DraftResult lists the drafts written.
type DraftResult struct {
	Drafts  []string // Markdown drafts, one per regulator notice
	Samples []string // sample letters (PDF), one per jurisdiction
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// WriteDrafts writes, for every regulator, credit-bureau and media notice
// of the case, a draft in Markdown with what the law asks the filing to
// say (counts, dates, what was exposed, the offer, the contact), its
// citation and source, and beside it a sample of the letter sent to that
// jurisdiction's residents, with a placeholder recipient. Drafts hold no
// personal data. They are for counsel to review and file; breachkit does
// not file them.
func WriteDrafts(ctx context.Context, store breachkit.Store, c *breachkit.Case, comp *Composer, dir string, now time.Time) (*DraftResult, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	obs, _, err := store.Obligations(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	byID := map[int64]breachkit.Obligation{}
	for _, o := range obs {
		byID[o.ID] = o
	}
	counts, err := store.CountNotices(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	told := map[string]map[string]int64{} // variant → channel → planned or sent
	for _, nc := range counts {
		if nc.Channel == breachkit.ChannelRegulator || nc.Status == breachkit.NoticeBounced {
			continue
		}
		if told[nc.Variant] == nil {
			told[nc.Variant] = map[string]int64{}
		}
		told[nc.Variant][nc.Channel] += nc.Count
	}
	elements := map[string]map[breachkit.Element]int64{}
	err = store.People(ctx, c.ID, false, func(p *breachkit.Person) error {
		if elements[p.Jurisdiction] == nil {
			elements[p.Jurisdiction] = map[breachkit.Element]int64{}
		}
		for _, e := range p.Elements {
			elements[p.Jurisdiction][e]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := &DraftResult{}
	samples := map[string]string{}
	err = store.Notices(ctx, c.ID, breachkit.ChannelRegulator, "", func(n *breachkit.Notice) error {
		o, ok := byID[n.ObligationID]
		if !ok {
			return nil
		}
		sample, err := writeSample(comp, dir, o.Jurisdiction, elements[o.Jurisdiction], samples, now)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%s-%s.md", o.Jurisdiction, slugRE.ReplaceAllString(strings.ToLower(string(o.Duty)), "-"),
			strings.Trim(slugRE.ReplaceAllString(strings.ToLower(o.Recipient), "-"), "-"))
		text := draftText(comp, c, o, told[o.Jurisdiction], elements[o.Jurisdiction], sample, now)
		if err := pdf.WriteAtomic(filepath.Join(dir, name), []byte(text)); err != nil {
			return err
		}
		res.Drafts = append(res.Drafts, name)
		return nil
	})
	for _, s := range samples {
		if s != "" {
			res.Samples = append(res.Samples, s)
		}
	}
	sort.Strings(res.Samples)
	return res, err
}

// writeSample renders a jurisdiction's letter once, for a placeholder
// recipient with every element its residents had exposed.
func writeSample(comp *Composer, dir, jurisdiction string, els map[breachkit.Element]int64, done map[string]string, now time.Time) (string, error) {
	if s, ok := done[jurisdiction]; ok {
		return s, nil
	}
	var set []breachkit.Element
	for e := range els {
		set = append(set, e)
	}
	if len(set) == 0 {
		done[jurisdiction] = ""
		return "", nil
	}
	p := Person{Recipient: Recipient{Name: "[Recipient Name]", Address: []string{"[Street Address]", "[City, State ZIP]"}},
		Jurisdiction: jurisdiction, Elements: breachkit.NewElementSet(set...)}
	if comp.Eligible(jurisdiction, p.Elements) {
		p.Code = "[ACTIVATION CODE]"
	}
	l, err := comp.Compose("SAMPLE-"+jurisdiction, p)
	if err != nil {
		return "", err
	}
	b := pdf.NewBatch(now)
	if _, _, err := b.Add(l); err != nil {
		return "", err
	}
	name := "sample-letter-" + jurisdiction + ".pdf"
	if err := b.WriteFile(filepath.Join(dir, name)); err != nil {
		return "", err
	}
	done[jurisdiction] = name
	return name, nil
}

func draftText(comp *Composer, c *breachkit.Case, o breachkit.Obligation, told map[string]int64, els map[breachkit.Element]int64, sample string, now time.Time) string {
	cfg := comp.cfg
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# DRAFT — %s notice to %s\n\n", o.Jurisdiction, o.Recipient)
	w("_Prepared by breachkit on %s for counsel's review. Not legal advice; not filed._\n\n", now.Format(time.DateOnly))
	w("| | |\n|---|---|\n")
	w("| Law | %s (%s) |\n", o.Citation, o.Regime)
	w("| Source | %s (read %s) |\n", o.Source, o.SourceRead)
	w("| Duty | %s |\n", o.Duty)
	if !o.Due.IsZero() {
		w("| Due | %s |\n", o.Due.Format(time.DateOnly))
	} else {
		w("| Due | no fixed day: %s |\n", o.DeadlineText)
	}
	w("| Rule file | %s |\n\n", o.RuleFile)
	w("## The organisation\n\n%s, %s. Contact: %s %s %s.\n\n", cfg.Organisation.Name, cfg.Organisation.Address,
		cfg.Organisation.Signer, cfg.Organisation.Phone, cfg.Organisation.Email)
	w("## The breach\n\n%s\n\n", strings.TrimSpace(cfg.Incident.WhatHappened))
	if !cfg.Incident.BreachStart.IsZero() {
		w("- Breach: %s", cfg.Incident.BreachStart.Format(time.DateOnly))
		if !cfg.Incident.BreachEnd.IsZero() {
			w(" to %s", cfg.Incident.BreachEnd.Format(time.DateOnly))
		}
		w("\n")
	}
	if !c.Discovered.IsZero() {
		w("- Discovered: %s\n", c.Discovered.Format(time.DateOnly))
	}
	w("- Residents of %s affected: %d\n", o.Jurisdiction, o.Affected)
	w("- Notices to them: %d letters, %d emails, %d by substitute notice\n\n", told[breachkit.ChannelMail], told[breachkit.ChannelEmail], told[breachkit.ChannelSubstitute])
	w("## Information involved (residents of %s)\n\n", o.Jurisdiction)
	var es []breachkit.Element
	for e := range els {
		es = append(es, e)
	}
	sort.Slice(es, func(i, j int) bool { return es[i] < es[j] })
	for _, e := range es {
		w("- %s: %d people\n", e.Label(), els[e])
	}
	if cfg.Incident.StepsTaken != "" {
		w("\n## Steps taken\n\n%s\n", strings.TrimSpace(cfg.Incident.StepsTaken))
	}
	if m := cfg.Monitoring; m.Provider != "" {
		switch {
		case cfg.offerAll() && !m.serves(o.Jurisdiction):
			where := "US"
			if len(m.Countries) > 0 {
				where = strings.Join(m.Countries, ", ")
			}
			w("\n## Credit monitoring\n\n%s is offered where its service can be enrolled in (%s), not to the people notified here.\n", m.Provider, where)
		default:
			w("\n## Credit monitoring\n\n%d months of %s offered at no cost (%s).\n", m.Months, m.Provider, map[bool]string{true: "to everyone notified", false: "where the law requires it"}[cfg.offerAll()])
		}
	}
	if sample != "" {
		w("\n## Attachment\n\nSample notice sent to residents: `%s` (placeholder recipient).\n", sample)
	}
	return b.String()
}
