package breachkit

// Finding is one piece of personal data found in a source, with where it
// is, how sure the detector is, and why. The value itself is sealed.
type Finding struct {
	ID       int64
	CaseID   int64
	SourceID int64
	Path     string
	Type     Element
	// Start and End are byte offsets into the source's own bytes for text
	// formats, so that file[Start:End] is the value; -1 when the location
	// is a cell or a page instead.
	Start, End int64
	Sheet      string
	Cell       string
	Page       int
	// Record groups the findings that belong to one record: a CSV row, a
	// JSON object, an email, a paragraph of free text.
	Record     string
	Confidence float64
	Reasons    []string
	Value      Sealed
	// Fingerprint is a keyed hash of the normalized value: equal values of
	// one case have equal fingerprints, so they can be matched and joined
	// without decrypting.
	Fingerprint []byte
}

// FindingFilter selects findings when reading them back.
type FindingFilter struct {
	SourceID      int64     // 0 = all sources
	Types         []Element // empty = all types
	MinConfidence float64
	AfterID       int64 // for paging: only findings with a larger ID
	Limit         int   // 0 = no limit
}
