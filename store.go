package breachkit

import (
	"context"
	"errors"
)

// Errors a Store returns, to be tested with errors.Is.
var (
	// ErrNotFound means the case, source or object does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique object (a case name, a notice key) exists.
	ErrConflict = errors.New("already exists")
)

// Store is the case store: everything breachkit knows about its cases.
// It never sees plaintext personal values; callers seal them first. The
// sqlite package is the embedded default and the postgres package serves
// many workers; both pass the storetest suite.
type Store interface {
	// CreateCase adds a case and sets its ID. The name must be unique.
	CreateCase(ctx context.Context, c *Case) error
	// Case returns the case with that name.
	Case(ctx context.Context, name string) (*Case, error)
	// Cases lists all cases, oldest first.
	Cases(ctx context.Context) ([]*Case, error)
	// UpdateCase saves a case's discovery date.
	UpdateCase(ctx context.Context, c *Case) error
	// RewrapKeys replaces every case's wrapped data key with what rewrap
	// returns, in one transaction: all cases change or none does.
	RewrapKeys(ctx context.Context, rewrap func(c *Case) (wrapped []byte, masterKeyID string, err error)) error

	// BeginSource records that a source is being scanned. If the source
	// was recorded before and is not done, its findings are deleted, so
	// that an interrupted scan resumes without duplicates. It returns the
	// stored source, whose Status tells the caller whether to scan it.
	BeginSource(ctx context.Context, s *Source) (*Source, error)
	// FinishSource records a source's final status, reason and count.
	FinishSource(ctx context.Context, s *Source) error
	// Sources lists a case's sources in path order.
	Sources(ctx context.Context, caseID int64) ([]*Source, error)

	// AddFindings stores a batch of findings and sets their IDs.
	AddFindings(ctx context.Context, fs []*Finding) error
	// Findings streams a case's findings in ID order to fn; an error from
	// fn stops the stream and is returned.
	Findings(ctx context.Context, caseID int64, f FindingFilter, fn func(*Finding) error) error
	// CountFindings counts a case's findings by type.
	CountFindings(ctx context.Context, caseID int64) (map[Element]int64, error)

	// ReplacePeople replaces a case's people with those next yields, in
	// one transaction, so that a re-run is idempotent. next returns nil
	// when done.
	ReplacePeople(ctx context.Context, caseID int64, next func() (*Person, error)) error
	// People streams a case's people in ID order. FindingIDs are filled
	// only when withFindings is true.
	People(ctx context.Context, caseID int64, withFindings bool, fn func(*Person) error) error
	// Person returns one person with its findings.
	Person(ctx context.Context, caseID, id int64) (*Person, error)

	// ReplaceObligations replaces a case's obligations and exemptions.
	ReplaceObligations(ctx context.Context, caseID int64, obs []Obligation, exs []Exemption) error
	// Obligations returns a case's obligations and exemptions.
	Obligations(ctx context.Context, caseID int64) ([]Obligation, []Exemption, error)

	// PutNotice adds a notice, or returns ErrConflict if its Key exists.
	PutNotice(ctx context.Context, n *Notice) error
	// UpdateNotice saves a notice's status, attempts and detail.
	UpdateNotice(ctx context.Context, n *Notice) error
	// Notices streams a case's notices in ID order, optionally only those
	// with the given status.
	Notices(ctx context.Context, caseID int64, status string, fn func(*Notice) error) error

	// AddEvent adds an entry to a case's timeline.
	AddEvent(ctx context.Context, e *Event) error
	// Events returns a case's timeline, oldest first.
	Events(ctx context.Context, caseID int64) ([]Event, error)

	// AppendAudit seals e after the current last entry and stores it,
	// atomically with respect to other writers.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// AuditEntries streams the audit log in sequence order.
	AuditEntries(ctx context.Context, fn func(*AuditEntry) error) error

	// Close releases the store.
	Close() error
}
