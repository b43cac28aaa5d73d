package people

import (
	"slices"
	"strings"
	"sync"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
)

// Options tunes the resolver. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	// MinWeight is the Fellegi–Sunter match weight (log2 odds) a pair
	// needs to be linked. Zero means automatic: log2 of the number of
	// records plus Margin, so that the posterior odds of a link stay high
	// however many people the case holds.
	MinWeight float64
	// Margin is added to log2(records) when MinWeight is automatic.
	Margin float64
	// Window is how many preceding records of a block each record is
	// compared with (sorted-neighbourhood blocking).
	Window int
	// MaxShare is the most records an identifier value may appear in
	// before it is treated as generic (not evidence), whatever the records
	// say. Values shared by records that contradict each other (different
	// valid SSNs, three or more birth dates, four or more surnames) are
	// generic at any count.
	MaxShare int
	// Samples is the number of random record pairs used to estimate the
	// u-probabilities, and the target number of candidate pairs for EM.
	Samples int
	// Workers is the number of goroutines that score candidate pairs.
	Workers int
	// KeepRecords keeps the plaintext records in memory so that people can
	// be built with profiles, findings and explanations. Off for
	// evaluation and benchmarks at scale.
	KeepRecords bool
	// Explain keeps every accepted link for Person.Explain.
	Explain bool
}

// DefaultOptions are the thresholds used by breachkit people.
func DefaultOptions() Options {
	return Options{Margin: 6, Window: 8, MaxShare: 5000, Samples: 1_000_000, Workers: 2, KeepRecords: true, Explain: true}
}

// Comparison fields of the Fellegi–Sunter model.
const (
	fGiven = iota
	fSurname
	fMiddle
	fDOB
	fTax
	fEmail
	fPhone
	fAddr
	fAcct
	nFields
)

var fieldNames = [nFields]string{"given_name", "surname", "middle_name", "dob", "tax_id", "email", "phone", "address", "account_id"}

// levelNames names the comparison levels of each field (level 0 is
// "missing" everywhere).
var levelNames = [nFields][]string{
	{"missing", "exact", "nickname", "similar", "initial", "different"},
	{"missing", "exact", "similar", "different", "across"},
	{"missing", "compatible", "different"},
	{"missing", "exact", "transposed-or-typo", "different"},
	{"missing", "same", "different"},
	{"missing", "same", "different"},
	{"missing", "same", "different"},
	{"missing", "same-street", "same-house-and-zip", "same-zip-or-city", "different"},
	{"missing", "same", "different"},
}

// ident kinds as stored in the compact records.
const (
	kSSN = iota + 1
	kITIN
	kTaxOther // SSN- or ITIN-typed value that is not a valid one
	kEmail
	kPhone
	kAcct // account-like identifiers: kAcct + n for the n-th element type seen
)

func identKind(e breachkit.Element, v string) uint8 {
	switch e {
	case breachkit.SSN:
		if validSSN(v) {
			return kSSN
		}
		if validITIN(v) {
			return kITIN
		}
		return kTaxOther
	case breachkit.ITIN:
		if validITIN(v) {
			return kITIN
		}
		if validSSN(v) {
			return kSSN
		}
		return kTaxOther
	case breachkit.Email:
		return kEmail
	case breachkit.Phone:
		return kPhone
	}
	return 0 // caller assigns kAcct + the element's index
}

// crec is the compact form of a record the matcher works on.
type crec struct {
	given, middle, surname uint32 // name table ids, 0 = none
	dob                    uint32 // YYYYMMDD, 0 = none
	gen                    uint8  // generational suffix code, 0 = none
	// zipDigits is a 16-bit hash of the postcode's characters in sorted
	// order, 0 = none: equal for a postcode and its transposed typo
	// (7015, 7105). It fills what would be padding after gen.
	zipDigits          uint16
	zip, house, street uint32 // hashes of the normalised best address, 0 = none
	city               uint32
	idOff              uint32 // first ident in Resolver.idFP
	idN                uint8
	intl               bool
	customer           bool
}

// nameTable interns normalised names with their phonetic codes and counts.
type nameTable struct {
	ids  map[string]uint32
	str  []string
	sdx  []uint32 // Soundex packed
	nys  []uint32 // hash of the NYSIIS code (content, not an interning order)
	gcnt []uint32 // records using it as given name
	scnt []uint32 // records using it as surname
}

func newNameTable() *nameTable {
	t := &nameTable{ids: map[string]uint32{}}
	t.add("") // id 0 = none
	return t
}

func (t *nameTable) add(n string) uint32 {
	if id, ok := t.ids[n]; ok {
		return id
	}
	id := uint32(len(t.str))
	t.ids[n] = id
	t.str = append(t.str, n)
	t.sdx = append(t.sdx, packSoundex(Soundex(n)))
	// A hash of the code rather than an interned number, so that blocking
	// keys built from it do not depend on the order names were first seen.
	t.nys = append(t.nys, uint32(hashString(0, NYSIIS(n))))
	t.gcnt = append(t.gcnt, 0)
	t.scnt = append(t.scnt, 0)
	return id
}

func packSoundex(s string) uint32 {
	if len(s) != 4 {
		return 0
	}
	return uint32(s[0]-'A'+1)<<12 | uint32(s[1]-'0')<<8 | uint32(s[2]-'0')<<4 | uint32(s[3]-'0')
}

// Resolver collects records and resolves them into people.
type Resolver struct {
	opt     Options
	names   *nameTable
	recs    []crec
	idFP    []uint64
	idKind  []uint8
	records []Record // plaintext, only with KeepRecords, in the order added
	truth   []uint32 // ground-truth person per record, when given, in the order added
	truthID map[string]uint32
	// unattached counts the records Add left out as naming no one.
	unattached int
	// orig maps the position of a record in recs to the order it was
	// added in: Resolve sorts recs into a canonical order first.
	orig []uint32

	model      *model
	nickGroups [][]uint32 // per given-name id: ids of the formal names of its nickname groups
	generic    []bool     // per ident: value shared implausibly widely, not evidence
	acctKinds  map[breachkit.Element]uint8
	nickMu     sync.Mutex
}

// NewResolver returns an empty resolver.
func NewResolver(opt Options) *Resolver {
	if opt.Window <= 0 {
		opt.Window = 8
	}
	if opt.MaxShare <= 0 {
		opt.MaxShare = 5000
	}
	if opt.Samples <= 0 {
		opt.Samples = 1_000_000
	}
	if opt.Workers <= 0 {
		opt.Workers = 1
	}
	return &Resolver{opt: opt, names: newNameTable(), acctKinds: map[breachkit.Element]uint8{}, truthID: map[string]uint32{}}
}

// Len returns the number of records added.
func (r *Resolver) Len() int { return len(r.recs) }

func (r *Resolver) hash32(s string) uint32 {
	if s == "" {
		return 0
	}
	h := uint32(hashString(0, s))
	if h == 0 {
		h = 1
	}
	return h
}

// Add adds a record. With KeepRecords the record is kept as given;
// otherwise only its compact form is. A record that names no one (only
// diagnoses, card codes, routing numbers or genotypes: a drug list, a
// table of bank branches) is not a person: it is counted in
// Stats.Unattached and left out.
func (r *Resolver) Add(rec *Record) { r.add(rec) }

// Unattached returns how many records Add left out as naming no one.
func (r *Resolver) Unattached() int { return r.unattached }

// namesNoOne reports a record with nothing that names, identifies or
// reaches a person: no name, identifier, address or date of birth, only
// elements that describe someone the record does not name.
func namesNoOne(rec *Record) bool {
	if rec.Given != "" || rec.Surname != "" || rec.Middle != "" || len(rec.Idents) > 0 || len(rec.Addresses) > 0 || rec.DOB != "" || rec.Customer || len(rec.Elements) == 0 {
		return false
	}
	for _, e := range rec.Elements {
		switch e {
		case breachkit.MedicalInfo, breachkit.AccessCode, breachkit.RoutingNumber, breachkit.Genetic:
			// Describe someone without saying who. Credentials, a
			// security answer or a biometric template are an account's
			// or a person's own, even without a name: such a record is a
			// person, of unknown residence.
		default:
			return false
		}
	}
	return true
}

func (r *Resolver) add(rec *Record) bool {
	if namesNoOne(rec) {
		r.unattached++
		return false
	}
	var c crec
	if g := normName(rec.Given); g != "" {
		c.given = r.names.add(g)
		r.names.gcnt[c.given]++
	}
	if s := normName(rec.Surname); s != "" {
		c.surname = r.names.add(s)
		r.names.scnt[c.surname]++
	}
	if m := normName(rec.Middle); m != "" {
		c.middle = r.names.add(m)
	}
	c.dob = ParseDOB(rec.DOB)
	c.gen = generation(rec.Suffix)
	if len(rec.Addresses) > 0 {
		a := rec.Addresses[0].normalize()
		c.zip, c.house, c.street, c.city = r.hash32(a.zip), r.hash32(a.house), r.hash32(a.street), r.hash32(a.city)
		if a.zip != "" && len(a.zip) <= 16 {
			var buf [16]byte
			z := buf[:copy(buf[:], a.zip)]
			slices.Sort(z)
			c.zipDigits = uint16(r.hash32(string(z))) | 1
		}
		c.intl = a.intl
	}
	c.customer = rec.Customer
	c.idOff = uint32(len(r.idFP))
	for _, id := range rec.Idents {
		if c.idN == 255 {
			break
		}
		k := identKind(id.Type, id.Value)
		if k == 0 {
			ai, ok := r.acctKinds[id.Type]
			if !ok {
				if len(r.acctKinds) >= 255-kAcct {
					continue
				}
				ai = uint8(len(r.acctKinds))
				r.acctKinds[id.Type] = ai
			}
			k = kAcct + ai
		}
		norm := breachkit.Normalize(id.Type, id.Value)
		if norm == "" {
			continue
		}
		fp := hashString(hashString(0, string(id.Type)), norm)
		if k == kSSN || k == kITIN {
			// The same number typed as SSN in one file and ITIN in another
			// is one value.
			fp = hashString(hashString(0, "TAX"), norm)
		}
		if fp == 0 {
			fp = 1
		}
		dup := false
		for i := c.idOff; i < uint32(len(r.idFP)); i++ {
			if r.idFP[i] == fp {
				dup = true
			}
		}
		if dup {
			continue
		}
		r.idFP = append(r.idFP, fp)
		r.idKind = append(r.idKind, k)
		c.idN++
	}
	r.recs = append(r.recs, c)
	if r.opt.KeepRecords {
		r.records = append(r.records, *rec)
	}
	if rec.Truth != "" {
		t, ok := r.truthID[rec.Truth]
		if !ok {
			t = uint32(len(r.truthID) + 1)
			r.truthID[rec.Truth] = t
		}
		r.label(t)
	}
	return true
}

func (r *Resolver) label(t uint32) {
	for len(r.truth) < len(r.recs)-1 {
		r.truth = append(r.truth, 0)
	}
	r.truth = append(r.truth, t)
}

// AddLabeled adds a record whose ground-truth person is the number label
// (not 0), for evaluation at scale without a string per record.
func (r *Resolver) AddLabeled(rec *Record, label uint32) {
	rec.Truth = ""
	if r.add(rec) {
		r.label(label)
	}
}

// tax returns the first valid SSN or ITIN of record i with its kind.
func (r *Resolver) tax(i uint32) (uint64, uint8) {
	c := &r.recs[i]
	for k := c.idOff; k < c.idOff+uint32(c.idN); k++ {
		if r.idKind[k] == kSSN || r.idKind[k] == kITIN {
			return r.idFP[k], r.idKind[k]
		}
	}
	return 0, 0
}

// taxRef is tax with 1 + the ident's position instead of its fingerprint.
func (r *Resolver) taxRef(i uint32) (uint32, uint8) {
	c := &r.recs[i]
	for k := c.idOff; k < c.idOff+uint32(c.idN); k++ {
		if r.idKind[k] == kSSN || r.idKind[k] == kITIN {
			return k + 1, r.idKind[k]
		}
	}
	return 0, 0
}

// hasName reports whether record i has a given name or surname.
func (r *Resolver) hasName(i uint32) bool {
	return r.recs[i].given != 0 || r.recs[i].surname != 0
}

func validSSN(s string) bool {
	d := breachkit.Normalize(breachkit.SSN, s)
	if len(d) != 9 {
		return false
	}
	area, group, serial := atoiSafe(d[:3]), atoiSafe(d[3:5]), atoiSafe(d[5:])
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	switch d {
	case "078051120", "219099999", "123456789":
		return false
	}
	return !strings.HasPrefix(d, "98765432")
}

func validITIN(s string) bool {
	d := breachkit.Normalize(breachkit.ITIN, s)
	if len(d) != 9 || d[0] != '9' {
		return false
	}
	g := atoiSafe(d[3:5])
	return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99)
}

// givenFreq and surnameFreq are the term frequencies used to down-weight
// agreement on common names: the larger of the share in this data and in
// the shipped US name lists. The share in the data counts the other
// records with the name among the records plus tfPseudo: in a small case
// a name's records are mostly one person's (two records of Felix Hurst
// alone made "Felix" the name of everyone, and their link impossible).
func (r *Resolver) givenFreq(id uint32) float64 {
	return dataFreq(r.names.gcnt[id], len(r.recs), gazetteer.GivenNameFrequency(r.names.str[id]))
}

func (r *Resolver) surnameFreq(id uint32) float64 {
	return dataFreq(r.names.scnt[id], len(r.recs), gazetteer.SurnameFrequency(r.names.str[id]))
}

// tfPseudo are the records of people at large added to a case's to
// weigh its names' shares.
const tfPseudo = 1000

func dataFreq(count uint32, n int, gaz float64) float64 {
	f := float64(max(int(count)-1, 0)) / float64(n+tfPseudo)
	return max(f, gaz)
}

// hashString is FNV-1a over s continuing from h, with a final avalanche
// (splitmix64), so that results are the same in every run.
func hashString(h uint64, s string) uint64 {
	if h == 0 {
		h = 14695981039346656037
	}
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= 0xff
	h *= 1099511628211
	return mix64(h)
}

func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
