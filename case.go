package breachkit

import "time"

// Case is one incident: the unit that owns sources, findings, people,
// obligations and notices, and the data key that encrypts their values.
type Case struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	Discovered time.Time // when the breach was discovered; zero if not yet known
	// OrgKinds and OrgRole describe the breached organisation as duties
	// needs it (its kinds, such as "bank", and whether it owns the data or
	// maintains it for another), as last given to duties or respond, so a
	// later run computes the same law; empty until given.
	OrgKinds []string
	OrgRole  string
	// WrappedKey is the case's data key encrypted under the master key
	// whose identifier is MasterKeyID. The plaintext data key is never stored.
	WrappedKey  []byte
	MasterKeyID string
}

// Sealed is a personal value encrypted with an AEAD under its case's data
// key. Only the vault package opens it; everything else moves it as bytes.
type Sealed []byte

// Event is an entry on a case's timeline: what happened when, such as
// "breach discovered" or "scan finished".
type Event struct {
	ID     int64
	CaseID int64
	At     time.Time
	Kind   string // discovered, scan, people, duties, notify, note, ...
	Actor  string
	Text   string // never holds personal values
}
