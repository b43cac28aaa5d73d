package duties

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/breachkit/breachkit"
	"go.yaml.in/yaml/v3"
)

//go:embed rules
var embedded embed.FS

// Rules is a validated set of rule files.
type Rules struct {
	// Files are sorted by path.
	Files []*RuleFile
}

// File returns the rule file at path (such as "us/us-tx.yaml"), or nil.
func (r *Rules) File(path string) *RuleFile {
	for _, f := range r.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// Load returns the rule files embedded in the binary, validated.
func Load() (*Rules, error) {
	sub, err := fs.Sub(embedded, "rules")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS loads and validates every *.yaml file below the root of fsys
// (such as os.DirFS of a directory of rule files under review). All
// problems are returned together, each naming the file and the field.
func LoadFS(fsys fs.FS) (*Rules, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	rules := &Rules{}
	var errs []error
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f, err := ParseRuleFile(p, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rules.Files = append(rules.Files, f)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rules, nil
}

// ParseRuleFile decodes one rule file strictly (unknown fields are errors)
// and validates it. path is the file's path below rules/ and is used in
// every error message and in the output's rule_file column.
func ParseRuleFile(path string, data []byte) (*RuleFile, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	f := &RuleFile{}
	if err := dec.Decode(f); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: empty file", path)
		}
		return nil, fmt.Errorf("%s: %v", path, strings.ReplaceAll(err.Error(), "\n", " "))
	}
	f.Path = path
	if errs := f.validate(); len(errs) > 0 {
		msgs := make([]error, len(errs))
		for i, e := range errs {
			msgs[i] = fmt.Errorf("%s: %v", path, e)
		}
		return nil, errors.Join(msgs...)
	}
	return f, nil
}

// validate checks a decoded file and returns every problem found, each
// starting with the field's path (such as "versions[0].regulators[1].clock").
func (f *RuleFile) validate() []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	}
	if !validRuleJurisdiction(f.Jurisdiction) {
		bad("jurisdiction", "unknown jurisdiction code %q (US-XX, US, EU or an ISO 3166-1 country code)", f.Jurisdiction)
	}
	if dir, base := path.Split(f.Path); dir == "us/" && strings.HasPrefix(f.Jurisdiction, "US-") {
		if want := strings.ToLower(f.Jurisdiction) + ".yaml"; base != want {
			bad("jurisdiction", "%s belongs in us/%s", f.Jurisdiction, want)
		}
	}
	if strings.TrimSpace(f.Name) == "" {
		bad("name", "required")
	}
	if !contains(regimes, f.Regime) {
		bad("regime", "unknown regime %q (known: %s)", f.Regime, strings.Join(regimes, ", "))
	}
	for i, r := range f.ResidentsOf {
		if r != "*" && r != "US" && r != "EU" && !validResidentJurisdiction(r) {
			bad(fmt.Sprintf("residents_of[%d]", i), "unknown jurisdiction code %q", r)
		}
	}
	if len(f.ResidentsOf) == 0 && f.Jurisdiction != "US" && f.Jurisdiction != "EU" && f.Regime == "state-breach-law" && !strings.HasPrefix(f.Jurisdiction, "US-") {
		bad("residents_of", "required for %s", f.Jurisdiction)
	}
	for i, k := range f.AppliesToKinds {
		if !contains(Kinds, k) {
			bad(fmt.Sprintf("applies_to_kinds[%d]", i), "unknown organisation kind %q (known: %s)", k, strings.Join(Kinds, ", "))
		}
	}
	if len(f.Sources) == 0 {
		bad("sources", "at least one source is required")
	}
	ids := map[string]bool{}
	for i, s := range f.Sources {
		field := fmt.Sprintf("sources[%d]", i)
		if s.ID == "" {
			bad(field+".id", "required")
		} else if ids[s.ID] {
			bad(field+".id", "duplicate id %q", s.ID)
		}
		ids[s.ID] = true
		if strings.TrimSpace(s.Title) == "" {
			bad(field+".title", "required")
		}
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(field+".url", "a public http(s) URL is required, got %q", s.URL)
		}
		if s.Read.IsZero() {
			bad(field+".read", "required (the date the source was read)")
		}
	}
	refSource := func(field, id string, required bool) {
		if id == "" {
			if required {
				bad(field, "required (the id of one of the file's sources)")
			}
			return
		}
		if !ids[id] {
			bad(field, "no source with id %q", id)
		}
	}
	if len(f.Versions) == 0 {
		bad("versions", "at least one version is required")
	}
	for i, v := range f.Versions {
		field := fmt.Sprintf("versions[%d]", i)
		if v == nil {
			bad(field, "empty version")
			continue
		}
		if v.EffectiveFrom.IsZero() {
			bad(field+".effective_from", "required")
		}
		if !v.EffectiveTo.IsZero() && !v.EffectiveTo.After(v.EffectiveFrom.Time) {
			bad(field+".effective_to", "%s is not after effective_from %s", v.EffectiveTo, v.EffectiveFrom)
		}
		if i > 0 && f.Versions[i-1] != nil {
			prev := f.Versions[i-1]
			switch {
			case !v.EffectiveFrom.After(prev.EffectiveFrom.Time):
				bad(field+".effective_from", "versions must be sorted by effective_from (%s follows %s)", v.EffectiveFrom, prev.EffectiveFrom)
			case prev.EffectiveTo.IsZero():
				bad(fmt.Sprintf("versions[%d].effective_to", i-1), "required: a later version starts %s", v.EffectiveFrom)
			case prev.EffectiveTo.After(v.EffectiveFrom.Time):
				bad(field+".effective_from", "overlaps the previous version (which runs to %s)", prev.EffectiveTo)
			}
		}
		if strings.TrimSpace(v.Citation) == "" {
			bad(field+".citation", "required")
		}
		refSource(field+".source", v.Source, true)
		if v.AnyPersonalData && len(v.Triggers) > 0 {
			bad(field+".triggers", "must be empty when any_personal_data is true")
		}
		if !v.AnyPersonalData && len(v.Triggers) == 0 {
			bad(field+".triggers", "at least one trigger set is required (or any_personal_data: true)")
		}
		for j, set := range v.Triggers {
			if len(set) == 0 {
				bad(fmt.Sprintf("%s.triggers[%d]", field, j), "empty trigger set")
			}
			for k, e := range set {
				ne, err := breachkit.ParseElement(string(e))
				if err != nil {
					bad(fmt.Sprintf("%s.triggers[%d][%d]", field, j, k), "%v", err)
					continue
				}
				set[k] = ne
			}
		}
		if v.Encryption != nil {
			for j, d := range v.Encryption.Duties {
				if !contains(dutyNames, d) {
					bad(fmt.Sprintf("%s.encryption.duties[%d]", field, j), "unknown duty %q", d)
				}
			}
		}
		if v.RiskOfHarm != nil {
			for j, d := range v.RiskOfHarm.Duties {
				if !contains(dutyNames, d) {
					bad(fmt.Sprintf("%s.risk_of_harm.duties[%d]", field, j), "unknown duty %q", d)
				}
			}
		}
		checkNotice := func(nf string, n *Notice, defDuty string) {
			if n == nil {
				return
			}
			refSource(nf+".source", n.Source, false)
			if n.Duty != "" && !contains(dutyNames, n.Duty) {
				bad(nf+".duty", "unknown duty %q (known: %s)", n.Duty, strings.Join(dutyNames, ", "))
			}
			if n.Duty == "" && defDuty == "" {
				bad(nf+".duty", "required")
			}
			for j, k := range n.Kinds {
				if !contains(Kinds, k) {
					bad(fmt.Sprintf("%s.kinds[%d]", nf, j), "unknown organisation kind %q", k)
				}
			}
			if n.Role != "" && (n.Role != RoleMaintainer || defDuty == "data-owner" || defDuty == "individuals") {
				bad(nf+".role", "want maintainer or nothing (and only on a regulator, consumer reporting agency or media notice), got %q", n.Role)
			}
			if n.Threshold < 0 {
				bad(nf+".threshold", "must not be negative")
			}
			if n.MaxAffected < 0 || (n.MaxAffected > 0 && n.MaxAffected < n.Threshold) {
				bad(nf+".max_affected", "must be at least the threshold")
			}
			if n.ThresholdScope != "" && n.ThresholdScope != "total" && n.ThresholdScope != "per-jurisdiction" {
				bad(nf+".threshold_scope", "must be total or per-jurisdiction, got %q", n.ThresholdScope)
			}
			if n.Clock == "" {
				bad(nf+".clock", "required (%s)", strings.Join(clocks, ", "))
			} else if !contains(clocks, n.Clock) {
				bad(nf+".clock", "unknown clock %q (known: %s)", n.Clock, strings.Join(clocks, ", "))
			}
			if n.DeadlineDays != nil && *n.DeadlineDays < 0 {
				bad(nf+".deadline_days", "must not be negative")
			}
			if n.DeadlineHours != nil && *n.DeadlineHours <= 0 {
				bad(nf+".deadline_hours", "must be positive")
			}
			if n.DeadlineDays != nil && n.DeadlineHours != nil {
				bad(nf+".deadline_hours", "give deadline_days or deadline_hours, not both")
			}
			if n.BusinessDays && n.DeadlineDays == nil {
				bad(nf+".business_days", "needs deadline_days")
			}
			if n.DeadlineDays == nil && n.DeadlineHours == nil && strings.TrimSpace(n.Text) == "" {
				bad(nf+".text", "required when the law sets no fixed deadline")
			}
			if n.Recipient == "" && defDuty != "individuals" && defDuty != "consumer-reporting-agencies" && defDuty != "media" && defDuty != "data-owner" {
				bad(nf+".recipient", "required")
			}
		}
		if v.Encryption != nil {
			refSource(field+".encryption.source", v.Encryption.Source, false)
		}
		if v.RiskOfHarm != nil {
			refSource(field+".risk_of_harm.source", v.RiskOfHarm.Source, false)
		}
		if v.Letter != nil {
			refSource(field+".letter.source", v.Letter.Source, false)
		}
		if v.CreditMonitoring != nil {
			refSource(field+".credit_monitoring.source", v.CreditMonitoring.Source, false)
		}
		if v.SubstituteNotice != nil {
			refSource(field+".substitute_notice.source", v.SubstituteNotice.Source, false)
		}
		if v.LawEnforcementDelay != nil {
			refSource(field+".law_enforcement_delay.source", v.LawEnforcementDelay.Source, false)
		}
		for j, dc := range v.DeemedCompliance {
			refSource(fmt.Sprintf("%s.deemed_compliance[%d].source", field, j), dc.Source, false)
		}
		checkNotice(field+".individuals", v.Individuals, "individuals")
		for j, r := range v.Regulators {
			checkNotice(fmt.Sprintf("%s.regulators[%d]", field, j), r, "regulator")
		}
		checkNotice(field+".consumer_reporting_agencies", v.ConsumerReporting, "consumer-reporting-agencies")
		checkNotice(field+".media", v.Media, "media")
		checkNotice(field+".data_owner", v.DataOwner, "data-owner")
		for _, n := range append([]*Notice{v.ConsumerReporting, v.Media}, v.Regulators...) {
			if n != nil && n.Role == RoleMaintainer && v.DataOwner == nil {
				bad(field+".data_owner", "required when a notice is role: maintainer (the maintainer's notice to the owner comes first)")
				break
			}
		}
		if v.DataOwner != nil && v.DataOwner.Duty != "" && v.DataOwner.Duty != "data-owner" {
			bad(field+".data_owner.duty", "must be data-owner (or left out)")
		}
		if v.Letter != nil {
			for j, it := range v.Letter.Items {
				if !contains(letterItems, it) {
					bad(fmt.Sprintf("%s.letter.items[%d]", field, j), "unknown item %q (known: %s)", it, strings.Join(letterItems, ", "))
				}
			}
		}
		if v.CreditMonitoring != nil {
			for j, e := range v.CreditMonitoring.WhenAny {
				ne, err := breachkit.ParseElement(string(e))
				if err != nil {
					bad(fmt.Sprintf("%s.credit_monitoring.when_any[%d]", field, j), "%v", err)
					continue
				}
				v.CreditMonitoring.WhenAny[j] = ne
			}
		}
		for j, dc := range v.DeemedCompliance {
			for k, kind := range dc.Kinds {
				if !contains(Kinds, kind) {
					bad(fmt.Sprintf("%s.deemed_compliance[%d].kinds[%d]", field, j, k), "unknown organisation kind %q", kind)
				}
			}
		}
		for j, ek := range v.ExemptKinds {
			ef := fmt.Sprintf("%s.exempt_kinds[%d]", field, j)
			refSource(ef+".source", ek.Source, true)
			if len(ek.Kinds) == 0 {
				bad(ef+".kinds", "at least one organisation kind is required")
			}
			for k, kind := range ek.Kinds {
				if !contains(Kinds, kind) {
					bad(fmt.Sprintf("%s.kinds[%d]", ef, k), "unknown organisation kind %q (known: %s)", kind, strings.Join(Kinds, ", "))
				}
			}
			for k, d := range ek.Duties {
				if !contains(dutyNames, d) {
					bad(fmt.Sprintf("%s.duties[%d]", ef, k), "unknown duty %q", d)
				}
			}
			if strings.TrimSpace(ek.Text) == "" {
				bad(ef+".text", "required (what the source says, paraphrased)")
			}
		}
		if ok := v.OnlyKinds; ok != nil {
			of := field + ".only_kinds"
			refSource(of+".source", ok.Source, true)
			if len(ok.Kinds) == 0 {
				bad(of+".kinds", "at least one organisation kind is required")
			}
			for k, kind := range ok.Kinds {
				if !contains(Kinds, kind) {
					bad(fmt.Sprintf("%s.kinds[%d]", of, k), "unknown organisation kind %q (known: %s)", kind, strings.Join(Kinds, ", "))
				}
			}
			if strings.TrimSpace(ok.Text) == "" {
				bad(of+".text", "required (what the source says, paraphrased)")
			}
		}
	}
	for i, ex := range f.Examples {
		field := fmt.Sprintf("examples[%d]", i)
		if strings.TrimSpace(ex.Name) == "" {
			bad(field+".name", "required")
		}
		if _, err := ex.Scenario.Scenario(); err != nil {
			bad(field+".scenario", "%v", err)
		}
		if len(ex.Expect) == 0 && len(ex.ExpectNone) == 0 && len(ex.ExpectExemption) == 0 {
			bad(field, "needs expect, expect_none or expect_exemption")
		}
		for j, e := range ex.Expect {
			if !contains(dutyNames, e.Duty) {
				bad(fmt.Sprintf("%s.expect[%d].duty", field, j), "unknown duty %q", e.Duty)
			}
		}
		for j, d := range ex.ExpectNone {
			if !contains(dutyNames, d) {
				bad(fmt.Sprintf("%s.expect_none[%d]", field, j), "unknown duty %q", d)
			}
		}
	}
	return errs
}
