package breachkit

import "time"

// Notice is one message owed by an obligation: a letter or email to a
// person, or a filing with a regulator or credit bureau. Its state is
// kept so that a campaign tells everyone once and skips no one.
type Notice struct {
	ID           int64
	CaseID       int64
	PersonID     int64 // 0 for regulator and bureau notices
	ObligationID int64
	Channel      string // mail, email, regulator, cra, substitute
	Status       string // planned, queued, sent, failed, bounced
	// Key makes a notice unique: planning the same notice twice finds the
	// existing one instead of adding a second.
	Key       string
	Recipient Sealed // address or email, sealed
	Attempts  int
	Detail    string // last error or delivery id; never personal values
	UpdatedAt time.Time
}
