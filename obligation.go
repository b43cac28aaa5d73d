package breachkit

import "time"

// Duty is what an obligation requires: whom to tell.
type Duty string

// The duties, as named in every output.
const (
	DutyIndividuals      Duty = "individuals"
	DutyRegulator        Duty = "regulator"
	DutyCRA              Duty = "consumer-reporting-agencies"
	DutyMedia            Duty = "media"
	DutySEC8K            Duty = "sec-8k"
	DutyFTC              Duty = "ftc"
	DutySupervisory      Duty = "supervisory-authority"
	DutySubstituteNotice Duty = "substitute-notice"
	// DutyCoveredEntity is a HIPAA business associate's notice to its
	// covered entity.
	DutyCoveredEntity Duty = "covered-entity"
	// DutyDataOwner is the notice an organisation that maintains or
	// processes data for another (a service provider, vendor or processor)
	// owes the data's owner, licensee or controller, who then tells the
	// people and the regulators.
	DutyDataOwner Duty = "data-owner"
)

// Obligation is one duty to notify that a rule imposes on the breached
// organisation, with the legal source and the reasoning that produced it.
// It supports counsel; it is not legal advice.
type Obligation struct {
	ID           int64
	CaseID       int64
	Jurisdiction string // ISO 3166-2 (US-TX), "US" for federal, or a regime area (EU)
	Regime       string // state-breach-law, hipaa, glba-ftc, sec-8k, nydfs-500, gdpr, ...
	Duty         Duty
	Recipient    string
	// Due is the legal deadline; zero when the law sets no fixed day, and
	// DeadlineText then says what it requires.
	Due          time.Time
	DeadlineText string
	// Target is the organisation's own target date, set for every
	// obligation so that "without unreasonable delay" has a plan too.
	Target     time.Time
	Affected   int64
	Citation   string
	Source     string // public URL of the rule's source
	SourceRead string // ISO date the source was read
	Reasoning  string // one sentence
	RuleFile   string // the rule file and version it came from
}

// Exemption records a jurisdiction that has affected residents but no
// obligation, and why, so that nothing is silently left out.
type Exemption struct {
	Jurisdiction string
	Regime       string
	Affected     int64
	Reason       string
}
