package breachkit

import (
	"context"
	"errors"
	"time"
)

// Errors a Store returns, to be tested with errors.Is.
var (
	// ErrNotFound means the case, source or object does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique object (a case name, a notice key) exists.
	ErrConflict = errors.New("already exists")
	// ErrExhausted means a pool (of monitoring codes) has too few left.
	ErrExhausted = errors.New("pool exhausted")
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
	// UpdateCase saves a case's discovery date and organisation.
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

	// AddNotices stores the notices whose Key is new and sets their IDs;
	// notices whose Key exists are left unchanged and get the stored ID,
	// so that planning twice is idempotent. It returns how many were new.
	AddNotices(ctx context.Context, ns []*Notice) (added int, err error)
	// UpdateNotices saves the notices' status, attempts, batch, times,
	// message ID and detail, in one transaction: all or none.
	UpdateNotices(ctx context.Context, ns ...*Notice) error
	// Notice returns one notice.
	Notice(ctx context.Context, caseID, id int64) (*Notice, error)
	// Notices streams a case's notices in ID order, optionally only those
	// of one channel and one status ("" for any).
	Notices(ctx context.Context, caseID int64, channel, status string, fn func(*Notice) error) error
	// ClaimNotices atomically moves up to limit notices of the channel that
	// are planned, or failed with fewer than maxAttempts attempts and a
	// NextAttempt not after now, to sending, counts an attempt, sets
	// ClaimedAt to now and returns them in ID order. Two callers never
	// claim the same notice.
	ClaimNotices(ctx context.Context, caseID int64, channel string, limit, maxAttempts int, now time.Time) ([]*Notice, error)
	// MarkInDoubt moves the channel's notices that are sending and were
	// claimed before cutoff to in-doubt, and returns how many.
	MarkInDoubt(ctx context.Context, caseID int64, channel string, cutoff time.Time) (int64, error)
	// CountNotices counts a case's notices by channel, variant and status.
	CountNotices(ctx context.Context, caseID int64) ([]NoticeCount, error)

	// AddCodes adds activation codes to a case's pool; a code whose
	// Fingerprint is already in the pool is skipped. It returns how many
	// were added.
	AddCodes(ctx context.Context, caseID int64, codes []*MonitoringCode) (added int, err error)
	// AssignCodes gives each listed person who has no code yet one unused
	// code of pool, in one transaction; if the pool has too few unused
	// codes it assigns none and returns ErrExhausted.
	AssignCodes(ctx context.Context, caseID int64, pool CodePool, personIDs []int64) error
	// CodesOf returns the codes assigned to the listed people, by person.
	CodesOf(ctx context.Context, caseID int64, personIDs []int64) (map[int64]*MonitoringCode, error)
	// CountCodes returns how many codes of pool the case holds and how
	// many are assigned.
	CountCodes(ctx context.Context, caseID int64, pool CodePool) (total, assigned int64, err error)

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
