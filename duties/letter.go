package duties

import (
	"fmt"
	"strings"
)

// LetterSpec is what a jurisdiction's law requires of the letter to
// individuals, as data for the notify step: prescribed title and headings,
// the items the letter must contain, a minimum font size, a credit
// monitoring offer and the contacts to list.
type LetterSpec struct {
	Jurisdiction string
	RuleFile     string // "us/us-ca.yaml@2022-01-01"
	Citation     string
	Title        string   // "" when the law prescribes none
	Headings     []string // in order; empty when the law prescribes none
	Items        []string // vocabulary of rules/README.md
	MinFontPt    int      // 0 when the law sets no minimum
	// CreditMonitoring is the required offer, or nil.
	CreditMonitoring *CreditMonitoring
	// Contacts are the contact items the letter must list, in words, such
	// as "the nationwide consumer reporting agencies".
	Contacts []string
	Methods  []string // channels the law accepts for notice
}

var contactWords = map[string]string{
	"contact":          "the organisation's contact details",
	"toll-free-number": "a toll-free telephone number",
	"cra-contacts":     "the nationwide consumer reporting agencies (toll-free numbers, addresses, websites)",
	"ftc-contact":      "the Federal Trade Commission (toll-free number, address, website)",
	"ag-contact":       "the state Attorney General (toll-free number, address, website)",
}

// LetterRequirements returns the letter requirements of the rule file for
// jurisdiction (such as "US-CA" or "EU") in the version in force on
// discovered. It fails when there is no such file or version, so that the
// notify step never drafts a letter without knowing the rules.
func LetterRequirements(rules *Rules, jurisdiction string, discovered Date) (*LetterSpec, error) {
	jurisdiction = strings.ToUpper(strings.TrimSpace(jurisdiction))
	var f *RuleFile
	for _, rf := range rules.Files {
		if rf.Jurisdiction == jurisdiction && (f == nil || rf.Regime == "state-breach-law") {
			f = rf
		}
	}
	if f == nil && !strings.HasPrefix(jurisdiction, "US") {
		// A country: the law that protects its residents (GDPR for a
		// member state of the EU, UK GDPR for GB), not a US regime.
		for _, rf := range rules.Files {
			if set, all := rf.residentsOf(); !all && set[jurisdiction] && rf.Jurisdiction != "US" && !strings.HasPrefix(rf.Jurisdiction, "US-") {
				f = rf
				break
			}
		}
	}
	if f == nil {
		return nil, fmt.Errorf("no rule file for %s — counsel must review", jurisdiction)
	}
	v := f.versionAt(discovered)
	if v == nil {
		return nil, fmt.Errorf("%s: no version in force on %s (%s)", f.Path, discovered, f.inForceText())
	}
	spec := &LetterSpec{Jurisdiction: jurisdiction, RuleFile: f.ref(v), Citation: v.Citation,
		CreditMonitoring: v.CreditMonitoring}
	if v.Individuals != nil {
		spec.Methods = v.Individuals.Methods
	}
	if l := v.Letter; l != nil {
		spec.Headings = l.Headings
		spec.Items = l.Items
		if l.Title != nil {
			spec.Title = *l.Title
		}
		if l.MinFontPt != nil {
			spec.MinFontPt = *l.MinFontPt
		}
		for _, it := range l.Items {
			if w, ok := contactWords[it]; ok {
				spec.Contacts = append(spec.Contacts, w)
			}
		}
	}
	return spec, nil
}
