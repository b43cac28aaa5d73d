package breachkit

// Person is one affected individual resolved from a case's findings:
// the unit that breach laws count and that receives a notice.
type Person struct {
	ID     int64
	CaseID int64
	// Key identifies the person across re-runs of the resolver, so that a
	// re-run keeps the IDs of people whose records did not change.
	Key string
	// Profile is the sealed JSON of the resolved profile: name, mailing
	// address, email, phone. It is opened only to render notices or on an
	// audited reveal.
	Profile        Sealed
	Jurisdiction   string // ISO 3166-2 (US-TX), a country code, or "unknown"
	JurisdictionBy string // how it was decided, or why it is unknown
	Elements       ElementSet
	AddressQuality string   // e.g. deliverable, partial, none
	Flags          []string // e.g. substitute-notice, no-name, single-identifier
	Records        int      // how many records were merged into this person
	// Explain is a JSON account of the links that formed the person
	// (fields and weights, never values).
	Explain []byte
	// FindingIDs lists the findings that belong to the person.
	FindingIDs []int64
}
