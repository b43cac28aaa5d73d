package json

import (
	"strings"

	"github.com/breachkit/breachkit/scan"
)

// fhirBundle gives the resources of a FHIR Bundle the record of the
// patient they are about. A bundle's entries are each a record of their
// own, so a Condition, a MedicationRequest or a Claim naming no one would
// be a person without a name; each points at its patient ("subject":
// {"reference": "urn:uuid:…"} or "Patient/…"), the Patient entry came
// before it (as Synthea and EHR exports write them), and its values are
// that patient's. An entry's values are held until the entry ends, since
// the reference comes after the codes.
type fhirBundle struct {
	emit     func(scan.Segment) error
	on       bool              // the document is a Bundle
	patients map[string]string // a Patient's fullUrl and "Patient/id" → its record
	held     []scan.Segment    // the current entry's values
	rec      string            // the current entry's record
	kind     string            // its resourceType
	id, url  string            // its id and fullUrl
	ref      string            // the patient it points at
}

// note records what a string value says about its entry: the bundle's own
// resourceType, and an entry's resourceType, id, fullUrl and patient
// reference. path is the value's key path, record the entry's record.
func (b *fhirBundle) note(path, record, v string) error {
	if path == "resourceType" {
		b.on = v == "Bundle"
		return nil
	}
	if !b.on || !strings.HasPrefix(path, "entry.") {
		return nil
	}
	if record != b.rec {
		if err := b.flush(); err != nil {
			return err
		}
		b.rec = record
	}
	switch path {
	case "entry.fullUrl":
		b.url = v
	case "entry.resource.resourceType":
		b.kind = v
	case "entry.resource.id":
		b.id = v
	case "entry.resource.subject.reference", "entry.resource.patient.reference", "entry.resource.beneficiary.reference":
		if b.ref == "" {
			b.ref = v
		}
	}
	return nil
}

// add emits seg, or holds it with its entry's values inside a bundle.
func (b *fhirBundle) add(seg scan.Segment) error {
	if !b.on {
		return b.emit(seg)
	}
	if seg.Record != b.rec {
		if err := b.flush(); err != nil {
			return err
		}
		b.rec = seg.Record
	}
	if len(b.held) >= maxHeld {
		// An entry this large is no patient's resource: memory stays
		// bounded, and what was held keeps its own record.
		b.kind, b.ref = "", ""
		if err := b.flush(); err != nil {
			return err
		}
	}
	b.held = append(b.held, seg)
	return nil
}

// maxHeld bounds the values of one bundle entry held for its patient.
const maxHeld = 1 << 16

// flush emits the held values of the entry that ended, under its
// patient's record when it points at a Patient seen before.
func (b *fhirBundle) flush() error {
	rec := ""
	switch {
	case b.kind == "Patient":
		if b.patients == nil {
			b.patients = map[string]string{}
		}
		if b.url != "" {
			b.patients[b.url] = b.rec
		}
		if b.id != "" {
			b.patients["Patient/"+b.id] = b.rec
		}
	case b.ref != "":
		rec = b.patients[b.ref]
	}
	held := b.held
	b.held, b.kind, b.id, b.url, b.ref = b.held[:0], "", "", "", ""
	for _, s := range held {
		if rec != "" {
			s.Record = rec
		}
		if err := b.emit(s); err != nil {
			return err
		}
	}
	return nil
}
