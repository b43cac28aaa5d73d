package breachkit

import "time"

// Notice channels: how a notice reaches its recipient.
const (
	ChannelMail       = "mail"       // a printed letter, rendered into a print batch
	ChannelEmail      = "email"      // an email sent over SMTP
	ChannelSubstitute = "substitute" // no usable address: listed for substitute notice
	ChannelRegulator  = "regulator"  // a draft filing for a regulator, credit bureaus or the media
)

// Notice statuses. A notice moves planned → sending → sent, or to failed
// (retried later) and bounced; in-doubt means a sender stopped after it
// handed the message over and before it recorded the outcome, so only a
// reconciliation may decide whether to send it again.
const (
	NoticePlanned = "planned"
	NoticeSending = "sending"
	NoticeSent    = "sent"
	NoticeFailed  = "failed"
	NoticeBounced = "bounced"
	NoticeInDoubt = "in-doubt"
)

// Notice is one message owed by an obligation: a letter or email to a
// person, or a filing with a regulator or credit bureau. Its state is
// kept so that a campaign tells everyone once and skips no one.
type Notice struct {
	ID           int64
	CaseID       int64
	PersonID     int64 // 0 for regulator and bureau notices
	ObligationID int64
	Channel      string // ChannelMail, ChannelEmail, ...
	Status       string // NoticePlanned, ...
	// Key makes a notice unique: planning the same notice twice finds the
	// existing one instead of adding a second.
	Key string
	// Variant is the jurisdiction whose letter rules apply (US-CA).
	Variant   string
	Recipient Sealed // address or email, sealed
	// Batch is the print batch of a letter, 0 until it is rendered.
	Batch    int
	Attempts int
	// NextAttempt is when a failed notice may be tried again.
	NextAttempt time.Time
	// ClaimedAt is when a sender last claimed the notice.
	ClaimedAt time.Time
	// MessageID is the RFC 5322 Message-ID of an email, or the letter ID.
	MessageID string
	Detail    string // last error or delivery id; never personal values
	UpdatedAt time.Time
}

// NoticeCount is the number of a case's notices of one channel, variant
// and status, for campaign status.
type NoticeCount struct {
	Channel, Variant, Status string
	Count                    int64
}

// MonitoringCode is one credit-monitoring activation code from the
// provider's pool. A code is assigned to at most one person and a person
// gets at most one code; an assignment is never undone.
type MonitoringCode struct {
	ID          int64
	CaseID      int64
	Provider    string
	Value       Sealed // the code, sealed as element MonitoringCodeElement
	Fingerprint []byte // keyed hash, to refuse duplicates in the pool
	PersonID    int64  // 0 while unassigned
}

// CodePool selects the codes of a case's pool by provider: those of
// Provider, or with Except those of every other provider, so that a
// minors' product keeps codes of its own. A pool with no Provider is
// every code.
type CodePool struct {
	Provider string
	Except   bool
}

// MonitoringCodeElement is the element name under which activation codes
// are sealed; it is not personal data but it is a secret.
const MonitoringCodeElement Element = "MONITORING_CODE"
