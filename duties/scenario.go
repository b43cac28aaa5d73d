package duties

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/breachkit/breachkit"
)

// DefaultTargetDays is the organisation's own target, in days from each
// clock start, when a scenario does not set target_days.
const DefaultTargetDays = 30

// ScenarioInput is a scenario as users write it (JSON) and as rule-file
// examples write it (YAML). Dates are ISO strings; Scenario checks them.
type ScenarioInput struct {
	Discovered               string            `json:"discovered" yaml:"discovered"`
	Determined               string            `json:"determined,omitempty" yaml:"determined"`
	MaterialityDetermined    string            `json:"materiality_determined,omitempty" yaml:"materiality_determined"`
	LawEnforcementDelayUntil string            `json:"law_enforcement_delay_until,omitempty" yaml:"law_enforcement_delay_until"`
	NotifiedIndividuals      string            `json:"notified_individuals,omitempty" yaml:"notified_individuals"`
	Organization             OrganizationInput `json:"organization" yaml:"organization"`
	Encrypted                bool              `json:"encrypted" yaml:"encrypted"`
	KeyCompromised           bool              `json:"key_compromised" yaml:"key_compromised"`
	Residents                []ResidentInput   `json:"residents" yaml:"residents"`
	NoHarmDeterminations     []NoHarmInput     `json:"no_harm_determinations,omitempty" yaml:"no_harm_determinations"`
	TargetDays               *int              `json:"target_days,omitempty" yaml:"target_days"`
	SubstituteNoticePersons  int64             `json:"substitute_notice_persons,omitempty" yaml:"substitute_notice_persons"`
}

// OrganizationInput describes the breached organisation.
type OrganizationInput struct {
	Kinds []string `json:"kinds" yaml:"kinds"`
	// NotKinds records counsel's confirmation that the organisation is not
	// of these kinds. Only a rule file's only_kinds reads it: without it,
	// a law limited to kinds breachkit cannot infer is applied conservatively.
	NotKinds []string `json:"not_kinds,omitempty" yaml:"not_kinds"`
	// Role is "owner" (the organisation owns or licenses the data; the
	// default) or "maintainer" (it maintains or processes the data for
	// another: a service provider, vendor or processor). A maintainer's
	// duty under most breach laws is to tell the owner, who tells the
	// people and the regulators.
	Role string `json:"role,omitempty" yaml:"role"`
}

// ResidentInput is a group of affected people: how many live in one
// jurisdiction and which elements of theirs were exposed. Several groups
// may share a jurisdiction.
type ResidentInput struct {
	Jurisdiction string   `json:"jurisdiction" yaml:"jurisdiction"`
	Count        int64    `json:"count" yaml:"count"`
	Elements     []string `json:"elements" yaml:"elements"`
	// Unreachable is how many of Count have no deliverable postal
	// address: the people substitute notice may be for. When no group gives it, substitute_notice_persons speaks for
	// the whole breach.
	Unreachable int64 `json:"unreachable,omitempty" yaml:"unreachable"`
	// UnreachableWithEmail is how many of Unreachable have an email
	// address: a law that accepts notice by email may let them be told
	// directly, on its conditions (often consent under E-SIGN).
	UnreachableWithEmail int64 `json:"unreachable_with_email,omitempty" yaml:"unreachable_with_email"`
}

// NoHarmInput is a recorded decision of counsel that the breach is not
// likely to cause harm in a jurisdiction. breachkit never assumes one.
type NoHarmInput struct {
	Jurisdiction string `json:"jurisdiction" yaml:"jurisdiction"`
	Date         string `json:"date" yaml:"date"`
	By           string `json:"by" yaml:"by"`
	Basis        string `json:"basis" yaml:"basis"`
	// Duties limits the determination to these duties (e.g. a GDPR finding
	// of "no high risk" excuses only notice to individuals); empty = all.
	Duties []string `json:"duties,omitempty" yaml:"duties"`
}

// Scenario is a checked breach scenario, the input of Evaluate.
type Scenario struct {
	Discovered               Date
	Determined               Date // zero: not given (the discovery date is used)
	MaterialityDetermined    Date // zero: no materiality determination recorded
	LawEnforcementDelayUntil Date
	NotifiedIndividuals      Date
	Kinds                    []string
	NotKinds                 []string
	Role                     string // RoleOwner or RoleMaintainer
	Encrypted                bool
	KeyCompromised           bool
	Residents                []Resident
	NoHarm                   []NoHarm
	TargetDays               int
	SubstituteNoticePersons  int64
}

// Resident is a checked group of affected residents.
type Resident struct {
	Jurisdiction string
	Count        int64
	Elements     breachkit.ElementSet
	Unreachable  int64 // of Count, without a deliverable postal address
	// UnreachableWithEmail is how many of Unreachable have an email address.
	UnreachableWithEmail int64
}

// NoHarm is a checked no-harm determination.
type NoHarm struct {
	Jurisdiction string
	Date         Date
	By           string
	Basis        string
	Duties       []string
}

// ParseScenario decodes a JSON scenario and checks it. It returns one
// error naming the offending field, such as
// `residents[0].elements[1]: unknown element "SSNN"`.
func ParseScenario(data []byte) (*Scenario, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in ScenarioInput
	if err := dec.Decode(&in); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("scenario: unexpected data after the JSON object")
	}
	return in.Scenario()
}

func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return fmt.Errorf("%s: expected %s, got JSON %s", te.Field, te.Type, te.Value)
	case errors.As(err, &se):
		return fmt.Errorf("scenario: invalid JSON at byte %d: %v", se.Offset, se)
	case errors.Is(err, io.EOF):
		return errors.New("scenario: empty input")
	}
	return fmt.Errorf("scenario: %v", strings.TrimPrefix(err.Error(), "json: "))
}

// Scenario checks the input and returns the typed scenario, or one error
// naming the first bad field.
func (in *ScenarioInput) Scenario() (*Scenario, error) {
	s := &Scenario{
		Encrypted:               in.Encrypted,
		KeyCompromised:          in.KeyCompromised,
		TargetDays:              DefaultTargetDays,
		SubstituteNoticePersons: in.SubstituteNoticePersons,
	}
	var err error
	if in.Discovered == "" {
		return nil, errors.New("discovered: required (the date the breach was discovered, YYYY-MM-DD)")
	}
	dates := []struct {
		field string
		in    string
		out   *Date
	}{
		{"discovered", in.Discovered, &s.Discovered},
		{"determined", in.Determined, &s.Determined},
		{"materiality_determined", in.MaterialityDetermined, &s.MaterialityDetermined},
		{"law_enforcement_delay_until", in.LawEnforcementDelayUntil, &s.LawEnforcementDelayUntil},
		{"notified_individuals", in.NotifiedIndividuals, &s.NotifiedIndividuals},
	}
	for _, d := range dates {
		if d.in == "" {
			continue
		}
		if *d.out, err = ParseDate(d.in); err != nil {
			return nil, fmt.Errorf("%s: %v", d.field, err)
		}
	}
	if !s.Determined.IsZero() && s.Determined.Before(s.Discovered.Time) {
		return nil, fmt.Errorf("determined: %s is before discovered %s", s.Determined, s.Discovered)
	}
	for i, k := range in.Organization.Kinds {
		if !contains(Kinds, k) {
			return nil, fmt.Errorf("organization.kinds[%d]: unknown organisation kind %q (known: %s)", i, k, strings.Join(Kinds, ", "))
		}
		s.Kinds = append(s.Kinds, k)
	}
	for _, k := range in.Organization.Kinds {
		if glbaInstitution[k] && !contains(s.Kinds, KindFinancialInstitution) {
			s.Kinds = append(s.Kinds, KindFinancialInstitution)
		}
	}
	for i, k := range in.Organization.NotKinds {
		if !contains(Kinds, k) {
			return nil, fmt.Errorf("organization.not_kinds[%d]: unknown organisation kind %q (known: %s)", i, k, strings.Join(Kinds, ", "))
		}
		if contains(s.Kinds, k) {
			if !contains(in.Organization.Kinds, k) {
				return nil, fmt.Errorf("organization.not_kinds[%d]: %q is implied by organization.kinds (a bank, credit union, broker-dealer, investment company or registered adviser is a financial institution under the Gramm-Leach-Bliley Act)", i, k)
			}
			return nil, fmt.Errorf("organization.not_kinds[%d]: %q is also in organization.kinds", i, k)
		}
		s.NotKinds = append(s.NotKinds, k)
	}
	s.Role = RoleOwner
	if in.Organization.Role != "" {
		if s.Role, err = ParseRole(in.Organization.Role); err != nil {
			return nil, fmt.Errorf("organization.role: %v", err)
		}
	}
	if in.TargetDays != nil {
		if *in.TargetDays < 0 {
			return nil, fmt.Errorf("target_days: must not be negative, got %d", *in.TargetDays)
		}
		s.TargetDays = *in.TargetDays
	}
	if in.SubstituteNoticePersons < 0 {
		return nil, fmt.Errorf("substitute_notice_persons: must not be negative, got %d", in.SubstituteNoticePersons)
	}
	if len(in.Residents) == 0 {
		return nil, errors.New("residents: at least one group of residents is required")
	}
	for i, r := range in.Residents {
		field := fmt.Sprintf("residents[%d]", i)
		code := strings.ToUpper(strings.TrimSpace(r.Jurisdiction))
		if err := checkResidentJurisdiction(code); err != nil {
			return nil, fmt.Errorf("%s.jurisdiction: %v", field, err)
		}
		if r.Count < 0 {
			return nil, fmt.Errorf("%s.count: must not be negative, got %d", field, r.Count)
		}
		if len(r.Elements) == 0 {
			return nil, fmt.Errorf("%s.elements: at least one element is required", field)
		}
		if r.Unreachable < 0 || r.Unreachable > r.Count {
			return nil, fmt.Errorf("%s.unreachable: must be between 0 and count (%d), got %d", field, r.Count, r.Unreachable)
		}
		if r.UnreachableWithEmail < 0 || r.UnreachableWithEmail > r.Unreachable {
			return nil, fmt.Errorf("%s.unreachable_with_email: must be between 0 and unreachable (%d), got %d", field, r.Unreachable, r.UnreachableWithEmail)
		}
		var es []breachkit.Element
		for j, name := range r.Elements {
			e, err := breachkit.ParseElement(name)
			if err != nil {
				return nil, fmt.Errorf("%s.elements[%d]: %v", field, j, err)
			}
			es = append(es, e)
		}
		s.Residents = append(s.Residents, Resident{Jurisdiction: code, Count: r.Count, Elements: breachkit.NewElementSet(es...),
			Unreachable: r.Unreachable, UnreachableWithEmail: r.UnreachableWithEmail})
	}
	for i, n := range in.NoHarmDeterminations {
		field := fmt.Sprintf("no_harm_determinations[%d]", i)
		code := strings.ToUpper(strings.TrimSpace(n.Jurisdiction))
		if !validRuleJurisdiction(code) {
			return nil, fmt.Errorf("%s.jurisdiction: unknown jurisdiction code %q", field, n.Jurisdiction)
		}
		if n.Date == "" {
			return nil, fmt.Errorf("%s.date: required", field)
		}
		d, err := ParseDate(n.Date)
		if err != nil {
			return nil, fmt.Errorf("%s.date: %v", field, err)
		}
		if strings.TrimSpace(n.By) == "" {
			return nil, fmt.Errorf("%s.by: required (who made the determination)", field)
		}
		if strings.TrimSpace(n.Basis) == "" {
			return nil, fmt.Errorf("%s.basis: required (why harm is not likely)", field)
		}
		for j, du := range n.Duties {
			if !contains(dutyNames, du) {
				return nil, fmt.Errorf("%s.duties[%d]: unknown duty %q", field, j, du)
			}
		}
		s.NoHarm = append(s.NoHarm, NoHarm{Jurisdiction: code, Date: d, By: n.By, Basis: n.Basis, Duties: n.Duties})
	}
	return s, nil
}

func checkResidentJurisdiction(code string) error {
	switch {
	case code == UnknownResidence:
		return nil
	case code == "":
		return errors.New("required (US-XX for a US state or territory, an ISO 3166-1 country code, or UNKNOWN)")
	case code == "US":
		return errors.New(`"US" is not specific enough: give the state or territory, such as US-TX`)
	case strings.HasPrefix(code, "US-"):
		if _, ok := usJurisdictions[code]; !ok {
			return fmt.Errorf("unknown US state or territory code %q", code)
		}
	case !countries[code]:
		return fmt.Errorf("unknown jurisdiction code %q (use US-XX or an ISO 3166-1 alpha-2 country code)", code)
	}
	return nil
}
