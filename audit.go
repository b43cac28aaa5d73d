package breachkit

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"
)

// AuditEntry is one row of the append-only audit log: who did what, when,
// to which case and object. Each entry commits to the previous entry's
// hash, so changing or removing a row breaks the chain from there on.
type AuditEntry struct {
	Seq      int64 // 1, 2, 3, ... with no gaps
	At       time.Time
	Actor    string
	Action   string // e.g. case.create, scan, reveal, keys.rotate
	CaseID   int64  // 0 when the action concerns no case
	Object   string // what was acted on, e.g. "finding 42" or a path
	Detail   string // never holds personal values
	PrevHash []byte
	Hash     []byte
}

// ChainHash computes the hash of e given the previous entry's hash. The
// fields are length-prefixed so that no two different entries encode the
// same bytes. At is taken to the microsecond, the precision every store keeps.
func (e *AuditEntry) ChainHash(prev []byte) []byte {
	h := sha256.New()
	var n, size [8]byte
	writeField := func(b []byte) {
		binary.BigEndian.PutUint64(size[:], uint64(len(b)))
		h.Write(size[:])
		h.Write(b)
	}
	h.Write([]byte("breachkit-audit-v1"))
	writeField(prev)
	binary.BigEndian.PutUint64(n[:], uint64(e.Seq))
	writeField(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(e.At.UnixMicro()))
	writeField(n[:])
	writeField([]byte(e.Actor))
	writeField([]byte(e.Action))
	binary.BigEndian.PutUint64(n[:], uint64(e.CaseID))
	writeField(n[:])
	writeField([]byte(e.Object))
	writeField([]byte(e.Detail))
	return h.Sum(nil)
}

// Seal fills in PrevHash and Hash for an entry that follows prev (nil for
// the first entry) and truncates At to the microsecond.
func (e *AuditEntry) Seal(prev *AuditEntry) {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seq = 1
	e.PrevHash = nil
	if prev != nil {
		e.Seq = prev.Seq + 1
		e.PrevHash = append([]byte(nil), prev.Hash...)
	}
	e.Hash = e.ChainHash(e.PrevHash)
}

// ChainError names the first audit entry at which the chain breaks.
type ChainError struct {
	Seq    int64
	Reason string
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("audit log broken at entry %d: %s", e.Seq, e.Reason)
}

// ChainVerifier checks audit entries one at a time, in sequence order, so
// that a log of any length is verified in constant memory.
type ChainVerifier struct {
	prev  *AuditEntry
	Count int64
}

// Next checks one entry against the previous one and returns a
// *ChainError for the first entry that does not fit.
func (v *ChainVerifier) Next(e *AuditEntry) error {
	wantSeq := int64(1)
	var wantPrev []byte
	if v.prev != nil {
		wantSeq = v.prev.Seq + 1
		wantPrev = v.prev.Hash
	}
	switch {
	case e.Seq != wantSeq:
		return &ChainError{Seq: wantSeq, Reason: fmt.Sprintf("entry missing (next stored entry is %d)", e.Seq)}
	case !bytes.Equal(e.PrevHash, wantPrev):
		return &ChainError{Seq: e.Seq, Reason: "previous-hash link does not match the entry before it"}
	case !bytes.Equal(e.Hash, e.ChainHash(e.PrevHash)):
		return &ChainError{Seq: e.Seq, Reason: "contents do not match its hash (the row was changed)"}
	}
	c := *e
	v.prev = &c
	v.Count++
	return nil
}

// Head returns the last verified entry, or nil if none was checked. Its
// hash can be recorded outside the store, so that removing entries from
// the end of the log can be detected too.
func (v *ChainVerifier) Head() *AuditEntry { return v.prev }
