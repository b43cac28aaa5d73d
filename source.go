package breachkit

import "time"

// SourceStatus says how far the scan of one source got.
type SourceStatus string

// The states of a source. A source in SourceScanning was interrupted; a
// resumed scan deletes its findings and scans it again.
const (
	SourceScanning SourceStatus = "scanning"
	SourceDone     SourceStatus = "done"
	SourceSkipped  SourceStatus = "skipped" // not scanned at all; Reason says why
	SourcePartial  SourceStatus = "partial" // scanned in part (e.g. pages that need OCR); Reason says what is missing
)

// Source is one scanned input: a file, or a member of an archive written
// as "outer.zip!/inner/file.csv". Together the sources of a case are its
// evidence manifest.
type Source struct {
	ID        int64
	CaseID    int64
	Path      string
	SHA256    string // hex digest of the source's own bytes
	Size      int64
	Format    string // csv, json, xlsx, pdf, zip, ...
	Status    SourceStatus
	Reason    string // why skipped or partial; empty when done
	Findings  int64
	ScannedAt time.Time
}
