package duties

import (
	"fmt"
	"time"

	"github.com/breachkit/breachkit"
	"go.yaml.in/yaml/v3"
)

// Date is a calendar day written as YYYY-MM-DD. Rule files and scenarios use
// days, not instants: deadlines are counted in days (hours are rounded up to
// whole days).
type Date struct{ time.Time }

// ParseDate parses an ISO date (YYYY-MM-DD) and reports a clear error otherwise.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not an ISO date (YYYY-MM-DD)", s)
	}
	return Date{t}, nil
}

// String returns the date as YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// AddDays returns the date n calendar days later.
func (d Date) AddDays(n int) Date { return Date{d.AddDate(0, 0, n)} }

// UnmarshalYAML accepts only YYYY-MM-DD scalars (YAML's own timestamp forms
// with times of day are rejected so that files stay unambiguous).
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a date (YYYY-MM-DD)", n.Line)
	}
	if n.Tag == "!!null" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	*d = v
	return nil
}

// RuleFile is one YAML file under rules/: the notification law of one
// jurisdiction or regime, in one or more dated versions. The schema is
// described in rules/README.md, the contract with the rule researchers.
type RuleFile struct {
	// Path is the file's path below rules/, such as "us/us-tx.yaml".
	Path string `yaml:"-"`

	Jurisdiction   string     `yaml:"jurisdiction"`
	Name           string     `yaml:"name"`
	Regime         string     `yaml:"regime"`
	ResidentsOf    []string   `yaml:"residents_of"`
	AppliesToKinds []string   `yaml:"applies_to_kinds"`
	Sources        []Source   `yaml:"sources"`
	Versions       []*Version `yaml:"versions"`
	OpenQuestions  []string   `yaml:"open_questions"`
	Examples       []Example  `yaml:"examples"`
}

// Source is a public text a rule file relies on, with the day it was read.
type Source struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	Read  Date   `yaml:"read"`
}

// Version is the law as in force from EffectiveFrom (inclusive) to
// EffectiveTo (exclusive; zero means still in force). Each version is
// complete on its own.
type Version struct {
	EffectiveFrom Date                  `yaml:"effective_from"`
	EffectiveTo   Date                  `yaml:"effective_to"`
	Citation      string                `yaml:"citation"`
	Source        string                `yaml:"source"`
	Triggers      [][]breachkit.Element `yaml:"triggers"`
	// AnyPersonalData marks regimes that cover any personal data (GDPR,
	// PIPEDA, SEC 8-K): every exposed resident counts and Triggers is empty.
	AnyPersonalData bool   `yaml:"any_personal_data"`
	TriggerNotes    string `yaml:"trigger_notes"`

	Encryption        *Encryption `yaml:"encryption"`
	RiskOfHarm        *RiskOfHarm `yaml:"risk_of_harm"`
	Individuals       *Notice     `yaml:"individuals"`
	Regulators        []*Notice   `yaml:"regulators"`
	ConsumerReporting *Notice     `yaml:"consumer_reporting_agencies"`
	Media             *Notice     `yaml:"media"`
	// DataOwner is the duty of an organisation that maintains the data
	// for another (a service provider or processor) to tell the data's
	// owner, licensee or controller. When a scenario's role is maintainer
	// it replaces the version's other notices, which are the owner's.
	DataOwner           *Notice              `yaml:"data_owner"`
	Letter              *Letter              `yaml:"letter"`
	CreditMonitoring    *CreditMonitoring    `yaml:"credit_monitoring"`
	SubstituteNotice    *SubstituteNotice    `yaml:"substitute_notice"`
	LawEnforcementDelay *LawEnforcementDelay `yaml:"law_enforcement_delay"`
	DeemedCompliance    []DeemedCompliance   `yaml:"deemed_compliance"`
	// ExemptKinds lists organisation kinds the law does not apply to (Minn.
	// Stat. § 325E.61 subd. 4: GLBA financial institutions), for every duty
	// or only the duties named.
	ExemptKinds []KindExemption `yaml:"exempt_kinds"`
	// OnlyKinds limits the law to organisations of some kinds that breachkit
	// cannot infer (Georgia: information brokers and government data
	// collectors). Obligations are still produced unless the scenario says
	// the organisation is none of them (organization.not_kinds).
	OnlyKinds *OnlyKinds `yaml:"only_kinds"`
	Notes     []string   `yaml:"notes"`
}

// Encryption says whether encrypted data is exempt and whether that
// exemption is lost when the key was compromised too.
type Encryption struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation             string `yaml:"citation"`
	Source               string `yaml:"source"`
	SafeHarbor           bool   `yaml:"safe_harbor"`
	LostIfKeyCompromised bool   `yaml:"lost_if_key_compromised"`
	// Duties limits the safe harbour to these duties (GDPR Art. 34(3)(a)
	// excuses notice to individuals only); empty means every duty.
	Duties []string `yaml:"duties"`
	Text   string   `yaml:"text"`
}

// RiskOfHarm says whether a documented no-harm determination excuses notice.
type RiskOfHarm struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation string `yaml:"citation"`
	Source   string `yaml:"source"`
	Allowed  bool   `yaml:"allowed"`
	// Duties limits the exception to these duties (the banking agencies'
	// guidance: customers are told when misuse is reasonably possible,
	// the regulator whenever the bank learns of the incident); empty
	// means every duty.
	Duties []string `yaml:"duties"`
	Text   string   `yaml:"text"`
}

// excuses reports whether a no-harm determination may excuse duty under
// r.
func (r *RiskOfHarm) excuses(duty string) bool {
	return r != nil && r.Allowed && (len(r.Duties) == 0 || contains(r.Duties, duty))
}

// Notice is one duty to notify: individuals, a regulator, the consumer
// reporting agencies or the media. Fields that do not apply to a kind of
// notice are left out of the file.
type Notice struct {
	Recipient string `yaml:"recipient"`
	Duty      string `yaml:"duty"`
	// Kinds limits this notice to organisations of these kinds (HIPAA:
	// individuals for covered entities, notice to the covered entity for
	// business associates); empty means every organisation the file covers.
	Kinds []string `yaml:"kinds"`
	// Separate marks a notice another statute imposes, kept in the file
	// of its state (an insurance data security law's notice to the
	// Commissioner): the breach law's exempt_kinds do not reach it.
	Separate bool `yaml:"separate"`
	// Role "maintainer" marks a notice that an organisation maintaining
	// the data for another owes itself, beside its notice to the owner
	// (Oregon: a vendor tells the Attorney General unless the covered
	// entity has); the owner does not owe it. Empty: the owner's notice.
	Role           string   `yaml:"role"`
	Threshold      int64    `yaml:"threshold"`
	MaxAffected    int64    `yaml:"max_affected"`
	ThresholdScope string   `yaml:"threshold_scope"`
	DeadlineDays   *int     `yaml:"deadline_days"`
	DeadlineHours  *int     `yaml:"deadline_hours"`
	BusinessDays   bool     `yaml:"business_days"`
	Clock          string   `yaml:"clock"`
	Text           string   `yaml:"text"`
	How            string   `yaml:"how"`
	URL            string   `yaml:"url"`
	Content        []string `yaml:"content"`
	Methods        []string `yaml:"methods"`
	EmailCondition string   `yaml:"email_condition"`
	// Citation and Source override the version's for this notice, where a
	// regime puts each duty in its own section (HIPAA §§ 164.404-164.410).
	Citation string `yaml:"citation"`
	Source   string `yaml:"source"`
}

// Letter is what the law prescribes for the letter to individuals.
type Letter struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation  string   `yaml:"citation"`
	Source    string   `yaml:"source"`
	Headings  []string `yaml:"headings"`
	Items     []string `yaml:"items"`
	MinFontPt *int     `yaml:"min_font_pt"`
	Title     *string  `yaml:"title"`
}

// CreditMonitoring is a required offer of credit monitoring or identity
// protection when any of WhenAny was exposed.
type CreditMonitoring struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation string              `yaml:"citation"`
	Source   string              `yaml:"source"`
	Months   int                 `yaml:"months"`
	WhenAny  []breachkit.Element `yaml:"when_any"`
	Text     string              `yaml:"text"`
}

// SubstituteNotice is the law's alternative to individual notice (website,
// email, media) and its conditions.
type SubstituteNotice struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation    string `yaml:"citation"`
	Source      string `yaml:"source"`
	CostOver    *int64 `yaml:"cost_over"`
	PersonsOver *int64 `yaml:"persons_over"`
	Text        string `yaml:"text"`
}

// LawEnforcementDelay says whether notice may wait for law enforcement.
type LawEnforcementDelay struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation string `yaml:"citation"`
	Source   string `yaml:"source"`
	Allowed  bool   `yaml:"allowed"`
	Text     string `yaml:"text"`
}

// DeemedCompliance notes another regime whose procedures satisfy this law
// for organisations of the given kinds. It is not an exemption: the duty
// still exists, in another form, so obligations are still produced and their
// reasoning mentions it (for entries whose kinds the organisation has).
type DeemedCompliance struct {
	// Citation and Source (optional) name the section and the source of
	// this block when they differ from the version's.
	Citation string   `yaml:"citation"`
	Source   string   `yaml:"source"`
	Kinds    []string `yaml:"kinds"`
	Text     string   `yaml:"text"`
}

// KindExemption says that the law, or some of its duties, does not apply
// to organisations of the given kinds. Only write one where a source says
// the law does not apply; a law that accepts another regime's procedures as
// compliance is a deemed_compliance entry instead.
type KindExemption struct {
	Citation string   `yaml:"citation"`
	Source   string   `yaml:"source"`
	Kinds    []string `yaml:"kinds"`
	// Duties limits the exemption to these duties (Colorado: the consumer
	// reporting agency notice only); empty means the whole law.
	Duties []string `yaml:"duties"`
	Text   string   `yaml:"text"`
}

// OnlyKinds says the law binds only organisations of the given kinds.
type OnlyKinds struct {
	Citation string   `yaml:"citation"`
	Source   string   `yaml:"source"`
	Kinds    []string `yaml:"kinds"`
	Text     string   `yaml:"text"`
}

// Example is a scenario with expected results, run by the package tests.
type Example struct {
	Name       string        `yaml:"name"`
	Scenario   ScenarioInput `yaml:"scenario"`
	Expect     []Expect      `yaml:"expect"`
	ExpectNone []string      `yaml:"expect_none"`
	// ExpectExemption lists substrings that must each occur in the reason
	// of some exemption (e.g. "not in force").
	ExpectExemption []string `yaml:"expect_exemption"`
}

// Expect is one obligation an example must produce, matched on duty and
// recipient prefix; the other fields are checked when given.
type Expect struct {
	Duty         string `yaml:"duty"`
	Recipient    string `yaml:"recipient"`
	Jurisdiction string `yaml:"jurisdiction"`
	Due          Date   `yaml:"due"`
	Undated      bool   `yaml:"undated"`
	Affected     int64  `yaml:"affected"`
}

// versionAt returns the version in force on d, or nil.
func (f *RuleFile) versionAt(d Date) *Version {
	for _, v := range f.Versions {
		if !d.Before(v.EffectiveFrom.Time) && (v.EffectiveTo.IsZero() || d.Before(v.EffectiveTo.Time)) {
			return v
		}
	}
	return nil
}

// source returns the source with the given id, or nil.
func (f *RuleFile) source(id string) *Source {
	for i := range f.Sources {
		if f.Sources[i].ID == id {
			return &f.Sources[i]
		}
	}
	return nil
}

// ref names a version for output: "us/us-tx.yaml@2023-09-01".
func (f *RuleFile) ref(v *Version) string {
	return f.Path + "@" + v.EffectiveFrom.String()
}
