// Package detect runs the detectors of breachkit over text segments. It
// makes one cheap pass over the bytes of a segment and collects candidate
// shapes — runs of digits with separators, '@' signs, capitalised words,
// house numbers followed by street words — together with the positions of
// keywords. Only then does it ask the detectors in the folders below
// (ssn, card, phone, ...) to validate the candidates of the shapes they
// take, and it scores each valid candidate by its context: the column
// header or key of structured data decides; in free text the nearest
// keywords do, nearer counting more.
//
// Each detector folder holds the validation rules of one type and an
// examples.yaml of values that must and must not be reported, which
// TestExamples in this package checks.
package detect

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect/aamva"
	"github.com/breachkit/breachkit/scan/detect/accesscode"
	"github.com/breachkit/breachkit/scan/detect/address"
	"github.com/breachkit/breachkit/scan/detect/assigned"
	"github.com/breachkit/breachkit/scan/detect/bank"
	"github.com/breachkit/breachkit/scan/detect/card"
	"github.com/breachkit/breachkit/scan/detect/creds"
	"github.com/breachkit/breachkit/scan/detect/custom"
	"github.com/breachkit/breachkit/scan/detect/dl"
	"github.com/breachkit/breachkit/scan/detect/dob"
	"github.com/breachkit/breachkit/scan/detect/email"
	"github.com/breachkit/breachkit/scan/detect/govid"
	"github.com/breachkit/breachkit/scan/detect/health"
	"github.com/breachkit/breachkit/scan/detect/internal/sample"
	"github.com/breachkit/breachkit/scan/detect/internal/wordset"
	"github.com/breachkit/breachkit/scan/detect/itin"
	"github.com/breachkit/breachkit/scan/detect/medical"
	"github.com/breachkit/breachkit/scan/detect/mrz"
	"github.com/breachkit/breachkit/scan/detect/name"
	"github.com/breachkit/breachkit/scan/detect/passport"
	"github.com/breachkit/breachkit/scan/detect/phone"
	"github.com/breachkit/breachkit/scan/detect/routing"
	"github.com/breachkit/breachkit/scan/detect/ssn"
)

// Window is how far before a candidate (in bytes) a keyword counts;
// keywords after a candidate count up to WindowAfter bytes.
const (
	Window      = 300
	WindowAfter = 40
)

// Keyword classes. Each number rule has one; classNeg marks words that
// say a number is something else (an order, an amount, a date that is
// not a birth date).
const (
	classSSN = iota
	classITIN
	classCard
	classRouting
	classBank
	classPhone
	classDOB
	classDL
	classPassport
	classHealth
	classEmail
	className
	classAddress
	classCred
	classNeg
	classDate
	classOrg     // a form's label of an organisation's block: employer, payer
	classAccess  // a card security code's or a PIN's label: CVV, PIN
	classMedical // a diagnosis code's label: Dx, ICD-10
	classGov     // a government or assigned number's label: alien registration, USCIS, SIN, NINO, employee, student
	classMember  // a health ID's label only beside a word of health: member, subscriber, plan, policy, beneficiary
	classLicense // a licence number's label, as its label or beside a word of classDL: license, lic, DL
	numClasses
)

// shapeRules are the detectors of letters-and-digits identifiers.
var shapeRules = func() []shapeRule {
	rs := []shapeRule{{classDL, breachkit.DriversLicense, dl.Written, ""}, {classPassport, breachkit.Passport, passport.Valid, ""}, {classHealth, breachkit.HealthID, health.Valid, ""}}
	for i := range rs {
		rs[i].rule = "rule:" + strings.ToLower(string(rs[i].t)) + "-shape"
	}
	return rs
}()

type shapeRule struct {
	class int
	t     breachkit.Element
	ok    func(string) bool
	rule  string
}

// numberRule is a detector that takes digit candidates. confirm, if set,
// is a costly validation of candidates that start with 0 (phone numbers
// in national form), run only when a keyword of the rule's class speaks
// for one.
type numberRule struct {
	typ     breachkit.Element
	class   int
	score   func(digits []byte, groups []int, seps []byte) (float64, bool)
	confirm func(digits []byte) bool
	// minD and maxD bound the digits score can accept (a superset of
	// what it does): a window outside them is not offered to it.
	minD, maxD int
}

// maxRuleDigits is the most digits any number rule takes (a card's 19).
const maxRuleDigits = 19

var numberRules = []numberRule{
	{breachkit.SSN, classSSN, ssn.Score, nil, 9, 9},
	{breachkit.ITIN, classITIN, itin.Score, nil, 9, 9},
	{breachkit.CardNumber, classCard, card.Score, nil, 13, 19},
	{breachkit.RoutingNumber, classRouting, routing.Score, nil, 9, 9},
	{breachkit.BankAccount, classBank, bank.Score, nil, 6, 17},
	{breachkit.Phone, classPhone, phone.ScoreAny, phone.National, 9, 19}, // 10 or 11; national forms from 9
	{breachkit.DOB, classDOB, dob.Score, nil, 4, 8},                      // 5/9/85 to 19850709
	{breachkit.DriversLicense, classDL, dl.Score, nil, 5, 15},
	{breachkit.Passport, classPassport, passport.Score, nil, 6, 9},
	{breachkit.HealthID, classHealth, health.Score, nil, 6, 12},
}

// orgLabels head a form's block of an organisation's name and address
// ("Employer's name, address"); see orgLabelBefore. negWords say a
// nearby number is not personal data; dateWords say a nearby date is not
// a birth date.
var (
	orgLabels = []string{"employer", "payer", "filer", "lender"}
	negWords  = []string{"order", "invoice", "ref", "reference", "txn", "transaction", "confirmation", "tracking", "amount", "balance", "principal", "zip", "postal", "ticket", "case", "claim", "sku", "serial", "version", "build", "port", "pid", "seq", "id", "uuid", "sha256", "hash", "total", "fee", "payment", "agent", "req", "request", "loan", "employee", "emp", "po", "batch", "record",
		"issue", "issues", "bug", "commit", "rfc", "cve", "errno", "error", "aws", "arn", "iam", "closes", "lp",
		"nmls", "npi", "duns", "naic"}
	dateWords = []string{"due", "statement", "txn", "transaction", "paid", "posted", "created", "updated", "issued", "expires", "expiry", "effective", "payment", "date", "dated", "closing", "opened", "since", "until", "called", "on", "hired", "deadline", "received", "sent", "visit", "service"}
)

// Config selects what an Engine reports.
type Config struct {
	// Types limits the reported types; empty means all.
	Types []breachkit.Element
	// Custom are user-defined identifiers.
	Custom []*custom.Rule
	// MinConfidence drops matches below it (0 keeps all above 0.3).
	MinConfidence float64
	// HealthOrg says the breached organisation is a health plan or
	// provider (a HIPAA covered entity or business associate): its
	// "Member #" and "Subscriber ID" columns are health plan IDs whatever
	// the other columns of their table, and "member ID 100234567" in its
	// text needs no other word of health.
	HealthOrg bool
}

// Engine runs all detectors over segments. It is safe for concurrent use.
type Engine struct {
	// byDigits[n] are the indexes in numberRules of the rules
	// that take a window of n digits.
	byDigits [maxRuleDigits + 1][]uint8
	types    map[breachkit.Element]bool
	// only is set when Config.Types names some types: every rule still
	// runs, so that a value is given the type it has in a full scan, and
	// the matches of other types are dropped as they are emitted. A
	// passport number labelled "Passport no." is no SSN under --types SSN
	// because the passport rule was off.
	only      bool
	healthOrg bool // Config.HealthOrg
	kw        map[string]uint32
	// lex holds the keywords (their classes in the low numClasses bits)
	// and the name lexicon (its roles above them), so that each word of
	// free text is looked up once.
	lex *wordset.Set
	// lowFirst has bit n of entry c set when a keyword or cue of length
	// n starts with the lower-case letter c: a lower-case word can only
	// be one of those (names count when capitalised), so most skip the
	// lookup.
	lowFirst [256]uint32
	custom   []*custom.Rule
	customKW map[string][]int
	min      float64
	pool     sync.Pool
}

// New returns an engine for cfg.
func New(cfg Config) *Engine {
	e := &Engine{kw: map[string]uint32{}, custom: cfg.Custom, min: cfg.MinConfidence, customKW: map[string][]int{}, healthOrg: cfg.HealthOrg}
	if e.min < 0.3 {
		e.min = 0.3
	}
	e.types = map[breachkit.Element]bool{}
	e.only = len(cfg.Types) > 0
	for _, t := range breachkit.ScanElements {
		e.types[t] = len(cfg.Types) == 0
	}
	for _, r := range cfg.Custom {
		e.types[r.Type] = len(cfg.Types) == 0
	}
	for _, t := range cfg.Types {
		e.types[t] = true
	}
	add := func(class int, words []string) {
		for _, w := range words {
			w = strings.ToLower(w)
			e.kw[w] |= 1 << class
		}
	}
	add(classSSN, ssn.Keywords)
	add(classITIN, itin.Keywords)
	add(classCard, card.Keywords)
	add(classRouting, routing.Keywords)
	add(classBank, bank.Keywords)
	add(classPhone, phone.Keywords)
	add(classDOB, dob.Keywords)
	add(classDL, dl.Keywords)
	add(classLicense, dl.LabelKeywords)
	add(classPassport, passport.Keywords)
	add(classHealth, health.Keywords)
	add(classMember, health.MemberWords)
	add(classEmail, email.Keywords)
	add(className, name.Keywords)
	add(classAddress, address.Keywords)
	add(classCred, creds.Keywords)
	add(classCred, []string{creds.MaidenKeyword, creds.AnswerKeyword})
	add(classNeg, negWords)
	add(classDate, dateWords)
	add(classOrg, orgLabels)
	add(classAccess, accesscode.Keywords)
	add(classMedical, medical.Keywords)
	add(classGov, govid.Keywords)
	add(classGov, govid.NationalKeywords)
	add(classGov, assigned.Keywords)
	for i, r := range cfg.Custom {
		for _, w := range r.Keywords {
			e.customKW[w] = append(e.customKW[w], i)
			add(classNeg, []string{w}) // a custom keyword says "not an SSN"
		}
	}
	for ri, r := range numberRules {
		for n := r.minD; n <= r.maxD; n++ {
			e.byDigits[n] = append(e.byDigits[n], uint8(ri))
		}
	}
	names := name.Lexicon()
	lex := make(map[string]uint32, len(e.kw)+len(names))
	for w, c := range e.kw {
		lex[w] = c
	}
	for w, r := range names {
		lex[w] |= uint32(r) << numClasses
	}
	e.lex = wordset.New(lex)
	for w, v := range lex {
		// A word with accented letters (née, tél) is looked up by
		// accentWord, never as a run of ASCII letters: it would only
		// make "note" and "that" worth a lookup.
		if len(w) < 32 && (v&kwMask != 0 || name.Role(v>>numClasses)&name.Cue != 0) && !capitalsOnly[w] && ascii(w) {
			e.lowFirst[w[0]] |= 1 << len(w)
		}
	}
	e.pool.New = func() any { return &scratch{fields: map[string]*fieldInfo{}} }
	return e
}

// ascii reports whether s is ASCII throughout.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// capitalsOnly are keywords looked up only when written with a capital
// (NHS): in lower case they are rare, and every lower-case word of their
// first letter and length would be looked up for them.
var capitalsOnly = map[string]bool{"nhs": true}

// Enabled reports whether the engine reports type t.
func (e *Engine) Enabled(t breachkit.Element) bool { return e.types[t] }

// hit is a keyword in a segment.
type hit struct {
	start, end int
	classes    uint32
	// label: a colon follows the word ("DOB:"), which names the value
	// after it, not one before.
	label bool
	word  string // only for custom keywords
}

// numTok is a run of digit groups joined by separators.
type numTok struct {
	start, end int
	g0, gn     int // index range into scratch.gs
}

type group struct {
	start, end int
	sep        byte // separator after this group
}

type span struct {
	start, end int
	conf       float64
	typ        breachkit.Element
	// r0 and r1 are the reasons, "" for none: the rule and the keyword.
	r0, r1 string
}

type scratch struct {
	// table and tableOf cache tableKind of the last table seen
	// (scan.Segment.Columns): holding the slice keeps its array from
	// being reused for another table's.
	table   []string
	tableOf tableInfo
	// randomLong says whether the segment's long numbers are a table's,
	// not cards (longNumbers): 0 not yet counted, 1 no, 2 yes. lines
	// counts them over the lines of a file read a line at a time.
	randomLong uint8
	lines      lineTally
	colKinds   map[string]uint8 // columnKind by header
	hits       []hit
	// healthAt is the end of the segment's last keyword of a medical
	// record (classHealth, "patient"), -1 if none yet: hospitalLine
	// looks no further when it is not on the account's line.
	healthAt int
	toks     []numTok
	gs       []group
	alnum    [][2]int
	dates    [][2]int
	whole    [][2]int // values found at their end (an address abroad, a spelt-out e-mail), whose parts are no findings
	found    []span
	digits   []byte
	groups   []int
	seps     []byte
	cands    []span
	codes    [][2]int // diagnosis codes after one keyword
	fields   map[string]*fieldInfo
	ctx      ctxInfo
	// present has a bit set for each keyword class found in the segment.
	present uint32
	// uk: Britain's word for a licence was seen ("licence", "DVLA"),
	// after which British licence numbers are looked for.
	uk bool
	// The keywords before the last candidate gather saw, swept in text
	// order: sweepPos is where that candidate starts, sweepNext the first
	// hit that does not end before it, sweepLast the end of the nearest
	// hit of each class in sweepSeen.
	sweepPos, sweepNext int
	sweepLast           [numClasses]int
	sweepSeen           uint32
	// lastOrg is where the last organisation label (employer, payer)
	// seen in the segment ends.
	lastOrg int
	// fcache holds the fields of the last columns seen, in column order,
	// so that a table's cells find their header's classification by a
	// string comparison (usually of the same string) instead of a map
	// lookup; fnext is where the next column is expected.
	fcache [32]fieldSlot
	fnext  int
}

type fieldSlot struct {
	name string
	fi   *fieldInfo
}

// tableKind is the package's tableKind of cols, cached for the table
// whose cells come one after another.
func (s *scratch) tableKind(cols []string) tableInfo {
	if len(s.table) != len(cols) || unsafe.SliceData(s.table) != unsafe.SliceData(cols) {
		s.table = cols
		if s.colKinds == nil {
			s.colKinds = map[string]uint8{}
		}
		s.tableOf = tableKind(cols, s.colKinds)
	}
	return s.tableOf
}

// fieldOf returns the classification of a field name, cached.
func (s *scratch) fieldOf(name string) *fieldInfo {
	if c := &s.fcache[s.fnext]; c.fi != nil && c.name == name {
		s.fnext = (s.fnext + 1) % len(s.fcache)
		return c.fi
	}
	for i := range s.fcache {
		if c := &s.fcache[i]; c.fi != nil && c.name == name {
			s.fnext = (i + 1) % len(s.fcache)
			return c.fi
		}
	}
	fi := s.fields[name]
	if fi == nil {
		fi = classify(name)
		if len(s.fields) > 10000 {
			clear(s.fields)
		}
		s.fields[name] = fi
	}
	s.fcache[s.fnext] = fieldSlot{name, fi}
	s.fnext = (s.fnext + 1) % len(s.fcache)
	return fi
}

// class of a byte for the candidate pass.
const (
	cOther = iota
	cDigit
	cUpper
	cLower
	cAt
)

var byteClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower
	}
	t['@'] = cAt
	return
}()

// alnumBits is 1 for a digit and 2 for an ASCII letter, 0 otherwise.
var alnumBits = func() (t [256]uint8) {
	for c := range t {
		switch byteClass[c] {
		case cDigit:
			t[c] = 1
		case cLower:
			t[c] = 2
		case cUpper:
			t[c] = 2 | 4
		}
	}
	return
}()

// plainBefore holds the bytes an e-mail address follows in text, where
// no URL's userinfo can be: blanks, brackets, quotes and separators.
var plainBefore = [256]bool{' ': true, '\n': true, '\r': true, '\t': true, '<': true, '(': true, '[': true, '"': true, '\'': true, ',': true, ';': true, '=': true, '>': true}

// queensLot reports whether text[k:] is the second part of a Queens
// house number, one to three digits and a blank before a capitalised
// word ("123-45 Queens Blvd"): tested before an SSN's or a phone's
// groups, which follow a hyphen as often, are taken for one.
func queensLot(text []byte, k int) bool {
	e := k
	for e < len(text) && e-k < 6 && byteClass[text[e]] == cDigit {
		e++
	}
	if e == k || e+1 >= len(text) || text[e] != ' ' {
		return false
	}
	if e-k <= 3 && byteClass[text[e+1]] == cUpper {
		return true
	}
	// Canada's suite before the civic number: "202-121 14th Street NW"
	// (address.Find refuses a local telephone number, 555-1234).
	return e-k <= 5 && byteClass[text[e+1]] == cDigit
}

func isAlnum(c byte) bool  { k := byteClass[c]; return k == cDigit || k == cUpper || k == cLower }
func isLetter(c byte) bool { k := byteClass[c]; return k == cUpper || k == cLower }

// Detect reports the personal data in seg.
func (e *Engine) Detect(seg *scan.Segment, emit func(scan.Match)) {
	s := e.pool.Get().(*scratch)
	e.detect(s, seg, emit)
	e.pool.Put(s)
}

// Detector runs an Engine with scratch space of its own, so that a
// segment costs no trip through the Engine's pool. It is not safe for
// concurrent use: each goroutine takes its own.
type Detector struct {
	e *Engine
	s *scratch
}

// Detector returns a new Detector of e.
func (e *Engine) Detector() *Detector {
	return &Detector{e: e, s: e.pool.New().(*scratch)}
}

// Detect is Engine.Detect.
func (d *Detector) Detect(seg *scan.Segment, emit func(scan.Match)) { d.e.detect(d.s, seg, emit) }

func (e *Engine) detect(s *scratch, seg *scan.Segment, emit func(scan.Match)) {
	if e.only {
		all := emit
		emit = func(m scan.Match) {
			if e.types[m.Type] {
				all(m)
			}
		}
	}
	if seg.Field != "" {
		fi := s.fieldOf(seg.Field)
		if fi.kind != fUnknown {
			var t tableInfo
			if (fi.member || fi.account || fi.loose) && len(seg.Columns) > 0 {
				t = s.tableKind(seg.Columns)
				if fi.account && t.health && !t.bank {
					// A hospital's patient account number, in a table that
					// names health and no bank: the billing number HIPAA
					// lists among a patient's identifiers, as "Patient
					// acct:" is in text.
					hf := *fi
					hf.kind, hf.reasons = fHealth, []string{"header:" + fi.name, "rule:patient-account"}
					e.field(seg, &hf, t, emit)
					return
				}
				if fi.member && !t.health && !e.healthOrg || fi.account && t.service && !t.bank {
					// A credit union's or a club's member number, in a
					// table that names nothing of health; a telephone
					// company's service account, in one that names a
					// service and no bank.
					return
				}
			}
			e.field(seg, fi, t, emit)
			return
		}
		e.locality(seg, fi, emit)
	} else if e.lineLocality(seg, emit) {
		return
	}
	e.text(s, seg, emit)
}

// text finds personal data in free text.
func (e *Engine) text(s *scratch, seg *scan.Segment, emit func(scan.Match)) {
	text := seg.Text
	n := len(text)
	s.hits, s.toks, s.gs, s.alnum, s.dates, s.found, s.whole = s.hits[:0], s.toks[:0], s.gs[:0], s.alnum[:0], s.dates[:0], s.found[:0], s.whole[:0]
	s.uk = false
	s.healthAt = -1
	s.lastOrg = -1 << 30
	lead := seg.Lead
	if lead > n {
		lead = n
	}
	// Keywords in the lead count as context.
	i := lead - Window
	if i < 0 {
		i = 0
	}
	for i < lead {
		c := text[i]
		if isLetter(c) {
			j := i + 1
			for j < n && isLetter(text[j]) {
				j++
			}
			e.word(s, text, i, j)
			i = j
			continue
		}
		i++
	}
	titled, cue := false, false
	lt := -1 // the next '<' at or after i, for cuedName
	i = lead
	for i < n {
		c := text[i]
		switch byteClass[c] {
		case cOther:
			// "…, 1010 Wien, Österreich": an address abroad.
			if c >= 0xC0 && i >= 2 && text[i-1] == ' ' && text[i-2] == ',' {
				if end, ok := e.abroad(s, text, i, lead); ok {
					i, titled = end, false
					continue
				}
			}
			// A name that starts with an accented capital: Ángel, Élodie.
			if c >= 0xC0 && name.Capital(text[i:]) {
				if end, conf := e.name(text, i, i, titled, 0); end > 0 {
					s.found = append(s.found, span{i, end, conf, breachkit.PersonName, pick(titled, "rule:name-title", "rule:name-gazetteer"), ""})
					i, titled = end, false
					continue
				}
				i, titled = name.WordEnd(text, i), false
				continue
			}
			// "P<USAOKAFOR<<CHIDI<EMEKA<<<": the machine-readable zone
			// of a passport or an identity card.
			if c == '<' && i+1 < n && text[i+1] == '<' {
				if z, ok := mrz.At(text, i); ok && z.Start >= lead {
					e.zone(s, z)
					i, titled = z.End, false
					continue
				}
			}
			// "%B4556…^GARCIA/JOSE A^2712…?", ";4556…=2712…?": a card's
			// magnetic stripe, as card readers and memory scrapers
			// write it.
			if (c == '%' || c == ';') && i+2 < n && (text[i+1] == 'B' || byteClass[text[i+1]] == cDigit) {
				if end, ok := e.track(s, text, i, lead); ok {
					i, titled = end, false
					continue
				}
			}
			// Blanks and punctuation: nothing starts here. A title
			// names only the word after its blank ("Mr. Smith"; not
			// "SYS_PROF = 44 … SYS").
			i0 := i
			i++
			for i < n && byteClass[text[i]] == cOther && text[i] < 0xC0 {
				i++
			}
			if titled && (i-i0 > 3 || !bytes.Equal(text[i0:i], threeBlanks[:i-i0])) {
				titled = false
			}
			continue
		case cAt:
			st, en, ok := email.Span(text, i)
			if !ok || st > 0 && !plainBefore[text[st-1]] {
				// "postgres://app:S3cret@db.example.com": a URL's
				// account and password, no e-mail address. Looked for
				// only when the address-like part does not follow a
				// blank or a bracket, as nearly every address does.
				if ps, pe, url := creds.URLUserinfo(text, i); url {
					if pe > 0 && ps >= lead {
						s.found = append(s.found, span{ps, pe, 0.9, breachkit.Credentials, "rule:url-credentials", ""})
					}
					i++
					continue
				}
			}
			if ok {
				if conf, ok := email.Score(text, st, en, i); ok && st >= lead {
					s.found = append(s.found, span{st, en, conf, breachkit.Email, "rule:email", ""})
				}
				i = en
				if en < n && (text[en] == ':' || text[en] == ';' || text[en] == '|') {
					// A combo list's line: address, separator, password.
					if ps, pe := creds.Combo(text, st, en, email.ValidBytes); pe > 0 {
						if ps >= lead {
							s.found = append(s.found, span{ps, pe, 0.9, breachkit.Credentials, "rule:combo", ""})
						}
						i = pe
					}
				}
				continue
			}
			i++
			continue
		}
		// A word of letters and digits. Bit 4 of seen: a capital after
		// the first letter ("passportNumber", "DateOfBirth", "SSN").
		j := i + 1
		seen := alnumBits[c] &^ 4
		for j < n {
			m := alnumBits[text[j]]
			if m == 0 {
				break
			}
			seen |= m
			j++
		}
		hasDigit, hasLetter := seen&1 != 0, seen&2 != 0
		if byteClass[c] == cDigit && j-i >= 12 && (j < n && (text[j] == '^' || text[j] == '=') || j-i >= 20) {
			// A stripe's track without its sentinels, or its chip
			// equivalent (4556…D2712…).
			if end, ok := e.track(s, text, i, lead); ok {
				i, titled = end, false
				continue
			}
		}
		switch {
		case !hasLetter:
			// "1 HOLLOWAY" over "2 MARGARET ANN": the numbered name
			// fields of a driver's licence or ID card read by OCR.
			if j-i == 1 && text[i] == '1' && j+1 < n && text[j] == ' ' && (i == 0 || text[i-1] == '\n') {
				if sEnd, gSt, gEnd, ok := e.cardName(s, text, j+1); ok {
					s.found = append(s.found, span{j + 1, sEnd, 0.85, breachkit.PersonName, "rule:name-id-card", "part:surname"},
						span{gSt, gEnd, 0.85, breachkit.PersonName, "rule:name-id-card", "part:given"})
					i, titled = gEnd, false
					continue
				}
			}
			// The house number of a street of continental Europe, after
			// its name and before the postcode: "Via Roma 10, 00184
			// Roma", "Hauptstraße 5, 10115 Berlin", "Calle Mayor 15,
			// bajo A, 28013 Madrid", "Av. Insurgentes Sur 1602, Col.
			// Crédito Constructor, 03940 Ciudad de México".
			if j-i <= 4 && j+2 < n && text[j] == ',' && text[j+1] == ' ' && (byteClass[text[j+2]] == cDigit || text[j+2]|0x20 == 'b' || text[j+2] == 'C') {
				if st, end := address.FindNumberLast(text, i, j); end > 0 && st >= lead {
					s.found = append(s.found, span{st, end, 0.85, breachkit.Address, "rule:address-intl", ""})
					s.whole = append(s.whole, [2]int{st, end})
					i, titled = end, false
					continue
				}
			}
			// House number of an address?
			if j-i <= 6 && j+1 < n && (text[j] == ' ' || text[j] == '-' && j-i <= 3 && (queensLot(text, j+1) || j+3 < n && byteClass[text[j+1]] == cUpper && text[j+2] == ' ')) && (byteClass[text[j+1]] == cUpper || byteClass[text[j+1]] == cDigit || frenchLower(text, j+1)) && (i == 0 || !isAlnum(text[i-1]) && text[i-1] != '-' && text[i-1] != '#') ||
				j-i <= 6 && j+3 < n && text[j] == ',' && text[j+1] == ' ' && frenchLower(text, j+2) && (i == 0 || !isAlnum(text[i-1])) {
				if end, full, conf := address.Find(text, i); end > 0 && !(j-i == 4 && copyrightYear(text, i)) {
					if !full {
						// A statement's address block beside another
						// column: its city line is on the next line, under it.
						if cs, ce := address.ColumnLocality(text, i, end); ce > 0 {
							sp := addressSpan(s, text, i, end, 0.9, false)
							sp.r0 = "rule:address-column"
							s.found = append(s.found, sp, span{cs, ce, sp.conf, breachkit.Address, sp.r0, "part:locality"})
							s.whole = append(s.whole, [2]int{cs, ce}) // its ZIP Code is no account
							i, titled = end, false
							continue
						}
					}
					s.found = append(s.found, addressSpan(s, text, i, end, conf, full))
					i = end
					titled = false
					continue
				}
				// A field number before it, as on an ID card read by OCR
				// ("8 2621 WASHINGTON AVE"): the address starts after it.
				if j-i <= 2 && byteClass[text[j+1]] == cDigit && (i == 0 || text[i-1] == '\n' || text[i-1] == ' ') {
					if end, full, conf := address.Find(text, j+1); end > 0 {
						s.found = append(s.found, addressSpan(s, text, j+1, end, conf, full))
						i = end
						titled = false
						continue
					}
				}
			}
			if j-i == 5 && c == '0' && i >= 3 && text[i-1] == ' ' && text[i-2] == 'R' && text[i-3] == 'P' {
				// Puerto Rico's addresses have no street suffix and put
				// the street's word first: read from the ZIP Code back
				// ("Urb. Las Lomas, Calle 5 #123, San Juan, PR 00921").
				if st, end := address.FindPuertoRico(text, i); end > 0 && st >= lead {
					s.found = append(s.found, addressSpan(s, text, st, end, 0.9, true))
					s.whole = append(s.whole, [2]int{st, end})
					i, titled = end, false
					continue
				}
			}
			if j-i == 5 && j+4 <= n && text[j] == '-' && allDigits(text[j+1:j+4]) && (j+4 == n || !isAlnum(text[j+4])) && i >= 2 && (text[i-1] == ' ' || text[i-1] == ',') {
				// Brazil's CEP, 01305-100, after the street, its number,
				// the district and the town: read back from it.
				if st, ok := address.FindBrazil(text, i, j+4); ok && st >= lead {
					s.found = append(s.found, span{st, j + 4, 0.85, breachkit.Address, "rule:address-intl", ""})
					s.whole = append(s.whole, [2]int{st, j + 4})
					i, titled = j+4, false
					continue
				}
			}
			if j-i == 3 && j+5 <= n && text[j] == '-' && allDigits(text[j+1:j+5]) && (j+5 == n || !isAlnum(text[j+5])) && i >= 2 && (text[i-1] == ' ' || text[i-1] == 0x92) {
				// Japan's postal code, 150-0002, after the postal mark
				// 〒 or ending an address in Latin letters.
				if st, end, ok := address.FindJapan(text, i, j+5); ok && st >= lead {
					s.found = append(s.found, span{st, end, 0.85, breachkit.Address, "rule:address-intl", ""})
					s.whole = append(s.whole, [2]int{st, end})
					i, titled = end, false
					continue
				}
			}
			if j-i == 5 && i >= 2 && text[i-1] == ' ' && byteClass[text[i-2]] == cLower {
				// A ZIP Code after a word in lower case: the end of an
				// address typed in a chat ("4421 cedar lane austin tx
				// 78745"), looked for from its end.
				if st, end := lowerAddress(text, i, j, lead); end > 0 {
					s.found = append(s.found, addressSpan(s, text, st, end, 0.9, true))
					s.whole = append(s.whole, [2]int{st, end})
					i = end
					titled = false
					continue
				}
			}
			i, titled = e.number(s, text, i, j), false
		case hasDigit:
			if address.GridLetter(c) && j-i >= 4 && j+1 < n && text[j] == ' ' && byteClass[text[j+1]] == cUpper && (i == 0 || !isAlnum(text[i-1])) {
				// A Wisconsin grid address: "N6W23880 Bluemound Rd".
				if end, full, conf := address.Find(text, i); end > 0 {
					s.found = append(s.found, addressSpan(s, text, i, end, conf, full))
					i, titled = end, false
					continue
				}
			}
			if c == '6' && i >= 5 && text[i-1] == ' ' && text[i-2] == 'I' && i-5 >= lead {
				// "ANSI 636026…DLDAQD4471…": a licence's or ID card's
				// barcode data, decoded, found at its issuer's number.
				if end := e.card(s, text, i-5); end > 0 {
					i, titled = end, false
					continue
				}
			}
			// A house number with a letter: 221B Baker Street.
			if byteClass[text[j-1]] == cUpper && byteClass[text[j-2]] == cDigit && j-i <= 7 && j+1 < n && text[j] == ' ' && byteClass[text[j+1]] == cUpper && (i == 0 || !isAlnum(text[i-1]) && text[i-1] != '-' && text[i-1] != '#') {
				if end, full, conf := address.Find(text, i); end > 0 {
					s.found = append(s.found, addressSpan(s, text, i, end, conf, full))
					i = end
					titled = false
					continue
				}
			}
			if j-i == 3 && byteClass[c] == cUpper && j+5 <= n && text[j] == ' ' && i >= 2 && text[i-2] == ',' {
				// An Irish Eircode, D01 F5P2, ending the address it
				// is read back from.
				if st, end, ok := address.FindEircode(text, i); ok && st >= lead {
					s.found = append(s.found, span{st, end, 0.85, breachkit.Address, "rule:address-intl", ""})
					s.whole = append(s.whole, [2]int{st, end})
					i, titled = end, false
					continue
				}
			}
			if j-i >= 4 && byteClass[c] == cUpper {
				if end, ok := bank.IBANAt(text, i); ok {
					s.found = append(s.found, span{i, end, 0.9, breachkit.BankAccount, "rule:iban", ""})
					i = end
					continue
				}
			}
			// A letter and digits in dashed groups: the licence numbers
			// of several states (S530-4608-1234).
			if byteClass[c] == cUpper && j-i >= 2 && j+1 < n && text[j] == '-' && byteClass[text[j+1]] == cDigit && allDigits(text[i+1:j]) {
				k := j
				for g := 0; g < 4 && k+1 < n && text[k] == '-' && byteClass[text[k+1]] == cDigit; g++ {
					k++
					for k < n && byteClass[text[k]] == cDigit {
						k++
					}
				}
				if k < n && isLetter(text[k]) {
					k = j // glued to letters: not a number of this shape
				}
				j = k
			} else if j-i == 5 && byteClass[c] == cUpper && j+12 <= n && allDigits(text[i+1:j]) && spacedGroups(text[j:j+12]) && (j+12 == n || !isAlnum(text[j+12])) {
				// New Jersey's licence as the card prints it: a letter
				// and fourteen digits in groups of five (K4398 27561 93847).
				j += 12
			}
			if byteClass[c] == cUpper && byteClass[text[i+1]] == cUpper && (i == 0 || !isAlnum(text[i-1])) {
				// "SSN412657733", "DOB03/14/1975": a label in capitals
				// run into its number; the label is read as a word and
				// the number after it as a number.
				k := i + 2
				for k < j && byteClass[text[k]] == cUpper {
					k++
				}
				if k < j && allDigits(text[k:j]) && e.capsLabel(text, k) == i {
					e.word(s, text, i, k)
					i = k
					continue
				}
			}
			if j-i == 4 && text[j-1] == '2' && c|0x20 == 'c' && accesscode.KindOf(text[i:j], nil, nil) != accesscode.None {
				// CVV2, CVC2: a card code's label with its digit.
				s.hits = append(s.hits, hit{start: i, end: j, classes: 1 << classAccess})
				i = j
				continue
			}
			s.alnum = append(s.alnum, [2]int{i, j})
			i = j
		default:
			if j-i == 2 && (c == 'a' || c == 'A') && (text[i+1] == 't' || text[i+1] == 'T') {
				// "jdoe61 at gmail dot com": an address spelt out.
				if st, en, ok := email.Spelled(text, i, j); ok {
					if st >= lead {
						s.found = append(s.found, span{st, en, 0.85, breachkit.Email, "rule:email-spelled", ""})
						s.whole = append(s.whole, [2]int{st, en})
					}
					i = en
					continue
				}
			}
			roles := e.word(s, text, i, j)
			if roles == 0 && seen&4 != 0 && j-i >= 6 {
				// "passportNumber: 912803456", "DateOfBirth=": a
				// program's name of a field, its words run together.
				e.camel(s, text, i, j)
			}
			if j < n && text[j] >= 0xC0 && j-i < 30 {
				// "née le", "Tél.", "teléfono": a keyword of another
				// language runs on over its accented letters.
				e.accentWord(s, text, i)
			}
			// The name word runs on over accented letters and
			// apostrophes: José, O'Brien.
			wj := j
			if j < n && (text[j] == '\'' || text[j] == '-' || text[j] >= 0x80) {
				wj = name.WordEnd(text, i)
			}
			if titled && byteClass[c] == cLower && name.IsParticle(text[i:j]) {
				// "Dear Ms. van der Berg": a surname whose particles are
				// written small, after a title.
				if end := titledParticles(text, i); end > 0 {
					if i >= lead {
						s.found = append(s.found, span{i, end, 0.8, breachkit.PersonName, "rule:name-title", ""})
					}
					i, titled = end, false
					continue
				}
			}
			if maybeDay(text, i) {
				// "23 avril 1982", "14. März 1978", "30 de enero de
				// 1979": another language's month after its day.
				if wj-i == 2 && c == 'd' && text[i+1] == 'e' && wj+1 < n && text[wj] == ' ' {
					e.foreignMonth(s, text, wj+1) // the month after "de"
				} else {
					e.foreignMonth(s, text, i)
				}
			}
			if cue && j+1 < n && text[j] == ' ' || cue && byteClass[c] == cUpper {
				if byteClass[c] == cUpper {
					// "Customer SMITH, JOHN A."
					if end, conf := name.SurnameFirst(text, i, wj, true); end > 0 && !stateAfter(text, end) {
						s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-surname-first", ""})
						i, cue = end, false
						continue
					}
				}
				if end, conf := lowerName(text, i, wj); end > 0 {
					s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-after-cue", ""})
					i, cue = end, false
					continue
				}
			}
			// "my name is john smith": the cue lasts over is and was;
			// "hi, i'm roberto alvarez" in a chat is one too.
			cue = (roles&name.Cue != 0 || cue && j-i <= 3 && (string(text[i:j]) == "is" || string(text[i:j]) == "was") ||
				j-i == 1 && c == 'm' && i >= 2 && text[i-1] == '\'' && text[i-2]|0x20 == 'i' && (i == 2 || !isAlnum(text[i-3])) ||
				(c == 'i' && j-i == 3 || c == 's' && j-i == 1) && itsAfterGreeting(text, i, j)) &&
				(j >= n || text[j] == ' ' || text[j] == '=' || text[j] == ':')

			// first_name=Ana, "last_name":"Souza": a key of a name part
			// in a log line or a fragment of JSON.
			if roles&name.Cue != 0 && j-i == 4 && (c == 'n' || c == 'N') || j-i > 4 && j-i <= 10 && text[j-4]|0x20 == 'n' && string(text[j-3:j]) == "ame" ||
				j-i <= 5 && (c == 'f' || c == 'l') && i > 0 && (text[i-1] == '?' || text[i-1] == '&') {
				if st, end, key, conf := namePartValue(text, i, j); end > 0 {
					// The key is the value's header, as a column's would
					// be: people keeps the parts of one line together.
					s.found = append(s.found, span{st, end, conf, breachkit.PersonName, "rule:name-part-key", "header:" + key})
					i, cue = end, false
					continue
				}
			}
			// "City: Boise   State: ID   Zip: 83706": a form's or a log
			// line's parts of an address, each after its label.
			if (roles&name.Stop != 0 || c|0x20 == 'z' || c|0x20 == 'p') && j+1 < n && (text[j] == ':' || text[j] == '=' || text[j] == '"' || text[j] == ' ' && text[j+1]|0x20 == 'c') && partLabel(c, text[j-1], j-i) {
				// City and State are stop words of the name lexicon:
				// most words are passed over by the test of their roles.
				if st, end, part := addressPartValue(text, i, j); end > 0 {
					s.found = append(s.found, span{st, end, 0.85, breachkit.Address, "rule:address-part-key", "part:" + part})
					i, cue = end, false
					continue
				}
			}
			if (c == 'P' || c == 'p') && (j-i <= 2 || j-i >= 4 && j-i <= 5 && text[i+1]|0x20 == 'o' && (text[i+2]|0x20 == 's' || text[i+2]|0x20 == 'b')) {
				if end, full, conf := address.FindPOBox(text, i); end > 0 {
					s.found = append(s.found, span{i, end, conf, breachkit.Address, pick(full, "rule:address-full", "rule:address-po-box"), ""})
					i, titled = end, false
					continue
				}
			}
			if c == 'B' && j-i == 3 && text[i+2]|0x20 == 'x' {
				// "Box 63, Cordova, AK 99574": a box with no "PO", with
				// its town, state and ZIP Code.
				if end := address.FindBox(text, i); end > 0 {
					s.found = append(s.found, span{i, end, 0.9, breachkit.Address, "rule:address-full", ""})
					i, titled = end, false
					continue
				}
			}
			if (c == 'R' || c == 'H') && j-i >= 2 && j-i <= 5 && (text[i+1] == 'R' && c == 'R' || c == 'H' && text[i+1] == 'C' || c == 'R' && j-i == 5 && text[i+1] == 'u' && text[i+2] == 'r') {
				// A rural or highway contract route's box: "RR 2 Box 152".
				if end, full, conf := address.FindRoute(text, i); end > 0 {
					s.found = append(s.found, span{i, end, conf, breachkit.Address, pick(full, "rule:address-full", "rule:address-route"), ""})
					i, titled = end, false
					continue
				}
			}
			if roles&name.Stop != 0 && (c == 'U' || c == 'P' || c == 'C') && j-i >= 3 && j-i <= 5 && j < n && text[j] == ' ' {
				// An Armed Forces address: "Unit 2050 Box 4190, APO AP
				// 96278", "USS Nimitz (CVN 68), FPO AP 96620".
				if end := address.FindMilitary(text, i); end > 0 {
					s.found = append(s.found, span{i, end, 0.95, breachkit.Address, "rule:address-military", ""})
					i, titled = end, false
					continue
				}
			}
			if i >= 2 && text[i-1] == ' ' && text[i-2] == ',' && byteClass[c] == cUpper {
				// "…, 75002 Paris, France": an address abroad.
				if end, ok := e.abroad(s, text, i, lead); ok {
					i, titled = end, false
					continue
				}
			}
			if byteClass[c] == cUpper {
				if w := text[i:j]; len(w) >= 3 && len(w) <= 9 && dob.MonthBytes(w) > 0 {
					e.monthDate(s, text, i)
				}
				if wj-i >= 2 {
					if roles&name.Title == 0 && wj > j && text[j] >= 0xC0 {
						// "Señora Martínez": a title written with an
						// accented letter.
						if r := e.accentRoles(text, i, wj); r&name.Title != 0 {
							roles, j = r, wj
						}
					}
					if roles&name.Title != 0 && name.TitleCase(text[i:j]) {
						// "Ms. Lutz", "Dr Patel", "Sig.ra Bianchi"; not
						// MS_SYNC or MRS.NE, a program's names.
						if k := name.TitleEnd(text, i, j); k >= 0 {
							titled = k < n && text[k] == ' '
							i = k
							continue
						}
					}
					if (i == 0 || text[i-1] == '\n') && j < n && text[j] == ' ' && bytes.Contains(text[j:min(n, i+96)], threeBlanks) {
						// A name on a form, its parts in boxes apart
						// ("MARGARET A          HOLLOWAY").
						if end, conf := e.formName(text, i, roles); end > 0 {
							s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-form", ""})
							i, titled = end, false
							continue
						}
					}
					if roles&name.Particle != 0 && !titled {
						// "Van Hooser, Steve" in a list of names written
						// so: a surname with its particle, before the
						// particle is read as a given name (Van).
						if end, conf := name.SurnameFirst(text, i, wj, false); end > 0 && name.ListItemEnd(text, end) {
							s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-surname-first", ""})
							i, titled = end, false
							continue
						}
					}
					if end, conf := e.name(text, i, j, titled, roles); end > 0 {
						f := 0
						if !titled && name.MaybeFirm(text, i, end) {
							f = name.FirmAt(text, i)
						}
						if f > 0 || name.EntityAfter(text, end) {
							// A firm's name (Edward Jones), or John Smith
							// LLC.
							i, titled = max(f, end), false
							continue
						}
						if !titled && i >= 3 && text[i-1] == ' ' && (text[i-2] == ':' || text[i-2] == ' ' && text[i-3] == ':') && labelBefore(text, i) {
							// "Name: Derrick Allen Whitcombe Jr.": after a
							// label, the gazetteer's name goes on over
							// the words it lacks.
							if le, _ := name.Labelled(text, i); le > end && !stateAfter(text, le) {
								end = name.SuffixAfter(text, le)
							}
							// The label says what the words are.
							conf = max(conf, 0.85)
						}
						st := initialBefore(text, i, lead, titled)
						s.found = append(s.found, span{st, end, conf, breachkit.PersonName, pick(titled, "rule:name-title", "rule:name-gazetteer"), ""})
						i = end
						titled = false
						continue
					}
					// Surname first needs a comma after it, or a particle
					// of at most five letters before it ("Van Dyke, Ann").
					if wj < n && (text[wj] == ',' || text[wj] == ' ' && wj-i <= 5) {
						// After a person's label ("Acct holder: Okafor,
						// Chidi") the surname need not be the
						// gazetteer's, as after a cue.
						labelled := text[wj] == ',' && i >= 3 && text[i-1] == ' ' && (text[i-2] == ':' || text[i-2] == ' ' && text[i-3] == ':') && labelBefore(text, i)
						end, conf := name.SurnameFirst(text, i, wj, labelled)
						if end == 0 && labelled {
							end, conf = labelledSurnameFirst(text, i, wj), 0.6
						}
						if end > 0 && !stateAfter(text, end) {
							s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-surname-first", ""})
							i = end
							titled = false
							continue
						}
					}
					if roles&(name.Given|name.Rare|name.Surname) != 0 && !titled {
						// "Per Fannie Mae Guidelines": no name here, and
						// none from the firm's second word either.
						if f := name.FirmAt(text, i); f > 0 {
							i = f
							continue
						}
					}
					if i >= 3 && text[i-1] == ' ' && (text[i-2] == ':' || text[i-2] == ' ' && text[i-3] == ':') && labelBefore(text, i) {
						// "Name: Ngozi Okonkwo-Adeyemi": a name the
						// gazetteer lacks, after a label that says what
						// follows.
						if end, conf := name.Labelled(text, i); end > 0 && !stateAfter(text, end) {
							s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-labelled", ""})
							i, titled = end, false
							continue
						}
					}
					if i > 0 && text[i-1] == '"' {
						if end := name.Quoted(text, i); end > 0 {
							s.found = append(s.found, span{i, end, 0.8, breachkit.PersonName, "rule:name-display", ""})
							i, titled = end, false
							continue
						}
					}
					if (i == 0 || text[i-1] == '\n') && wj < n && text[wj] == ' ' {
						// "TOMASZ K WOJCIK" over "1234 ELM STREET APT 5":
						// the addressee of a letter or a label.
						if end, conf := addressee(text, i); end > 0 {
							s.found = append(s.found, span{i, end, conf, breachkit.PersonName, "rule:name-addressee", ""})
							i, titled = end, false
							continue
						}
					}
					if end, conf, rule := cuedName(text, i, wj, &lt); end > 0 {
						s.found = append(s.found, span{i, end, conf, breachkit.PersonName, rule, ""})
						i, titled = end, false
						continue
					}
					if (roles&name.Surname != 0 || roles == 0 || roles&name.Given != 0 && i >= 2 && text[i-2] == '.') && i-3 >= lead && (text[i-2] == '.' || text[i-3] == ' ' && text[i-2] >= 'A' && text[i-2] <= 'Z') {
						// "Dr. J. Smith", "Payee: T. J. Hooper", "MR J A SMITH".
						if st, end, conf := name.Initialled(text, i, wj, lead); end > 0 {
							s.found = append(s.found, span{st, end, conf, breachkit.PersonName, "rule:name-initials", ""})
							i, titled = end, false
							continue
						}
					}
				}
			}
			titled = false
			i = j
		}
	}
	s.present, s.sweepPos, s.sweepNext, s.sweepSeen = 0, 0, 0, 0
	for _, h := range s.hits {
		s.present |= h.classes
	}
	if s.present&(1<<classMember) != 0 && (e.healthOrg || s.present&(1<<classHealth|1<<classMedical) != 0) {
		// "Member ID", "plan" beside a word of health or a diagnosis
		// label (within a keyword window), or in a health plan's own
		// files: a health plan's. Alone ("Member #1002345 called about
		// a share draft") a credit union's, or a club's; pages away
		// from "health", a program's (a struct's members).
		for k := range s.hits {
			if h := &s.hits[k]; h.classes&(1<<classMember) != 0 && (e.healthOrg || healthNear(s.hits, k)) {
				h.classes |= 1 << classHealth
				s.present |= 1 << classHealth
			}
		}
	}
	e.resolve(s, seg, text, lead)
	if s.present&(1<<classAccess|1<<classMedical|1<<classGov|1<<classHealth) != 0 {
		e.codes(s, text, lead)
	}
	if s.uk {
		e.ukLicence(s, text, lead)
	}
	if s.present&(1<<classSSN|1<<classPhone|1<<classCard) != 0 {
		e.spoken(s, text, lead)
	}
	e.customText(s, text, lead)
	for _, a := range s.whole {
		// What was read in a value found at its end before the end said
		// what it was (a town taken for a name, a user name for a
		// licence number) is part of it.
		for k := range s.found {
			if f := &s.found[k]; f.start >= a[0] && f.end <= a[1] && !(f.start == a[0] && f.end == a[1]) {
				f.conf = 0
			}
		}
	}
	e.emit(s, seg, emit)
}

// zone records the fields of a machine-readable zone, which its check
// digits vouch for, and drops the tokens of its first line read before
// its fillers were reached.
func (e *Engine) zone(s *scratch, z mrz.Zone) {
	for len(s.alnum) > 0 && s.alnum[len(s.alnum)-1][0] >= z.Start {
		s.alnum = s.alnum[:len(s.alnum)-1]
	}
	for len(s.toks) > 0 && s.toks[len(s.toks)-1].start >= z.Start {
		s.toks = s.toks[:len(s.toks)-1]
	}
	given := 0
	for _, f := range z.Fields {
		switch f.Kind {
		case mrz.DocNumber:
			t := breachkit.Passport
			if !z.Passport {
				t = breachkit.GovID
			}
			s.found = append(s.found, span{f.Start, f.End, 0.95, t, "rule:mrz", ""})
		case mrz.Surname:
			s.found = append(s.found, span{f.Start, f.End, 0.95, breachkit.PersonName, "rule:mrz", "part:surname"})
		case mrz.Given:
			s.found = append(s.found, span{f.Start, f.End, 0.95, breachkit.PersonName, "rule:mrz", pick(given == 0, "part:given", "part:middle")})
			given++
		case mrz.BirthDate:
			s.found = append(s.found, span{f.Start, f.End, 0.95, breachkit.DOB, "rule:mrz", "part:yymmdd"})
		}
	}
}

// aamvaParts are the PERSON_NAME and ADDRESS parts of a card's elements.
var aamvaParts = [...]string{aamva.Surname: "part:surname", aamva.Given: "part:given", aamva.Middle: "part:middle", aamva.FullName: "part:full",
	aamva.Street: "part:street", aamva.City: "part:city", aamva.State: "part:state", aamva.ZIP: "part:zip"}

// card records the elements of a licence's or ID card's barcode data
// whose header is at text[i] and returns where the data ends, or 0 when
// no header is there. Not inlined: the text loop stays as small as it
// was.
//
//go:noinline
func (e *Engine) card(s *scratch, text []byte, i int) int {
	if !aamva.Header(text, i) {
		return 0
	}
	c := aamva.Read(text, i)
	for _, f := range c.Fields {
		var t breachkit.Element
		switch f.Kind {
		case aamva.Number:
			t = breachkit.DriversLicense
			if c.IDCard {
				t = breachkit.GovID // a state ID card's number
			}
		case aamva.BirthDate:
			t = breachkit.DOB
		case aamva.Street, aamva.City, aamva.State, aamva.ZIP:
			t = breachkit.Address
		default:
			t = breachkit.PersonName
		}
		s.found = append(s.found, span{f.Start, f.End, 0.95, t, "rule:aamva", aamvaParts[f.Kind]})
	}
	return c.End
}

// abroad records an address outside the United States that ends in the
// name of its country at text[i] (after ", "), and returns where it ends.
func (e *Engine) abroad(s *scratch, text []byte, i, lead int) (int, bool) {
	ce, ok := address.CountryAt(text, i)
	if !ok {
		return 0, false
	}
	st, ok := address.FindIntl(text, i)
	if !ok || st < lead {
		return 0, false
	}
	s.found = append(s.found, span{st, ce, 0.9, breachkit.Address, "rule:address-intl", ""})
	s.whole = append(s.whole, [2]int{st, ce})
	return ce, true
}

// addressSpan is the finding of an address found at text[st:end]. The
// address of an organisation that a form labels as such just before it
// ("c Employer's name, address, and ZIP code" on a W-2, "PAYER'S name,
// street address" on a 1099) is kept below any confidence reported:
// it is not the person's, and taken for theirs it would place them in
// the employer's state.
func addressSpan(s *scratch, text []byte, st, end int, conf float64, full bool) span {
	if s.lastOrg > st-160 && orgLabelBefore(text, st) || firmBefore(text, st) {
		return span{st, end, 0.2, breachkit.Address, "rule:address-organisation", ""}
	}
	st = unitBefore(text, st)
	return span{st, end, conf, breachkit.Address, pick(full, "rule:address-full", "rule:address-street"), addressRoleBefore(text, st)}
}

// unitBefore returns where an address that starts at its house number
// text[st] starts when its flat or unit comes first, as British and
// Irish addresses write it ("Flat 2, 10 High Street", "Apartment 4B, 77
// Beacon St"): the designator's word, a number of up to five letters and
// digits, a comma. st when there is none.
func unitBefore(text []byte, st int) int {
	k := st - 1
	for k > 0 && text[k] == ' ' {
		k--
	}
	if k < 3 || text[k] != ',' || k == st-1 {
		return st
	}
	e := k // the unit's number ends here
	for k > 0 && isAlnum(text[k-1]) && e-k < 6 {
		k--
	}
	if k == e || k < 2 || text[k-1] != ' ' || byteClass[text[k]] != cDigit && byteClass[text[e-1]] != cDigit {
		return st
	}
	w := k - 1
	if w > 0 && text[w-1] == '.' {
		w-- // "Apt. 4"
	}
	b := w
	for b > 0 && isLetter(text[b-1]) && w-b < 10 {
		b--
	}
	if b > 0 && isAlnum(text[b-1]) || !gazetteer.LeadingUnit(string(text[b:w])) {
		return st
	}
	return b
}

// addressRoleBefore reads the two words just before an address in text
// for what it is to its person: "role:current" after "new address",
// "moved to", "resides at"; "role:former" after "old address", "moved
// from"; "role:property" after "property address", "subject property".
// people places a person by their current address, not the one they
// left or the house they own elsewhere. "" when nothing says. It runs
// for every address found, so the word next to the address is looked
// at first and most end there.
func addressRoleBefore(text []byte, i int) string {
	var b1, b2 [12]byte
	s1, n1 := wordBefore(text, i, &b1)
	w1 := b1[:n1]
	switch string(w1) {
	case "address", "to", "from", "at", "of", "live", "property":
	case "collateral":
		return "role:property"
	default:
		return ""
	}
	_, n2 := wordBefore(text, s1, &b2)
	w2 := b2[:n2]
	switch string(w1) {
	case "address":
		switch string(w2) {
		case "new", "current", "forwarding", "mailing", "home":
			return "role:current"
		case "old", "previous", "former", "prior":
			return "role:former"
		case "property":
			return "role:property"
		}
	case "to":
		if string(w2) == "moved" {
			return "role:current"
		}
	case "from":
		if string(w2) == "moved" {
			return "role:former"
		}
	case "at":
		switch string(w2) {
		case "resides", "residing", "lives":
			return "role:current"
		case "formerly":
			return "role:former"
		case "property":
			return "role:property"
		}
	case "of":
		if string(w2) == "formerly" {
			return "role:former"
		}
	case "live":
		if string(w2) == "to" {
			return "role:former" // used to live at
		}
	case "property":
		if string(w2) == "subject" {
			return "role:property"
		}
	}
	return ""
}

// wordBefore puts in buf, lower case, the word of letters that ends,
// past a few blanks or a colon, before text[i], and returns where it
// starts and its length: 0 when a sentence's end, a line's or a word
// longer than buf comes first.
func wordBefore(text []byte, i int, buf *[12]byte) (int, int) {
	e := i
	for k := 0; e > 0 && k < 4 && (text[e-1] == ' ' || text[e-1] == ':' || text[e-1] == '\t' || text[e-1] == ','); k++ {
		e--
	}
	st := e
	for st > 0 && e-st <= len(buf) && isLetter(text[st-1]) {
		st--
	}
	if st == e || e-st > len(buf) {
		return st, 0
	}
	for k := st; k < e; k++ {
		c := text[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k-st] = c
	}
	return st, e - st
}

// orgLabelBefore reports whether the nearest form label within 160 bytes
// before text[i], in the same paragraph, is an organisation's (employer,
// payer, lender, filer) rather than a person's (employee, recipient,
// borrower, customer, patient).
// firmBefore reports whether the address at text[i] follows a firm's
// name, its legal form or kind ending it just before ("Free Software
// Foundation, Inc., 51 Franklin Street", "Oracle Corporation\n500
// Oracle Parkway"): the firm's address, no one's home.
func firmBefore(text []byte, i int) bool {
	k := i
	for k > 0 && i-k < 8 && (text[k-1] == ' ' || text[k-1] == ',' || text[k-1] == '\n' || text[k-1] == '\r' || text[k-1] == '\t') {
		k--
	}
	if k == i || k == 0 {
		return false
	}
	dotted := text[k-1] == '.'
	if dotted {
		k--
	}
	w := k
	for w > 0 && k-w < 12 && (isLetter(text[w-1]) || text[w-1] == '.') {
		w--
	}
	if w == k || w > 0 && isAlnum(text[w-1]) {
		return false
	}
	var b [12]byte
	l := 0
	for _, c := range text[w:k] {
		if c != '.' {
			b[l] = c | 0x20
			l++
		}
	}
	switch string(b[:l]) {
	case "inc", "llc", "ltd", "corp", "corporation", "foundation", "company", "lp", "llp", "plc", "gmbh", "university", "institute", "incorporated":
		return true
	case "co", "na":
		// "Acme Co.", "Bank, N.A.": with their points only, as Co and
		// Na are surnames too.
		return dotted
	}
	return false
}

func orgLabelBefore(text []byte, i int) bool {
	seg := text[max(0, i-160):i]
	if k := bytes.LastIndex(seg, []byte("\n\n")); k >= 0 {
		seg = seg[k+2:]
	}
	org, person := -1, -1
	for _, w := range []string{"employer", "payer's", "payer:", "filer's", "lender's", "lender:"} {
		org = max(org, lastFold(seg, w))
	}
	if org < 0 {
		return false
	}
	for _, w := range []string{"employee", "recipient", "borrower", "customer", "patient", "member", "applicant", "home address", "mailing address"} {
		person = max(person, lastFold(seg, w))
	}
	return org > person
}

// lastFold returns where w (lower case) last occurs in b, in any case, or
// -1.
func lastFold(b []byte, w string) int {
	for k := len(b) - len(w); k >= 0; k-- {
		if b[k]|0x20 == w[0] && containsFoldAt(b, k, w) {
			return k
		}
	}
	return -1
}

func containsFoldAt(b []byte, k int, w string) bool {
	for n := 0; n < len(w); n++ {
		c := b[k+n]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		if c != w[n] {
			return false
		}
	}
	return true
}

// pick returns yes if cond holds, else no.
func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// kwMask selects the keyword classes of a lexicon value.
const kwMask = 1<<numClasses - 1

// word looks up the letters text[i:j] in the lexicon, records them as a
// keyword hit if they are one, and returns their name roles.
func (e *Engine) word(s *scratch, text []byte, i, j int) name.Role {
	l := j - i
	if l >= 32 || byteClass[text[i]] == cLower && e.lowFirst[text[i]]&(1<<l) == 0 {
		if l == 1 && j+1 < len(text) && text[j] == '.' && isLetter(text[j+1]) {
			// Initials with periods in small letters: d.o.b., s.s.n.
			if h, ok := e.initialism(text, i); ok {
				s.hits = append(s.hits, h)
			}
		}
		return 0
	}
	if l >= 2 && l <= 16 && i+16 <= len(text) {
		// Letters only: setting bit 5 of each byte is its lower case,
		// eight bytes at a time, and the set takes the word packed.
		a := binary.LittleEndian.Uint64(text[i:]) | 0x2020202020202020
		b := binary.LittleEndian.Uint64(text[i+8:]) | 0x2020202020202020
		if l < 8 {
			a, b = a&(1<<(8*l)-1), 0
		} else if l < 16 {
			b &= 1<<(8*(l-8)) - 1
		}
		v, ok := e.lex.LookupPacked(a, b, l)
		if !ok {
			return 0
		}
		return e.hit(s, text, i, j, v)
	}
	var buf [32]byte
	for k := i; k < j; k++ {
		b := text[k]
		if b >= 'A' && b <= 'Z' {
			b += 32
		}
		buf[k-i] = b
	}
	if l == 1 && j+1 < len(text) && text[j] == '.' && isLetter(text[j+1]) {
		// Initials with periods: D.O.B., S.S.N.
		if h, ok := e.initialism(text, i); ok {
			s.hits = append(s.hits, h)
		}
	}
	v, ok := e.lex.Lookup(buf[:l])
	if !ok {
		return 0
	}
	return e.hit(s, text, i, j, v)
}

// camel looks up each word of text[i:j] written in camel case
// ("passportNumber", "DateOfBirth"), a word starting at each capital
// after a small letter, and records those that are keywords of a
// number's type. A program's other names ("ownerPassword=",
// "anyPolicy") say nothing of the value after them.
func (e *Engine) camel(s *scratch, text []byte, i, j int) {
	h0 := len(s.hits)
	st := i
	for k := i + 1; k < j; k++ {
		if byteClass[text[k]] == cUpper && byteClass[text[k-1]] == cLower {
			if k-st >= 2 {
				e.word(s, text, st, k)
			}
			st = k
		}
	}
	if st > i && j-st >= 2 {
		e.word(s, text, st, j)
	}
	k := h0
	for _, h := range s.hits[h0:] {
		if h.classes &= camelClasses; h.classes != 0 {
			s.hits[k] = h
			k++
		}
	}
	s.hits = s.hits[:k]
}

// camelClasses are the keyword classes a word of a camel-case name
// speaks for: the numbers' and dates' types, but not a member's
// ("anyPolicy" in a certificate).
var camelClasses = numberClasses &^ (1 << classMember)

// accentWord looks up the word at text[i:] that runs on over accented
// letters (née, Téléphone, teléfono), its ASCII letters in lower case,
// and records it as a keyword hit if it is one.
func (e *Engine) accentWord(s *scratch, text []byte, i int) {
	var buf [32]byte
	j := i
	for ; j < len(text) && j-i < len(buf); j++ {
		c := text[j]
		if c >= 'A' && c <= 'Z' {
			c += 32
		} else if !(c >= 'a' && c <= 'z' || c >= 0x80 && !(c == 0xC2 && j+1 < len(text) && text[j+1] == 0xA0)) {
			break // not a letter, nor a no-break space's first byte
		}
		buf[j-i] = c
	}
	if j-i == len(buf) {
		return // longer than any keyword
	}
	if v, ok := e.lex.Lookup(buf[:j-i]); ok && v&kwMask != 0 {
		e.hit(s, text, i, j, v)
	}
}

// accentRoles returns the name roles of the word text[i:j] that runs on
// over accented letters (Señora), its ASCII letters in lower case.
func (e *Engine) accentRoles(text []byte, i, j int) name.Role {
	var buf [32]byte
	if j-i > len(buf) {
		return 0
	}
	for k := i; k < j; k++ {
		c := text[k]
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		buf[k-i] = c
	}
	v, _ := e.lex.Lookup(buf[:j-i])
	return name.Role(v >> numClasses)
}

// hit records the word text[i:j], whose lexicon value is v, as a keyword
// hit if it is one, and returns its name roles.
func (e *Engine) hit(s *scratch, text []byte, i, j int, v uint32) name.Role {
	if v&(1<<classOrg) != 0 {
		s.lastOrg = j
	}
	if cl := v & kwMask; cl != 0 {
		if cl&(1<<classDL|1<<classLicense) != 0 && ukWord(text[i:j]) {
			s.uk = true
		}
		if cl&(1<<classDOB) != 0 && j-i == 4 && text[i] == 'N' && text[i+1] == 'A' && text[i+3] == 'O' {
			return name.Role(v >> numClasses) // NATO, the alliance, not Italian's "nato il"
		}
		if cl&(1<<classDate) != 0 && len(s.hits) > 0 {
			// "birth date": the date word of a birth keyword's phrase
			// speaks for a birth date, not against it.
			if p := &s.hits[len(s.hits)-1]; p.classes&(1<<classDOB) != 0 && p.end == i-1 && text[i-1] == ' ' {
				cl = 1 << classDOB
			}
		}
		if cl&(1<<classDate) != 0 && j-i == 2 && text[i]|0x20 == 'o' && len(s.hits) > 0 {
			// "birthday was on 14 March 1979": "on" after a birth
			// keyword a few words back goes with it, not against it;
			// after "born", anywhere in its sentence ("born in a land
			// far away on 22/11/1972"), where "birthday" would be a
			// party's ("birthday party was held downtown on …").
			if p := &s.hits[len(s.hits)-1]; p.classes&(1<<classDOB) != 0 && (i-p.end <= 16 || i-p.end <= 40 && p.end-p.start == 4 && bytes.EqualFold(text[p.start:p.end], []byte("born")) && bytes.IndexAny(text[p.end:i], ".;\n") < 0) {
				if cl &^= 1 << classDate; cl == 0 {
					return name.Role(v >> numClasses)
				}
			}
		}
		if cl&(1<<classNeg) != 0 && len(s.hits) > 0 && (j-i == 6 || j-i == 7) && (text[i]|0x20) == 'r' && bytes.EqualFold(text[i:i+6], []byte("record")) {
			// "Medical Record #": the record of a medical record number
			// speaks for a health ID, not against it.
			if p := &s.hits[len(s.hits)-1]; p.classes&(1<<classHealth) != 0 && p.end == i-1 && text[i-1] == ' ' {
				cl = 1 << classHealth
			}
		}
		if cl&(1<<classLicense) != 0 && j-i == 2 && (i > 0 && (text[i-1] == '_' || text[i-1] == '.') || j < len(text) && text[j] == '_' && !numberWordAt(text, j+1)) {
			// pad_dl(), dl_find_object, ".dl" files: a program's word,
			// no driver's licence (DL_NUMBER, dl_no are its label).
			if cl &^= 1<<classDL | 1<<classLicense; cl == 0 {
				return name.Role(v >> numClasses)
			}
		}
		if cl&(1<<classHealth) != 0 && j-i == 9 && bytes.EqualFold(text[i:j], []byte("insurance")) {
			// "Social Insurance Number", "National Insurance number":
			// a government's number (a SIN, a NINO), no health plan's
			// nor, for "social", a social security number's, even when
			// the value fails that number's check.
			var buf [12]byte
			if _, n := wordBefore(text, i, &buf); string(buf[:n]) == "social" || string(buf[:n]) == "national" {
				cl &^= 1 << classHealth
				if p := len(s.hits) - 1; p >= 0 && s.hits[p].end == i-1 {
					s.hits[p].classes &^= 1 << classSSN
				}
			}
		}
		if cl&(1<<classSSN) != 0 && j-i == 3 && bytes.EqualFold(text[i:j], []byte("soc")) && !socSec(text, j) {
			// "Soc Sec No." names an SSN; "SOC 2", a security
			// operations centre, does not.
			if cl &^= 1 << classSSN; cl == 0 {
				return name.Role(v >> numClasses)
			}
		}
		if cl&(1<<classGov) != 0 && j-i == 4 && bytes.EqualFold(text[i:j], []byte("file")) {
			// "Tax File Number": Australia's TFN (govid's label), not a
			// US taxpayer's SSN or ITIN, which "tax" alone would say.
			if p := len(s.hits) - 1; p >= 0 && s.hits[p].end == i-1 && text[i-1] == ' ' && bytes.EqualFold(text[s.hits[p].start:s.hits[p].end], []byte("tax")) {
				s.hits[p].classes &^= 1<<classSSN | 1<<classITIN
			} else {
				return name.Role(v >> numClasses) // a file, no number's label
			}
		}
		if cl&(1<<classBank) != 0 && len(s.hits) > 0 {
			// "Patient acct: 000482913": a hospital's billing number,
			// one of HIPAA's identifiers, no bank's account.
			if p := &s.hits[len(s.hits)-1]; p.end == i-1 && text[i-1] == ' ' && p.end-p.start == 7 && bytes.EqualFold(text[p.start:p.end], []byte("patient")) {
				cl = cl&^(1<<classBank) | 1<<classHealth
			} else if (j-i == 4 || j-i == 7) && hospitalLine(s, text, i) {
				// "MRN: 4829130   Acct #: 77123409": an account on a
				// medical record's line is the patient's.
				cl = cl&^(1<<classBank) | 1<<classHealth
			}
		}
		if cl&(1<<classBank) != 0 && (j-i == 7 && verbAccount(text, i, j) || j-i >= 7 && looseKind(text, i, j)) {
			// "needs to account for page size", "takes into account":
			// the verb and the idiom, no bank's account; "type
			// checking", "the savings are": no account's kind.
			if cl &^= 1 << classBank; cl == 0 {
				return name.Role(v >> numClasses)
			}
		}
		if cl&(1<<classHealth) != 0 || cl&(1<<className) != 0 && j-i == 7 && bytes.EqualFold(text[i:j], []byte("patient")) {
			s.healthAt = j
		}
		h := hit{start: i, end: j, classes: cl, label: j < len(text) && text[j] == ':'}
		if len(e.customKW) > 0 {
			w := strings.ToLower(string(text[i:j]))
			if _, ok := e.customKW[w]; ok {
				h.word = w
			}
		}
		s.hits = append(s.hits, h)
	}
	return name.Role(v >> numClasses)
}

// hospitalLine reports whether the line before text[i] (160 bytes of it
// at most) names a medical
// record (MRN, "Medical Record", MBI, HICN, Medicare, Medicaid, a
// patient) and no routing number: there "Acct" or "Account" is a
// hospital's billing number, one of HIPAA's identifiers, as in a
// discharge summary's header.
func hospitalLine(s *scratch, text []byte, i int) bool {
	if s.healthAt < i-160 || s.healthAt < 0 {
		return false
	}
	if w := text[i : i+4]; !bytes.EqualFold(w, []byte("acct")) && !bytes.EqualFold(w, []byte("acco")) {
		return false
	}
	// The line, up to 160 bytes of it back: a header's fields.
	lo := max(0, i-160)
	if k := bytes.LastIndexByte(text[lo:i], '\n'); k >= 0 {
		lo += k + 1
	}
	health := false
	for p := len(s.hits) - 1; p >= 0; p-- {
		h := s.hits[p]
		if h.start < lo || h.end > i {
			break
		}
		if h.classes&(1<<classRouting|1<<classBank) != 0 {
			return false
		}
		w := text[h.start:h.end]
		switch {
		case h.classes&(1<<classHealth) != 0:
			// mrn, mbi, hicn, medicare, medicaid, medical; not
			// "insurance" or "health", which a bank's letter says too.
			health = health || len(w) <= 4 || w[0]|0x20 == 'm'
		case len(w) == 7 && bytes.EqualFold(w, []byte("patient")):
			health = true
		}
	}
	return health
}

// socSec reports whether "sec" follows the "soc" that ends at j, as in
// "Soc Sec", "Soc. Sec." and "soc-sec".
func socSec(text []byte, j int) bool {
	if j < len(text) && text[j] == '.' {
		j++
	}
	if j < len(text) && (text[j] == ' ' || text[j] == '-') {
		j++
	}
	return j+3 <= len(text) && bytes.EqualFold(text[j:j+3], []byte("sec")) && (j+3 == len(text) || !isLetter(text[j+3]))
}

// itsAfterGreeting reports "its" or "it's" (text[i:j], the "s" of it)
// after a greeting ("hi its kevin oconnell", "hello, it's ana souza"):
// a chat's way to give one's name.
func itsAfterGreeting(text []byte, i, j int) bool {
	switch {
	case j-i == 3 && string(text[i:j]) == "its":
	case j-i == 1 && text[i] == 's' && i >= 3 && text[i-1] == '\'' && text[i-2] == 't' && text[i-3]|0x20 == 'i':
		i -= 3
	default:
		return false
	}
	k := i
	for k > 0 && (text[k-1] == ' ' || text[k-1] == ',') {
		k--
	}
	w := k
	for w > 0 && isLetter(text[w-1]) {
		w--
	}
	switch strings.ToLower(string(text[w:k])) {
	case "hi", "hello", "hey", "yes", "yeah", "ok", "okay":
		return true
	}
	return false
}

// numberWordAt reports whether the word at text[i] says "number":
// number, num, no, nbr, id.
func numberWordAt(text []byte, i int) bool {
	e := i
	for e < len(text) && isLetter(text[e]) {
		e++
	}
	for _, w := range [...]string{"number", "num", "no", "nbr", "id"} {
		if bytes.EqualFold(text[i:e], []byte(w)) {
			return true
		}
	}
	return false
}

// verbAccount reports whether the word text[i:j], "account" in some
// case, is the verb ("account for") or the idiom ("into account").
func verbAccount(text []byte, i, j int) bool {
	if (text[i] | 0x20) != 'a' {
		return false
	}
	if j+4 < len(text) && text[j] == ' ' && (text[j+1]|0x20) == 'f' && (text[j+2]|0x20) == 'o' && (text[j+3]|0x20) == 'r' && !isLetter(text[j+4]) {
		return true
	}
	return i >= 5 && text[i-1] == ' ' && bytes.EqualFold(text[i-5:i-1], []byte("into"))
}

// looseKind reports whether the word text[i:j], "checking" or "savings"
// in some case, stands without what makes it an account's kind: the word
// account (or acct, no., number, ending) after it, or a label's ':' or
// '#'. "Checking: 12345678", "Savings acct 12345678"; not "determinism
// checking (…)", "The savings are even more significant".
func looseKind(text []byte, i, j int) bool {
	c := text[i] | 0x20
	if !(c == 'c' && j-i == 8 && bytes.EqualFold(text[i:j], []byte("checking")) || c == 's' && j-i == 7 && bytes.EqualFold(text[i:j], []byte("savings"))) {
		return false
	}
	k := j
	for k < len(text) && k-j < 3 && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k < len(text) && (text[k] == ':' || text[k] == '#' || byteClass[text[k]] == cDigit) {
		return false
	}
	e := k
	for e < len(text) && isLetter(text[e]) {
		e++
	}
	switch strings.ToLower(string(text[k:e])) {
	case "account", "accounts", "acct", "acc", "no", "nbr", "number", "ending", "ach":
		return false
	}
	return true
}

// initialism reads letters each followed by a period from text[i]
// ("D.O.B.") and returns a keyword hit when they spell a keyword.
func (e *Engine) initialism(text []byte, i int) (hit, bool) {
	var b [4]byte
	n, k := 0, i
	for n < len(b) && k < len(text) && isLetter(text[k]) {
		b[n] = text[k] | 0x20
		n++
		k++
		if k >= len(text) || text[k] != '.' {
			break
		}
		k++
	}
	if n < 2 {
		return hit{}, false
	}
	v, ok := e.lex.Lookup(b[:n])
	if !ok || v&kwMask == 0 {
		return hit{}, false
	}
	return hit{start: i, end: k, classes: v & kwMask}, true
}

// number collects the digit token that starts at text[i] (digits up to
// j) and returns where scanning goes on.
func (e *Engine) number(s *scratch, text []byte, i, j int) int {
	n := len(text)
	start := i
	spaced := false
	if i > 0 && text[i-1] == '(' && (j-i == 3 || j-i <= 5 && text[i] == '0' || j-i == 2 && (text[i] == '5' || text[i] == '3' || text[i] == '8')) && j < n && text[j] == ')' {
		// "(415) 362-0123"; abroad a trunk prefix and a longer area
		// code, "(0121) 496 0852", or Mexico's two-digit ones, "(55)
		// 1234-5678".
		start = i - 1
		if i >= 2 && text[i-2] == '1' && (i == 2 || !isAlnum(text[i-3])) {
			start = i - 2 // "+1(415)362-0123": the country code glued on
		} else if i >= 3 && text[i-2] == ' ' && text[i-3] == '1' && (i == 3 || text[i-4] == ' ' || text[i-4] == '+') {
			start = i - 3 // "1 (312) 515-2239", "+1 (312) 515-2239"
			if i >= 4 && text[i-4] == '+' {
				start = i - 4
			}
		}
	} else if i >= 2 && text[i-1] == ' ' && text[i-2] == '(' && j-i == 3 && j+1 < n && text[j] == ' ' && text[j+1] == ')' {
		// "( 918 ) 736 - 4410": blanks inside the brackets, as OCR
		// spaces a form's printed number.
		start, spaced = i-2, true
	} else if i > 0 && text[i-1] == '+' && (j-i <= 3 || j-i >= 8 && j-i <= 15 && (text[i] != '1' || j-i == 11)) && (i < 2 || !isAlnum(text[i-2])) {
		start = i - 1 // +1 212 ..., +44 20 ..., +447700900123, +14156667777
	}
	// A month in small letters beside the number, as chats and
	// lower-cased exports write dates: "4 june 1976", "22-nov-1972",
	// "june 4, 1976" (asked here, of numbers, rather than of every word).
	if j-i > 2 {
		// Not a day.
	} else if j+4 < n && (text[j] == ' ' || text[j] == '-') && byteClass[text[j+1]] == cLower && monthStart(text[j+1:j+4]) {
		e.monthDate(s, text, j+1)
	} else if i >= 5 && text[i-1] == ' ' && byteClass[text[i-2]] == cLower {
		k := i - 2
		for k > 0 && byteClass[text[k-1]] == cLower && i-k < 11 {
			k--
		}
		if i-1-k >= 3 && monthStart(text[k:k+3]) && (k == 0 || !isLetter(text[k-1])) {
			e.monthDate(s, text, k)
		}
	}
	g0 := len(s.gs)
	s.gs = append(s.gs, group{start: i, end: j})
	k := j
	for len(s.gs)-g0 < 12 && k < n {
		sep := text[k]
		if spaced {
			k, sep, spaced = k+1, ')', false // past the blank before ')'
		}
		next := k + 1
		switch sep {
		case '-', '.', '/', ' ':
		case ')':
			if len(s.gs)-g0 != 1 || start == i {
				goto done
			}
			if next < n && (text[next] == ' ' || text[next] == '-') {
				next++
			}
		default:
			goto done
		}
		if next >= n || byteClass[text[next]] != cDigit {
			if next+2 >= n || sep != ' ' || text[next] != '-' || text[next+1] != ' ' || byteClass[text[next+2]] != cDigit {
				break
			}
			// "531 - 86 - 4420": a hyphen with blanks around it, as OCR
			// and some forms space one.
			sep, next = '-', next+2
		}
		m := next
		for m < n && byteClass[text[m]] == cDigit {
			m++
		}
		if m < n && isLetter(text[m]) && sep == ' ' {
			break // "12 3rd" — stop before a digit word glued to letters
		}
		s.gs[len(s.gs)-1].sep = sep
		s.gs = append(s.gs, group{start: next, end: m})
		k = m
	}
done:
	s.toks = append(s.toks, numTok{start: start, end: s.gs[len(s.gs)-1].end, g0: g0, gn: len(s.gs)})
	return s.gs[len(s.gs)-1].end
}

// hicn reports a Health Insurance Claim Number written as the SSN's
// 3-2-4 groups with the beneficiary's code glued on ("219-09-9998A"), as
// Medicare cards printed it before 2018: a health identifier, and, when
// the beneficiary is the wage earner, their SSN (hicnSSN).
func (e *Engine) hicn(s *scratch, text []byte, t numTok, gs []group) bool {
	if gs[0].end-gs[0].start != 3 || gs[1].end-gs[1].start != 2 || gs[0].sep != '-' || gs[1].sep != '-' || t.start != gs[0].start || gluedBefore(text, t.start) {
		return false
	}
	b := health.BIC(text[t.end:min(len(text), t.end+3)])
	if b == 0 {
		return false
	}
	var d [9]byte
	copy(d[:], text[gs[0].start:gs[0].end])
	copy(d[3:], text[gs[1].start:gs[1].end])
	copy(d[5:], text[gs[2].start:gs[2].end])
	if !ssn.Valid(d[:]) {
		return false
	}
	kw, why := e.context(s, t.start, t.end+b, classHealth)
	conf := 0.85 + 0.14*kw
	if conf >= e.min {
		s.found = append(s.found, span{t.start, t.end + b, conf, breachkit.HealthID, "rule:hicn", why})
		if hicnSSN(text[t.start:t.end+b]) > 0 {
			s.found = append(s.found, span{t.start, t.end, conf, breachkit.SSN, "rule:hicn", why})
		}
	}
	return true
}

// hicnSSN returns the length of the SSN in a Health Insurance Claim
// Number whose beneficiary is the wage earner (code A), 9 for 219099998A
// and 11 for 219-09-9998A, or 0 otherwise. A spouse's, child's or
// widow's number (B, C1, D) holds the wage earner's SSN, not theirs:
// reported as theirs, it would make one person of the two.
func hicnSSN(v []byte) int {
	n := 9
	if len(v) > 11 && v[3] == '-' && v[6] == '-' {
		n = 11
	}
	if len(v) != n+1 || v[n] != 'A' {
		return 0
	}
	var d [9]byte
	k := 0
	for _, c := range v[:n] {
		switch {
		case c >= '0' && c <= '9':
			d[k] = c
			k++
		case c != '-' || n == 9:
			return 0
		}
	}
	if k != 9 || !ssn.Valid(d[:]) {
		return 0
	}
	return n
}

// allDigits reports whether b is all ASCII digits.
func allDigits(b []byte) bool {
	for _, c := range b {
		if byteClass[c] != cDigit {
			return false
		}
	}
	return true
}

// gluedBefore reports whether the byte before position i ties a number
// to a longer identifier (LN-123, v2.1, $12, /path/123).
func gluedBefore(text []byte, i int) bool {
	if i == 0 {
		return false
	}
	p := text[i-1]
	if isAlnum(p) || p == '_' || p == '@' || p == '$' || p == '/' || p == '\\' || p == '%' || p == '&' {
		return true
	}
	// A bracket after a colon opens a value of its own: "is:(425)
	// 882-9090" is not glued.
	if (p == '-' || p == '.' || p == ':' && text[i] != '(' || p == '+' && i >= 2 && isAlnum(text[i-2])) && i >= 2 && isAlnum(text[i-2]) {
		return true
	}
	if p == '#' && i >= 2 && (text[i-2] == '[' || text[i-2] == '(') {
		// "[#15649](https://…)", "(#4417)": an issue's or a pull
		// request's number.
		return true
	}
	// "= -2146500051", "(-1071242184)", "$-2251797666199552": a signed
	// number, a program's constant or an assembler's immediate.
	return p == '-' && i >= 2 && (text[i-2] == '=' || text[i-2] == '(' || text[i-2] == '[' || text[i-2] == '$' || text[i-2] == ',' || text[i-2] == ' ' && i >= 3 && (text[i-3] == '=' || text[i-3] == ':' || text[i-3] == ','))
}

// numberClasses are the keyword classes of the number rules.
var numberClasses = func() (m uint32) {
	for _, r := range numberRules {
		m |= 1 << r.class
	}
	return
}()

// labelGlued reports whether the number at text[i] is glued by '-' or ':'
// to a keyword of a number rule, its label ("SSN-412-65-7733",
// "ssn:412657733"), rather than to an identifier's prefix ("LN-0482…").
func (e *Engine) labelGlued(text []byte, i int) bool {
	if i >= 2 && byteClass[text[i-1]] == cUpper {
		return e.capsLabel(text, i) >= 0
	}
	if i < 3 || text[i-1] != '-' && text[i-1] != ':' {
		return false
	}
	k := i - 1
	for k > 0 && i-1-k < 16 && isLetter(text[k-1]) {
		k--
	}
	if n := i - 1 - k; n < 2 || n >= 16 || k > 0 && isAlnum(text[k-1]) && !(byteClass[text[k-1]] == cDigit && byteClass[text[k]] == cUpper) {
		// But "…7733DOB:03/14/1975": a label glued to the field before.
		return false
	}
	var buf [16]byte
	w := buf[:0]
	for _, c := range text[k : i-1] {
		w = append(w, c|0x20)
	}
	v, ok := e.lex.Lookup(w)
	return ok && v&numberClasses != 0
}

// capsLabel returns the start of a number's label in capitals glued to
// the number at text[i] ("SSN412657733", "DOB03/14/1975", as text pulled
// from a PDF or a fixed-width report runs a label into its value), or -1:
// two to five capitals after a blank or a line's start, a keyword of a
// number rule.
func (e *Engine) capsLabel(text []byte, i int) int {
	k := i
	for k > 0 && i-k < 6 && byteClass[text[k-1]] == cUpper {
		k--
	}
	if n := i - k; n < 2 || n > 5 || k > 0 && isAlnum(text[k-1]) || i < len(text) && byteClass[text[i]] != cDigit {
		return -1
	}
	var buf [8]byte
	w := buf[:0]
	for _, c := range text[k:i] {
		w = append(w, c|0x20)
	}
	if v, ok := e.lex.Lookup(w); ok && v&numberClasses != 0 {
		return k
	}
	return -1
}

// gluedAfter reports whether the byte at position i continues an
// identifier the number is part of.
func gluedAfter(text []byte, i int) bool {
	if i >= len(text) {
		return false
	}
	p := text[i]
	if (p == 'x' || p == 'X') && extension(text[i+1:]) {
		return false // 936-362-0147x4567: a telephone extension
	}
	if p == '\\' && i+1 < len(text) && (text[i+1] == '"' || text[i+1] == 'n' || text[i+1] == 'r' || text[i+1] == 't') {
		// {\"ssn\":\"412-65-9087\"}, "…9087\nDOB": text logged inside
		// a string, its quotes and line ends escaped. (A Windows path's
		// separator, "C:\Scans\412659087\new", has one before the
		// value too, which gluedBefore reads.)
		return false
	}
	if byteClass[p] == cUpper && labelNext(text, i) {
		// "SSN:412-65-7733DOB:03/14/1975": the next field's label, glued
		// on as a PDF's or a form's text run puts fields together.
		return false
	}
	if isAlnum(p) || p == '_' || p == '@' || p == '%' || p == '/' || p == '\\' {
		// 1980-05-17T00:00:00Z: a date stored with a time, as a date of
		// birth is, at midnight. Any other time makes a timestamp, not
		// a birth date, and the token stays glued.
		return p != 'T' || !midnight(text[i+1:])
	}
	if (p == '-' || p == '.' || p == ':' || p == ',') && i+1 < len(text) && byteClass[text[i+1]] == cDigit {
		return true
	}
	if p == '*' && i+1 < len(text) && (text[i+1] == '*' || byteClass[text[i+1]] == cDigit) {
		// "517805******1234": a card number masked but for its first
		// six and last four digits, as statements and credit reports
		// print it; its first digits are no number of their own. (A
		// footnote's star, "7733*", is no mask.)
		return true
	}
	if (p == '-' || p == '.') && i+1 < len(text) && isLetter(text[i+1]) && p == '-' {
		return true
	}
	return false
}

// labelNext reports whether a label's word and its colon start at
// text[i]: two to fourteen letters, then ':' ("DOB:", "Phone:").
func labelNext(text []byte, i int) bool {
	k := i
	for k < len(text) && k-i <= 14 && isLetter(text[k]) {
		k++
	}
	return k-i >= 2 && k-i <= 14 && k < len(text) && text[k] == ':' && (k+1 == len(text) || text[k+1] != '/')
}

// extension reports whether b starts with the digits of a telephone
// extension written after an "x": one to five, then no letter or digit.
func extension(b []byte) bool {
	k := 0
	for k < len(b) && k < 6 && byteClass[b[k]] == cDigit {
		k++
	}
	return k >= 1 && k <= 5 && (k == len(b) || !isAlnum(b[k]))
}

// timeAfter reports whether a time of day other than midnight follows
// text[:i] after a space: "2024-03-02 10:14:40", "03/02/2024 9:05 AM".
func timeAfter(text []byte, i int) bool {
	if i+5 > len(text) || text[i] != ' ' {
		return false
	}
	t := text[i+1:]
	h := 0
	for h < len(t) && h < 2 && byteClass[t[h]] == cDigit {
		h++
	}
	if h == 0 || h+3 > len(t) || t[h] != ':' || byteClass[t[h+1]] != cDigit || byteClass[t[h+2]] != cDigit {
		return false
	}
	return !(h == 2 && midnight(t))
}

// midnight reports whether t starts with the time 00:00.
func midnight(t []byte) bool {
	return len(t) >= 5 && t[0] == '0' && t[1] == '0' && t[2] == ':' && t[3] == '0' && t[4] == '0'
}

// monthDate collects a date written with a month name at text[i].
func (e *Engine) monthDate(s *scratch, text []byte, i int) {
	// "17-May-1980", "17 May 1980" or "17th May 1980": the day comes first,
	// also as "14. März", "30 de enero" and "the 5th of January".
	st := i
	if q := i - 1; q >= 1 && (text[q] == '-' || text[q] == ' ') {
		if q >= 4 && text[q-1] == 'e' && text[q-2] == 'd' && text[q-3] == ' ' && byteClass[text[q-4]] == cDigit {
			q -= 3
		} else if q >= 6 && text[q-1] == 'f' && text[q-2] == 'o' && text[q-3] == ' ' && ordinalSuffix(text[q-5:q-3]) && byteClass[text[q-6]] == cDigit {
			q -= 3 // "the 5th of January, 1980"
		} else if q >= 2 && text[q-1] == '.' && byteClass[text[q-2]] == cDigit {
			q--
		}
		if q >= 3 && ordinalSuffix(text[q-2:q]) && byteClass[text[q-3]] == cDigit {
			q -= 2
		}
		if byteClass[text[q-1]] == cDigit {
			k := q - 1
			for k > 0 && byteClass[text[k-1]] == cDigit && q-k < 2 {
				k--
			}
			if k == 0 || !isAlnum(text[k-1]) {
				st = k
			}
		}
	}
	lim := st + 24
	if lim > len(text) {
		lim = len(text)
	}
	if l, ok := dob.ParseText(view(text[st:lim]), true); ok && !gluedAfter(text, st+l) && (len(s.dates) == 0 || s.dates[len(s.dates)-1][0] != st) {
		s.dates = append(s.dates, [2]int{st, st + l})
	}
}

// maybeDay is dayBefore's first look, inlined where every word passes: a
// day of one or two digits, or one with a period ("14."), and a blank
// before text[i]; not "15:36 agent" or "2025 agent".
func maybeDay(text []byte, i int) bool {
	if i < 4 || text[i-1] != ' ' {
		return false
	}
	c, b := text[i-2], text[i-3]
	return byteClass[c] == cDigit && (b == ' ' || byteClass[b] == cDigit && text[i-4] == ' ') || c == '.' && byteClass[b] == cDigit
}

// foreignMonth records the date at text[i:] when its word is a French,
// German, Spanish or Italian month after its day ("23 avril", "14.
// März", "30 de enero").
func (e *Engine) foreignMonth(s *scratch, text []byte, i int) {
	if !dayBefore(text, i) {
		return
	}
	if wj := name.WordEnd(text, i); wj-i >= 3 && wj-i <= 10 && dob.ForeignMonthBytes(text[i:wj]) > 0 {
		e.monthDate(s, text, i)
	}
}

// dayBefore reports whether a day of the month stands before the word at
// text[i], one blank before it: "23 avril", "14. März", "30 de enero".
func dayBefore(text []byte, i int) bool {
	if i < 2 || text[i-1] != ' ' {
		return false
	}
	return byteClass[text[i-2]] == cDigit || i >= 3 && text[i-2] == '.' && byteClass[text[i-3]] == cDigit ||
		i >= 5 && text[i-2] == 'e' && text[i-3] == 'd' && text[i-4] == ' ' && byteClass[text[i-5]] == cDigit
}

// ordinalSuffix reports whether b is st, nd, rd or th in any case.
func ordinalSuffix(b []byte) bool {
	switch string([]byte{b[0] | 0x20, b[1] | 0x20}) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// name finds a person's name starting at the capitalised word text[i:];
// text[i:j] is its run of letters, whose roles are r.
func (e *Engine) name(text []byte, i, j int, titled bool, r name.Role) (int, float64) {
	if !titled && r&name.Given == 0 && j > i && j < len(text) && text[j] != '\'' && text[j] != '-' && text[j] < 0x80 {
		// Without a title or a given name first, only Loose can find a
		// name, and it needs a capitalised word (or a particle, "de")
		// one blank after this one: most capitalised words of prose,
		// "License and", end here before their words are collected.
		if text[j] != ' ' || j+1 >= len(text) {
			return 0, 0
		}
		if c := text[j+1]; !(c >= 'A' && c <= 'Z' || c >= 0xC0) {
			we := j + 1
			for we < len(text) && text[we] >= 'a' && text[we] <= 'z' {
				we++
			}
			if !name.IsParticle(text[j+1 : we]) {
				return 0, 0
			}
		}
	}
	var ws [6]name.Word
	n := 0
	k := i
	for n < len(ws) && k < len(text) {
		j0 := k
		k = name.WordEnd(text, k)
		if k == j0 || n > 0 && !name.Capital(text[j0:k]) && !name.IsParticle(text[j0:k]) || n > 1 && name.PostNominal(text[j0:k]) || n > 0 && pronounI(text, j0, k) {
			// Only capitalised words, and the particles of surnames
			// (de la Cruz), can go on a name: the rules stop at the
			// first word that is not, and at a degree after the name
			// ("Jane Eckles PhD").
			break
		}
		w := name.Word{Start: j0, End: k, Roles: r}
		if n > 0 || k != j {
			w.Roles = name.RolesOf(text[j0:k])
		}
		if n == 0 && !titled && !name.Plausible(text[j0:k], w.Roles) {
			return 0, 0
		}
		ws[n] = w
		n++
		// Next word after one space, or ". " or two blanks after an
		// initial.
		if k+2 < len(text) && k-j0 == 1 && text[k] == ' ' && text[k+1] == ' ' && text[k+2] != ' ' {
			k += 2
		} else if k < len(text) && text[k] == ' ' {
			k++
		} else if k+1 < len(text) && text[k] == '.' && text[k+1] == ' ' && k-j0 == 1 {
			k += 2
		} else if n == 1 && k+1 < len(text) && text[k] == '\n' && byteClass[text[k+1]] == cUpper && wrappedLine(text, k) {
			// "…spoke at length with Dana\nWhitfield about…": a name
			// broken by a mail's or a note's wrapping, between its first
			// and second words.
			k++
		} else {
			break
		}
	}
	words, conf := name.Find(text, ws[:n], titled)
	if words == 0 {
		words, conf = name.Loose(text, ws[:n])
	}
	if words == 0 {
		return 0, 0
	}
	end := ws[words-1].End
	if i > 1 && text[i-1] == '_' && isAlnum(text[i-2]) || end+1 < len(text) && text[end] == '_' && isAlnum(text[end+1]) {
		// "LASTLOG_UID_MAX MAIL_DIR": a program's names (not "_ISAAC
		// NEWTON_", a name in emphasis).
		return 0, 0
	}
	if words >= 2 && cityLine(text, ws[words-1].Start, end) {
		// "DAYTON OH 45402": a town, its state and its ZIP Code, the
		// state read as a surname (Oh).
		return 0, 0
	}
	// A name followed by a street suffix is a street; by ", ST" a city.
	if stateAfter(text, end) && !(titled && byteClass[text[end+2]] == cLower) {
		// Not after a title, the state in small letters: "Mrs.
		// Bianchetti, in her letter" goes on in prose.
		return 0, 0
	}
	if words < n {
		nx := text[ws[words].Start:ws[words].End]
		if _, ok := streetSuffix(nx); ok && nx[0] >= 'A' && nx[0] <= 'Z' {
			return 0, 0
		}
	}
	return end, conf
}

// monthStart reports whether the word w, in small letters, starts as a
// month's name does (jan, feb, …): a test of three bytes that spares the
// month lookup nearly every word.
func monthStart(w []byte) bool {
	switch uint32(w[0])<<16 | uint32(w[1])<<8 | uint32(w[2]) {
	case 'j'<<16 | 'a'<<8 | 'n', 'f'<<16 | 'e'<<8 | 'b', 'm'<<16 | 'a'<<8 | 'r', 'a'<<16 | 'p'<<8 | 'r', 'm'<<16 | 'a'<<8 | 'y', 'j'<<16 | 'u'<<8 | 'n',
		'j'<<16 | 'u'<<8 | 'l', 'a'<<16 | 'u'<<8 | 'g', 's'<<16 | 'e'<<8 | 'p', 'o'<<16 | 'c'<<8 | 't', 'n'<<16 | 'o'<<8 | 'v', 'd'<<16 | 'e'<<8 | 'c':
		return true
	}
	return false
}

// pronounI reports whether text[j:k] is the pronoun I after a name
// ("Hello Jane I am Tom"), not a middle initial: no period after it and
// a word in small letters next.
func pronounI(text []byte, j, k int) bool {
	return k == j+1 && text[j] == 'I' && k+1 < len(text) && text[k] == ' ' && byteClass[text[k+1]] == cLower
}

// wrappedLine reports whether the line that ends at text[nl] (a line
// break) is a paragraph's, wrapped: 50 bytes or more of words in small
// letters, so that the next line goes on with the same sentence (not a
// list's line or a heading).
func wrappedLine(text []byte, nl int) bool {
	st := nl
	for st > 0 && text[st-1] != '\n' && nl-st < 200 {
		st--
	}
	if nl-st < 50 {
		return false
	}
	small := 0
	for _, c := range text[st:nl] {
		if c >= 'a' && c <= 'z' {
			small++
		}
	}
	return small*2 >= nl-st
}

// track reports a magnetic stripe's track at text[i] (card.ParseTrack)
// and returns where it ends: its card number, the discretionary data that
// holds the card's verification value (an access code to the account, as
// breach laws call what makes a card number usable), and track 1's
// cardholder, the surname before the slash and the given names after it.
func (e *Engine) track(s *scratch, text []byte, i, lead int) (int, bool) {
	t, ok := card.ParseTrack(text, i)
	if !ok {
		return 0, false
	}
	if t.PAN[0] < lead {
		return t.End, true
	}
	s.found = append(s.found, span{t.PAN[0], t.PAN[1], 0.99, breachkit.CardNumber, "rule:card-track", ""})
	if t.Data[1] > t.Data[0] {
		s.found = append(s.found, span{t.Data[0], t.Data[1], 0.9, breachkit.AccessCode, "rule:card-track-data", ""})
	}
	nm := text[t.Name[0]:t.Name[1]]
	sl := bytes.IndexByte(nm, '/')
	if sl < 0 {
		return t.End, true
	}
	sur := trimSpaces(t.Name[0], t.Name[0]+sl, text)
	gEnd := t.Name[1]
	if d := bytes.IndexByte(nm[sl+1:], '.'); d >= 0 {
		gEnd = t.Name[0] + sl + 1 + d // ".MR": a title
	}
	given := trimSpaces(t.Name[0]+sl+1, gEnd, text)
	if sur[1]-sur[0] < 2 || given[1] <= given[0] || genericHolder[strings.ToUpper(string(text[sur[0]:sur[1]]))] || genericHolder[strings.ToUpper(string(text[given[0]:given[1]]))] {
		return t.End, true
	}
	s.found = append(s.found, span{sur[0], sur[1], 0.95, breachkit.PersonName, "rule:name-card-track", "part:surname"},
		span{given[0], given[1], 0.95, breachkit.PersonName, "rule:name-card-track", "part:given"})
	return t.End, true
}

// genericHolder are the names cards without a cardholder carry on their
// stripe (gift and prepaid cards).
var genericHolder = map[string]bool{"CARDHOLDER": true, "VALUED CUSTOMER": true, "CUSTOMER": true, "GIFT CARD": true, "GIFT": true, "PREPAID": true, "VISA": true, "MASTERCARD": true}

// titledParticles returns the end of a surname that starts with small
// particles at text[i] ("van der Berg", "de la Cruz"), one to three of
// them and then a capitalised word, or 0.
func titledParticles(text []byte, i int) int {
	k := i
	for range 3 {
		e := k
		for e < len(text) && text[e] >= 'a' && text[e] <= 'z' {
			e++
		}
		if e == k || !name.IsParticle(text[k:e]) || e+1 >= len(text) || text[e] != ' ' {
			return 0
		}
		k = e + 1
		if name.Capital(text[k:]) {
			if end := name.WordEnd(text, k); end-k >= 2 {
				return end
			}
			return 0
		}
	}
	return 0
}

// trimSpaces returns [st, en) without the blanks at its ends.
func trimSpaces(st, en int, text []byte) [2]int {
	for st < en && text[st] == ' ' {
		st++
	}
	for en > st && text[en-1] == ' ' {
		en--
	}
	return [2]int{st, en}
}

// cardName reads the numbered name fields of a US driver's licence or ID
// card (AAMVA's layout, as OCR reads it): field 1, the family name, from
// text[p] to the end of its line, and on the next line field 2, the
// given names. Both must be one to three words in capitals, the given
// name a given name of the gazetteer, and a licence keyword must come
// before them in the segment (the card's title): a numbered list is not
// a card. It returns the end of the family name and the given names'
// span.
func (e *Engine) cardName(s *scratch, text []byte, p int) (sEnd, gSt, gEnd int, ok bool) {
	licence := false
	for k := len(s.hits) - 1; k >= 0 && !licence; k-- {
		licence = s.hits[k].classes&(1<<classDL|1<<classLicense) != 0
	}
	if !licence {
		return 0, 0, 0, false
	}
	sEnd = capsWords(text, p)
	if sEnd < 0 || sEnd+3 >= len(text) || text[sEnd] != '\n' || text[sEnd+1] != '2' || text[sEnd+2] != ' ' {
		return 0, 0, 0, false
	}
	gSt = sEnd + 3
	if gEnd = capsWords(text, gSt); gEnd < 0 {
		return 0, 0, 0, false
	}
	first := gSt
	for first < gEnd && text[first] != ' ' {
		first++
	}
	if name.RolesOf(text[gSt:first])&name.Given == 0 {
		return 0, 0, 0, false
	}
	return sEnd, gSt, gEnd, true
}

// capsWords returns where a run of one to three words in capitals that
// fills the line from text[p] ends (at the line's end), or -1.
func capsWords(text []byte, p int) int {
	words, k := 0, p
	for k < len(text) && text[k] != '\n' && text[k] != '\r' {
		st := k
		for k < len(text) && (byteClass[text[k]] == cUpper || text[k] == '\'' || text[k] == '-') {
			k++
		}
		if k == st || k-st < 1 {
			return -1
		}
		words++
		if k < len(text) && text[k] == ' ' {
			k++
		}
	}
	if words == 0 || words > 3 || text[k-1] == ' ' {
		return -1
	}
	return k
}

// threeBlanks is the gap between a form's boxes.
var threeBlanks = []byte("   ")

// formName finds a name on a line of a printed form whose parts sit in
// boxes apart, several blanks between them: the line, from text[i] to
// its end, is two to four words of letters (an initial too), at least one
// gap of three blanks or more. The words are read as if one blank
// apart; r are the roles of the first.
func (e *Engine) formName(text []byte, i int, r name.Role) (int, float64) {
	le := i
	for le < len(text) && text[le] != '\n' && text[le] != '\r' && le-i <= 96 {
		le++
	}
	if le-i > 96 {
		return 0, 0
	}
	var starts, ends [4]int
	k, nw, wide := i, 0, false
	for k < le {
		st := k
		for k < le && (isLetter(text[k]) || text[k] == '.' || text[k] == '\'' || text[k] == '-') {
			k++
		}
		if k == st || nw == len(starts) {
			return 0, 0
		}
		starts[nw], ends[nw] = st, k
		nw++
		g := k
		for k < le && text[k] == ' ' {
			k++
		}
		if k-g >= 3 {
			wide = true
		}
	}
	if nw < 2 || !wide {
		return 0, 0
	}
	var buf [128]byte
	norm := buf[:0]
	for w := 0; w < nw; w++ {
		if w > 0 {
			norm = append(norm, ' ')
		}
		norm = append(norm, text[starts[w]:ends[w]]...)
	}
	end, conf := e.name(norm, 0, ends[0]-starts[0], false, r)
	if end == 0 {
		return 0, 0
	}
	// Back to the line: the word in which the name ends.
	p := 0
	for w := 0; w < nw; w++ {
		l := ends[w] - starts[w]
		if end <= p+l {
			return starts[w] + end - p, conf
		}
		p += l + 1
	}
	return 0, 0
}

// cityLine reports whether text[st:end], the last word of a name, is a
// state's two capitals with a ZIP Code after it: the end of an
// address's last line ("DAYTON OH 45402").
func cityLine(text []byte, st, end int) bool {
	if end-st != 2 || end+6 > len(text) || text[end] != ' ' || !address.ValidState(view(text[st:end])) {
		return false
	}
	for k := end + 1; k < end+6; k++ {
		if byteClass[text[k]] != cDigit {
			return false
		}
	}
	return end+6 == len(text) || byteClass[text[end+6]] != cDigit
}

// stateAfter reports whether ", ST" (a state abbreviation) follows
// text[:end]: "Jordan, Alexis, TX" is more likely a place.
func stateAfter(text []byte, end int) bool {
	if end+4 > len(text) || text[end] != ',' || text[end+1] != ' ' || !address.ValidState(view(text[end+2:end+4])) || end+4 < len(text) && isLetter(text[end+4]) {
		return false
	}
	// "John Smith, MD": a physician, unless a ZIP Code follows
	// ("Glen Burnie, MD 21061").
	return !(text[end+2] == 'M' && text[end+3] == 'D' && (end+4 == len(text) || byteClass[text[end+4]] != cDigit && !(end+5 < len(text) && text[end+4] == ' ' && byteClass[text[end+5]] == cDigit)))
}

// namePartValue finds the value after a key that names a part of a
// name, "first_name=Ana" or "last_name: Souza" (text[i:j] is "name"), or
// written in one word, "FirstName=Ana" (text[i:j] is "FirstName"): a
// given name of the gazetteer after a first or given name key, a surname
// of the gazetteer after a last, family or surname key. It returns the
// value's bounds, the key and the confidence, or end 0.
func namePartValue(text []byte, i, j int) (int, int, string, float64) {
	var k int
	var part []byte
	switch {
	case j-i > 4 && (string(text[j-4:j]) == "Name" || string(text[j-4:j]) == "name"):
		k, part = i, text[i:j-4] // firstName, lastname, fname
	case i > 0 && (text[i-1] == '?' || text[i-1] == '&'):
		// A query string's or a form's "?first=Jane&last=Kowalczyk".
		k, part = i, text[i:j]
		if j >= len(text) || text[j] != '=' {
			return 0, 0, "", 0
		}
	case i >= 2 && (text[i-1] == '_' || text[i-1] == '-' || text[i-1] == '.' || text[i-1] == ' ' && j-i == 4):
		// first_name=, last-name:, and a form's "First Name: DANIEL".
		k = i - 1
		for k > 0 && isLetter(text[k-1]) {
			k--
		}
		part = text[k : i-1]
		if text[i-1] == ' ' && k >= 2 && text[k-2] == ',' {
			return 0, 0, "", 0 // "Last Name, First Name: WOJCIK, DANIEL": both, surname first
		}
	default:
		return 0, 0, "", 0
	}
	// The key says what the value is: a capitalised word will do, a
	// lower-case one must be in the gazetteer.
	var known func([]byte) bool
	switch strings.ToLower(string(part)) {
	case "first", "given", "f":
		known = name.IsGiven
	case "last", "family", "sur", "l":
		known = name.IsSurname
	default:
		return 0, 0, "", 0
	}
	want := func(w []byte) bool { return name.Capital(w) && name.Plausible(w, name.RolesOf(w)) || known(w) }
	if k == i && j-i <= 5 && text[j-1] != 'e' {
		// A bare "first=" or "last=" is a query string's key for many
		// things: the gazetteer must know the value, and not as a word,
		// or the other key be beside it ("first=Dana&last=Whitfield").
		pair := pairedKey(text, i, j)
		want = func(w []byte) bool {
			r := name.RolesOf(w)
			return r&(name.Common|name.Stop) == 0 && (pair && name.Capital(w) && name.Plausible(w, r) && !name.Ordinary(w) || known(w))
		}
	}
	p := j
	if p < len(text) && (text[p] == '"' || text[p] == '\'') {
		p++ // "first_name":"Ana", Python's {'first_name': 'Ana'}
	}
	if p >= len(text) || text[p] != '=' && text[p] != ':' {
		return 0, 0, "", 0
	}
	p++
	if p < len(text) && text[p] == '>' && text[p-1] == '=' {
		p++ // Ruby's "first_name"=>"Ana", as Rails logs its parameters
	}
	for p < len(text) && (text[p] == ' ' || text[p] == '"' || text[p] == '\'') {
		p++
	}
	e := name.WordEnd(text, p)
	if e-p < 2 || !want(text[p:e]) || e < len(text) && isAlnum(text[e]) {
		return 0, 0, "", 0
	}
	switch string(text[p:e]) {
	case "true", "false", "null", "none", "nil", "undefined", "True", "False", "None":
		return 0, 0, "", 0 // a literal of JSON or a language: {"firstname": true}
	}
	if k > 0 && (text[k-1] == '?' || text[k-1] == '&') {
		// A query string's value runs to the next '&': "first=Mary
		// Ann&last=De La Cruz" as the pipeline decodes "Mary+Ann" and
		// "De%20La%20Cruz". Only words in title case go on.
		for q := e; q+2 < len(text) && text[q] == ' ' && name.Capital(text[q+1:]); {
			w := name.WordEnd(text, q+1)
			if w-q < 3 || byteClass[text[q+2]] != cLower || w < len(text) && text[w] != '&' && text[w] != ' ' && text[w] != '"' && text[w] != '\n' {
				break
			}
			e, q = w, w
		}
	}
	return p, e, strings.ToLower(string(text[k:j])), 0.8
}

// pairedKey reports whether the query-string key text[i:j], "first" or
// "last", has the other beside it: "first=Dana&last=" or
// "first=Dana&last=Whitfield" seen from "last". A value may hold blanks
// the pipeline decoded ("first=Mary Ann&last=").
func pairedKey(text []byte, i, j int) bool {
	if text[i] == 'f' {
		e := j + 1
		for e < len(text) && e-j < 40 && text[e] != '&' && text[e] != '\n' {
			e++
		}
		return bytes.HasPrefix(text[e:], []byte("&last="))
	}
	b := i - 1 // the '&' before "last"
	for b > 0 && i-b < 40 && text[b-1] != '&' && text[b-1] != '?' && text[b-1] != '\n' {
		b--
	}
	return bytes.HasPrefix(text[b:], []byte("first="))
}

// spacedGroups reports whether b is " ddddd ddddd": two groups of five
// digits, each after a blank.
func spacedGroups(b []byte) bool {
	return len(b) == 12 && b[0] == ' ' && b[6] == ' ' && allDigits(b[1:6]) && allDigits(b[7:12])
}

// partLabel reports whether a word of n letters that starts with first
// and ends with last can be a label of addressPartValue (city,
// state, zip, zipcode, postcode, postal): a test of three bytes that
// most words fail.
func partLabel(first, last byte, n int) bool {
	switch f, l := first|0x20, last|0x20; n {
	case 3:
		return f == 'z' && l == 'p'
	case 4:
		return f == 'c' && l == 'y'
	case 5:
		return f == 's' && l == 'e'
	case 6:
		return f == 'p' && l == 'l'
	case 7, 8:
		return (f == 'z' || f == 'p') && l == 'e'
	}
	return false
}

// addressPartValue finds the value after the label text[i:j] of a part
// of an address, as forms and log lines write them: "City: Boise",
// "State: ID", "Zip: 83706", "ZIP Code: 83706-1234", "Postal Code:
// 83706", "zip=83706". A city is one to four capitalised words, a state
// a valid abbreviation or name, a ZIP Code five digits or ZIP+4. It
// returns the value's bounds and the part (city, state or zip), or end 0.
func addressPartValue(text []byte, i, j int) (int, int, string) {
	var part string
	var b [8]byte
	for k := i; k < j; k++ {
		b[k-i] = text[k] | 0x20
	}
	switch string(b[:j-i]) {
	case "city":
		part = "city"
	case "state":
		part = "state"
	case "zip", "zipcode", "postcode", "postal":
		part = "zip"
	default:
		return 0, 0, ""
	}
	n := len(text)
	p := j
	if p+5 <= n && text[p] == ' ' && bytes.EqualFold(text[p+1:p+5], []byte("code")) {
		p += 5
	} else if b[0] == 'p' && j-i == 6 {
		return 0, 0, "" // "postal" alone
	}
	if p < n && text[p] == '"' {
		p++ // "zip":"83706"
	}
	if p < n && text[p] == ' ' {
		p++
	}
	if p >= n || text[p] != ':' && text[p] != '=' {
		return 0, 0, ""
	}
	p++
	for p < n && p-j < 8 && (text[p] == ' ' || text[p] == '\t' || text[p] == '"' || text[p] == '\'') {
		p++
	}
	e := p
	switch part {
	case "zip":
		for e < n && byteClass[text[e]] == cDigit {
			e++
		}
		if e-p != 5 {
			return 0, 0, ""
		}
		if e+5 <= n && text[e] == '-' && allDigits(text[e+1:e+5]) && (e+5 == n || byteClass[text[e+5]] != cDigit) {
			e += 5
		}
		if e < n && !valueEnd(text[e]) {
			return 0, 0, ""
		}
		return p, e, part
	}
	// A city or a state: capitalised words one blank apart, up to a
	// tab, two blanks, a line's end, punctuation or the next label.
	for w := 0; w < 4 && e < n && (byteClass[text[e]] == cUpper || text[e] >= 0xC0); w++ {
		k := name.WordEnd(text, e)
		if k < n && text[k] == '.' {
			k++ // St. Louis
		}
		if k < n && (text[k] == ':' || text[k] == '=') || k == e {
			break // the next label
		}
		e = k
		if !(k+1 < n && text[k] == ' ' && (byteClass[text[k+1]] == cUpper || text[k+1] >= 0xC0)) {
			break
		}
		if l := name.WordEnd(text, k+1); l < n && (text[l] == ':' || text[l] == '=') {
			break // "Boise State: ID"
		}
		e = k + 1
	}
	for e > p && text[e-1] == ' ' {
		e--
	}
	if e > p && text[e-1] == '.' {
		// A sentence's period, not that of St.
		ws := e - 1
		for ws > p && text[ws-1] != ' ' {
			ws--
		}
		if e-1-ws > 3 {
			e--
		}
	}
	if e <= p || e < n && !valueEnd(text[e]) {
		return 0, 0, ""
	}
	v := text[p:e]
	switch part {
	case "state":
		if len(v) == 2 && byteClass[v[1]] != cUpper || !address.ValidState(view(v)) {
			return 0, 0, ""
		}
	case "city":
		if len(v) < 3 || !name.Capital(v) || name.Ordinary(v) || placeholder(v) {
			return 0, 0, ""
		}
	}
	return p, e, part
}

// valueEnd reports whether c can follow a form's or a log line's value:
// a blank, a line's end, a quote or punctuation; not "_" ("IN_PROGRESS").
func valueEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', ',', ';', '|', '&', '}', ')', '.', '<':
		return true
	}
	return false
}

// placeholder reports whether a form's value says there is none (Unknown,
// None, Null, Same, Other, Various, TBD, Pending, Test) or is a manual's
// (Anytown).
func placeholder(v []byte) bool {
	switch strings.ToLower(string(v)) {
	case "unknown", "none", "null", "nil", "same", "other", "various", "tbd", "pending", "test", "undefined", "empty", "blank", "missing", "anytown":
		return true
	}
	return false
}

// lowerName finds a name after a cue word: a lower-case given name and
// surname both in the gazetteer ("for jane doe"), or a capitalised given
// name alone followed by a comma ("Dear Jane,").
// labelBefore reports whether text[i] follows a person's label and a
// colon ("Patient: ", "Name:  ").
func labelBefore(text []byte, i int) bool {
	p := i
	for p > 0 && i-p < 4 && text[p-1] == ' ' {
		p--
	}
	if p == 0 || text[p-1] != ':' {
		return false
	}
	e := p - 1
	if e > 0 && text[e-1] == ')' {
		// "Name (First, Middle, Last, Suffix):": the label's word
		// before a note of what the field holds.
		k := bytes.LastIndexByte(text[max(0, e-48):e], '(')
		if k < 0 {
			return false
		}
		e = max(0, e-48) + k
		for e > 0 && text[e-1] == ' ' {
			e--
		}
	}
	st := e
	for st > 0 && e-st < 12 && isLetter(text[st-1]) {
		st--
	}
	return (st == 0 || !isLetter(text[st-1])) && name.PersonLabel(text[st:e])
}

// initialBefore returns where a name found at text[i] starts when a
// first initial comes before its given name ("J. Robert Oppenheimer",
// "cc: M. Carmen Ruiz"): at the start of a line, after a label's colon,
// a comma, a bracket or a quote, or after a word in small letters ("to
// J. Robert Smith"); not after a capitalised word ("Plan B. John
// called", "Exhibit A. Maria"); after a title, always. It returns i
// when there is none.
func initialBefore(text []byte, i, lead int, titled bool) int {
	k := i - 3
	if k < lead || text[i-1] != ' ' || text[i-2] != '.' || byteClass[text[k]] != cUpper {
		return i
	}
	if k == 0 || titled {
		return k // "Dr. J. Robert Smith": the title's, and no more
	}
	switch text[k-1] {
	case '\n', '\t', ':', ',', '(', '"', ';':
		return k
	case ' ':
		if k >= 2 && (text[k-2] == ',' || text[k-2] == ';' || text[k-2] == ':') {
			return k
		}
		if k >= 3 && text[k-2] == '.' {
			w := k - 2
			for w > 0 && byteClass[text[w-1]] != cOther {
				w--
			}
			if w < k-2 && name.IsTitle(text[w:k-2]) {
				return k // "Dr. J. Robert Smith"
			}
		}
		p := k - 1
		for p > 0 && byteClass[text[p-1]] == cLower {
			p--
		}
		if p < k-1 && (p == 0 || !isAlnum(text[p-1])) {
			return k // a word in small letters before the initial
		}
		if p >= 1 && text[p-1] == ':' || p >= 2 && text[p-1] == ' ' && text[p-2] == ':' {
			return k
		}
	}
	return i
}

// cuedName finds a name the gazetteer may not know at text[i:wj], a
// capitalised word: two to four capitalised words after a salutation, a
// role, a verb of contact or a valediction (name.Cued), before a verb of
// speech (name.VerbAfter) or before their own e-mail address
// (name.Display). lt caches the position of the next '<' (-1 before the
// first search). It returns the name's end, its confidence and the rule,
// or end 0.
func cuedName(text []byte, i, wj int, lt *int) (int, float64, string) {
	// Cheap tests first: this word written as a name, and a capitalised
	// word after it.
	if wj+1 >= len(text) || text[wj] != ' ' || !(text[wj+1] >= 'A' && text[wj+1] <= 'Z' || text[wj+1] >= 0xC0) {
		return 0, 0, ""
	}
	nc := name.NameCase(text[i:wj])
	if !nc && !(wj-i >= 2 && text[i+1] >= 'A' && text[i+1] <= 'Z') {
		return 0, 0, ""
	}
	cued, line, caps := name.Cued(text, i)
	if !nc && !caps {
		return 0, 0, ""
	}
	if c, _, _ := name.Cued(text, wj+1); c {
		// "Coborrower Priya Venkataraman signed": this word is the
		// cue of the name after it, not its first word.
		return 0, 0, ""
	}
	near := false
	if !cued {
		// The display name of an address: "<" within a few words.
		if *lt < i {
			*lt = len(text)
			if k := bytes.IndexByte(text[i:], '<'); k >= 0 {
				*lt = i + k
			}
		}
		q := *lt - i
		near = q >= 3 && q <= 64 && text[*lt-1] == ' '
		if !near && !name.VerbAfter(text, capitalRun(text, i)) {
			// No cue before, no address after and no verb after the
			// run of capitalised words: not worth reading its words.
			return 0, 0, ""
		}
	}
	end, _ := name.Labelled(text, i)
	if end == 0 || stateAfter(text, end) || name.FirmAt(text, i) > 0 || name.EntityAfter(text, end) {
		return 0, 0, ""
	}
	ok, listed := name.Unknown(text, i, end, caps)
	if !ok {
		return 0, 0, ""
	}
	if near && name.Display(text, i, end) {
		return end, 0.8, "rule:name-display"
	}
	if !cued && !name.VerbAfter(text, end) || line && !lineEnd(text, end) {
		return 0, 0, ""
	}
	if listed {
		// "Borrower Aie Michael Kemp": the cue and a name the gazetteer
		// knows.
		return end, 0.75, "rule:name-cued"
	}
	return end, 0.6, "rule:name-cued"
}

// labelledSurnameFirst finds a name the gazetteer lacks written surname
// first after a person's label ("Acct holder: Okafor, Chidi",
// "Cardholder: Zieliński, Ewa M."), text[i:wj] its surname: a comma, a
// capitalised given name and an optional initial, the line or the
// field ending there, and no word an ordinary English word. It returns
// the name's end, or 0.
func labelledSurnameFirst(text []byte, i, wj int) int {
	n := len(text)
	if wj+2 >= n || text[wj] != ',' || text[wj+1] != ' ' {
		return 0
	}
	g := wj + 2
	ge := name.WordEnd(text, g)
	if ge-g < 2 || !name.Capital(text[g:ge]) {
		return 0
	}
	end := ge
	if ge+2 < n && text[ge] == ' ' && byteClass[text[ge+1]] == cUpper && (ge+2 == n || !isLetter(text[ge+2])) {
		end = ge + 2 // a middle initial
		if end < n && text[end] == '.' {
			end++
		}
	}
	if end < n {
		switch c := text[end]; {
		case c == '\n' || c == '\r' || c == ',' || c == ';' || c == '|' || c == '(' || c == '\t':
		case c == ' ' && end+1 < n && (text[end+1] == ' ' || text[end+1] == '('):
		default:
			return 0
		}
	}
	if ok, _ := name.Unknown(text, i, end, true); !ok {
		return 0
	}
	return end
}

// addressee finds a name a gazetteer may lack on a line of its own at
// text[i], the first line of an address block: the next line starts a
// full address (a street with its city, state and ZIP Code, or a post
// office box with them). The line must be two to four words written as
// names (initials allowed), none an ordinary English word, and not a
// firm's name: "ACME MORTGAGE SERVICING" over its PO Box is no one. It
// returns the name's end and confidence, or end 0.
func addressee(text []byte, i int) (int, float64) {
	nl := bytes.IndexByte(text[i:min(len(text), i+64)], '\n')
	if nl < 0 {
		return 0, 0
	}
	le, next := i+nl, i+nl+1
	if le > i && text[le-1] == '\r' {
		le--
	}
	if next >= len(text) || !(byteClass[text[next]] == cDigit || text[next] == 'P' || text[next] == 'p') {
		return 0, 0
	}
	end, _ := name.Labelled(text, i)
	if end != le || name.FirmAt(text, i) > 0 || name.EntityAfter(text, end) {
		return 0, 0
	}
	ok, listed := name.Unknown(text, i, end, true)
	if !ok {
		return 0, 0
	}
	var full bool
	if byteClass[text[next]] == cDigit {
		_, full, _ = address.Find(text, next)
	} else {
		_, full, _ = address.FindPOBox(text, next)
	}
	if !full {
		return 0, 0
	}
	if listed {
		return end, 0.8
	}
	return end, 0.7
}

// capitalRun returns the end of the run of two to four words from
// text[i], each a capital (or an accented letter) and then letters,
// apostrophes or hyphens, one blank apart, or of "X. " initials: where
// name.Labelled would end, found without looking words up.
func capitalRun(text []byte, i int) int {
	end, k := 0, i
	for w := 0; w < 4 && k < len(text) && (text[k] >= 'A' && text[k] <= 'Z' || text[k] >= 0xC0); w++ {
		j := name.WordEnd(text, k)
		if j == k {
			break
		}
		end = j
		switch {
		case j+1 < len(text) && text[j] == ' ':
			k = j + 1
		case j+2 < len(text) && text[j] == '.' && text[j+1] == ' ' && j-k == 1:
			k = j + 2
		default:
			return end
		}
	}
	return end
}

// frenchLower reports whether a French street type in small letters
// starts at text[p] ("8 rue de l'Église, 92100 …"), by its first letter
// before the word is read: most small words after a number are not.
func frenchLower(text []byte, p int) bool {
	switch text[p] {
	case 'r', 'a', 'b', 'p', 'c', 'q', 'i':
		return address.FrenchType(text, p) > 0
	}
	return false
}

// lineEnd reports whether a signature's name that ends at text[end] ends
// its line: a line break, the text's end, or after it a comma, " | " or
// " - " and the signer's title ("Aino Korhonen | Escrow Analyst").
func lineEnd(text []byte, end int) bool {
	if end >= len(text) {
		return true
	}
	switch text[end] {
	case '\n', '\r', ',':
		return true
	case ' ':
		return end+2 < len(text) && (text[end+1] == '|' || text[end+1] == '-') && text[end+2] == ' '
	}
	return false
}

func lowerName(text []byte, i, j int) (int, float64) {
	w := text[i:j]
	if !name.IsGiven(w) {
		return 0, 0
	}
	if byteClass[w[0]] == cUpper {
		if j < len(text) && text[j] == ',' {
			return j, 0.75
		}
		return 0, 0
	}
	k := j + 1
	e := k
	for e < len(text) && byteClass[text[e]] == cLower {
		e++
	}
	if e > k && name.IsSurname(text[k:e]) && (e == len(text) || !isAlnum(text[e])) {
		return e, 0.7
	}
	return 0, 0
}

// resolve turns the collected candidates into scored spans.
func (e *Engine) resolve(s *scratch, seg *scan.Segment, text []byte, lead int) {
	s.randomLong = 0
	if h := strings.LastIndexByte(seg.Record, '#'); h >= 0 && (strings.HasPrefix(seg.Record[h:], "#line=") || strings.HasPrefix(seg.Record[h:], "#row=")) {
		// A file read a line or a row at a time (a log, a long table):
		// its long numbers are counted across its lines.
		if path := seg.Record[:h]; path != s.lines.path {
			s.lines = lineTally{path: path}
		}
		n, cards := longNumbers(s, text, lead)
		s.lines.n += n
		s.lines.cards += cards
	} else {
		s.lines.path = ""
	}
	for _, t := range s.toks {
		if t.start < lead {
			continue
		}
		e.resolveNumber(s, text, t)
	}
	for _, d := range s.dates {
		if d[0] < lead {
			continue
		}
		kw, why := e.context(s, d[0], d[1], classDOB)
		conf := 0.1 + 0.9*kw*0.95
		if conf >= e.min {
			s.found = append(s.found, span{d[0], d[1], conf, breachkit.DOB, "rule:date-month-name", why})
		}
	}
	for _, a := range s.alnum {
		if a[0] < lead {
			continue
		}
		if a[1]-a[0] == 4 && a[0]+13 <= len(text) && text[a[1]] == '-' && text[a[0]+8] == '-' && health.ValidMBI(view(text[a[0]:a[0]+13])) {
			a[1] = a[0] + 13 // an MBI written 1EG4-TE5-MK73
		}
		if gluedBefore(text, a[0]) || gluedAfter(text, a[1]) {
			continue
		}
		if l := a[1] - a[0]; (l == 7 || l == 9) && dob.Compact(text[a[0]:a[1]]) {
			// 04JUL1961: a date, a birth date only by its keyword.
			kw, why := e.context(s, a[0], a[1], classDOB)
			if conf := 0.1 + 0.9*kw*0.95; conf >= e.min {
				s.found = append(s.found, span{a[0], a[1], conf, breachkit.DOB, "rule:date-compact", why})
			}
			continue
		}
		w := view(text[a[0]:a[1]])
		if health.ValidMBI(w) {
			kw, why := e.context(s, a[0], a[1], classHealth)
			s.found = append(s.found, span{a[0], a[1], 0.85 + 0.14*kw, breachkit.HealthID, "rule:mbi", why})
			continue
		}
		if mixedCase(text[a[0]:a[1]]) || text[a[0]] == '0' && text[a[0]+1]|0x20 == 'x' || techWord(text[a[0]:a[1]]) {
			// Summer2024: a password's or a word's shape; 0x6001: a
			// number in a program; sha256, 4410bf4350c9fdb8: a name or
			// a hash of one. No card's or plan's number.
			continue
		}
		best := span{}
		for _, c := range shapeRules {
			if !c.ok(w) {
				continue
			}
			kw, why := e.contextNear(s, a[0], a[1], c.class, 60)
			if kw == 0 && c.class == classHealth && s.present&(1<<classMember) != 0 && digitCount(w) >= 6 {
				// Letters and digits (XJH123456789) are a health plan's
				// member ID, not a credit union's member number: "member"
				// says so by itself, as the value's label ("Member ID:
				// XJH123456789"). Farther off, "member" is as often a
				// program's (a struct member, PR102753 in a changelog).
				kw, why = e.contextNear(s, a[0], a[1], classMember, labelMax)
			}
			conf := kw * 0.95
			if conf > best.conf {
				best = span{a[0], a[1], conf, c.t, c.rule, why}
			}
		}
		if best.conf >= e.min && !otherLabel(s, a[0], best.typ) {
			s.found = append(s.found, best)
			if best.typ == breachkit.HealthID && hicnSSN(text[a[0]:a[1]]) == 9 {
				// 219099998B1: a Medicare claim number, which is the
				// SSN with the beneficiary's code.
				s.found = append(s.found, span{a[0], a[0] + 9, best.conf, breachkit.SSN, "rule:hicn", best.r1})
			}
		}
	}
	for _, h := range s.hits {
		if h.classes&(1<<classCred) == 0 || h.start < lead {
			continue
		}
		if h.end-h.start == len(creds.MaidenKeyword) && bytes.EqualFold(text[h.start:h.end], []byte(creds.MaidenKeyword)) {
			// "Mother's Maiden Name: Kowalczyk": the answer to a
			// security question, and an element of its own.
			if st, en := creds.Maiden(text, h.start, h.end); en > 0 {
				for k := range s.found {
					if f := &s.found[k]; f.start >= st && f.end <= en {
						f.conf = 0 // not a person's name
					}
				}
				s.found = append(s.found, span{st, en, 0.9, breachkit.MothersMaidenName, "rule:mothers-maiden-name", ""},
					span{st, en, 0.9, breachkit.Credentials, "rule:mothers-maiden-name", ""})
			}
			continue
		}
		answer := h.end-h.start == len(creds.AnswerKeyword) && bytes.EqualFold(text[h.start:h.end], []byte(creds.AnswerKeyword))
		if !answer && !creds.Labelled(text, h.start, h.end) {
			continue
		}
		var st, en int
		if answer {
			// "Security question: …? Answer: Biscuit".
			st, en = creds.Answer(text, h.start, h.end)
		} else {
			st, en = creds.Value(text, h.end)
		}
		if en == 0 {
			continue
		}
		conf := 0.6
		why := "keyword:" + strings.ToLower(string(text[h.start:h.end]))
		// A user name or e-mail nearby makes it a credential pair.
		lo := max(0, h.start-200)
		hi := min(len(text), en+200)
		if bytes.IndexByte(text[lo:hi], '@') >= 0 || containsFold(text[lo:hi], "user") || containsFold(text[lo:hi], "login") || creds.Paired(text, h.start, h.end) {
			conf = 0.9
			why += " with user"
		} else if strings.EqualFold(string(text[h.start:h.end]), "pass") {
			continue // "pass:" alone is as often a step's or a test's verdict
		}
		// A password is not the identifier it looks like
		// ("Summer2023" is no driver's licence).
		for k := range s.found {
			if f := &s.found[k]; f.start >= st && f.end <= en {
				f.conf = 0
			}
		}
		s.found = append(s.found, span{st, en, conf, breachkit.Credentials, pick(answer, "rule:security-answer", "rule:password"), why})
	}
}

// codes records the card security codes, PINs, diagnosis codes,
// A-Numbers, SINs, NINOs and employee and student IDs that follow their
// labels ("CVV 123", "PIN: 4821", "Dx: E11.9, I10", "alien registration
// number A123456789", "Social Insurance Number 424 870 533", "Employee
// ID: E104512"), and a written diagnosis after its label. A value found
// inside a code by another rule (a code taken for a licence number) is
// the code.
func (e *Engine) codes(s *scratch, text []byte, lead int) {
	for _, h := range s.hits {
		if h.classes&(1<<classAccess|1<<classMedical|1<<classGov|1<<classHealth) == 0 || h.start < lead {
			continue
		}
		n0 := len(s.found)
		if h.classes&(1<<classHealth) != 0 && h.end-h.start == 3 && bytes.EqualFold(text[h.start:h.end], []byte("nhs")) {
			if st, en := health.NHSLabelled(text, h.end); en > 0 {
				s.found = append(s.found, span{st, en, 0.95, breachkit.HealthID, "rule:nhs-number", kwReason(classHealth, st-h.end)})
			}
		}
		if h.classes&(1<<classAccess) != 0 {
			var b [12]byte
			_, n := wordBefore(text, h.start, &b)
			pv, nx := b[:n], nextWord(text, h.end)
			if k := accesscode.KindOf(text[h.start:h.end], pv, nx); k != accesscode.None {
				if st, en := accesscode.Value(text, h.end, k); en > 0 {
					s.found = append(s.found, span{st, en, 0.9, breachkit.AccessCode, "rule:access-code", kwReason(classAccess, st-h.end)})
				}
			}
		}
		if h.classes&(1<<classMedical) != 0 {
			s.codes = medical.Codes(text, h.end, s.codes[:0])
			for _, c := range s.codes {
				s.found = append(s.found, span{c[0], c[1], 0.9, breachkit.MedicalInfo, "rule:icd10", kwReason(classMedical, c[0]-h.end)})
			}
			if len(s.codes) == 0 && medicalContext(s, text) {
				if st, en := medical.Labelled(text, h.end); en > 0 {
					// A line of text: what else it holds (a name, an
					// SSN) is found as well.
					s.found = append(s.found, span{st, en, 0.8, breachkit.MedicalInfo, "rule:medical-label", kwReason(classMedical, st-h.end)})
					continue
				}
			}
		}
		if h.classes&(1<<classGov) != 0 {
			if st, en, k := govid.NationalLabelled(text, h.start, h.end); en > 0 {
				s.found = append(s.found, span{st, en, 0.9, breachkit.GovID, k.Reason(), kwReason(classGov, st-h.end)})
			} else if st, en, k := govid.Labelled(text, h.start, h.end); en > 0 {
				s.found = append(s.found, span{st, en, 0.9, breachkit.GovID, k.Reason(), kwReason(classGov, st-h.end)})
			} else if h.end-h.start == 5 { // alien, uscis
				if st, en := govid.Value(text, h.end); en > 0 {
					s.found = append(s.found, span{st, en, 0.9, breachkit.GovID, "rule:a-number", kwReason(classGov, st-h.end)})
				}
			} else if st, en, k := assigned.Labelled(text, h.start, h.end); k != assigned.None && ssnShaped(text[st:en]) == "" {
				// An employee or student ID written 212-67-4093 is the
				// SSN such systems long used as the ID: left to the
				// number rules, which report it as one.
				t := breachkit.EmployeeID
				if k == assigned.Student {
					t = breachkit.StudentID
				}
				s.found = append(s.found, span{st, en, 0.85, t, "rule:assigned-id", kwReason(classGov, st-h.end)})
			}
		}
		for _, c := range s.found[n0:] {
			for k := range s.found[:n0] {
				if f := &s.found[k]; f.start < c.end && f.end > c.start {
					f.conf = 0
				}
			}
		}
	}
}

// ssnShaped reports whether v is written as an SSN, 123-45-6789, and its
// digits are a valid SSN or ITIN, and which; "" when neither.
func ssnShaped(v []byte) breachkit.Element {
	v = bytes.TrimSpace(v)
	if len(v) != 11 || v[3] != '-' || v[6] != '-' {
		return ""
	}
	var d [9]byte
	n := 0
	for i, c := range v {
		if i == 3 || i == 6 {
			continue
		}
		if c < '0' || c > '9' {
			return ""
		}
		d[n] = c
		n++
	}
	switch {
	case ssn.Valid(d[:]):
		return breachkit.SSN
	case itin.Valid(d[:]):
		return breachkit.ITIN
	}
	return ""
}

// ukLicence records the British driving licence numbers that follow
// Britain's keyword for a licence (ukWord) on its line ("The driving
// licence number of the claimant is MORGA753116SM91J 01", "DVLA no MORGA
// 753116 SM91J01"). What another rule read inside one (its digits as a
// US licence's) is part of it.
func (e *Engine) ukLicence(s *scratch, text []byte, lead int) {
	last := 0
	for _, h := range s.hits {
		if h.classes&(1<<classDL|1<<classLicense) == 0 || h.end < last || !ukWord(text[h.start:h.end]) {
			continue
		}
		lim := min(len(text), h.end+80)
		for k := h.end + 1; k < lim && text[k] != '\n'; k++ {
			if text[k] < 'A' || text[k] > 'Z' || isAlnum(text[k-1]) || k+16 > len(text) || !ukSurname(text[k+1:k+5]) {
				continue
			}
			n := dl.UK(text[k:])
			if n == 0 {
				continue
			}
			if k >= lead {
				for f := range s.found {
					if p := &s.found[f]; p.start < k+n && p.end > k {
						p.conf = 0
					}
				}
				s.found = append(s.found, span{k, k + n, 0.95, breachkit.DriversLicense, "rule:uk-driving-licence", kwReason(classDL, k-h.end)})
			}
			last = k + n
			break
		}
	}
}

// ukWord reports whether a licence's keyword is Britain's: "licence"
// as Britain spells it, or the DVLA that issues it.
func ukWord(w []byte) bool {
	return len(w) == 7 && w[5]|0x20 == 'c' && bytes.EqualFold(w, []byte("licence")) || len(w) == 4 && bytes.EqualFold(w, []byte("dvla"))
}

// ukSurname reports whether b is capitals or 9s, as the rest of the
// surname that starts a British licence number is: a test that spares
// dl.UK nearly every word after a licence's keyword.
func ukSurname(b []byte) bool {
	for _, c := range b {
		if (c < 'A' || c > 'Z') && c != '9' {
			return false
		}
	}
	return true
}

// copyrightYear reports whether the four digits at text[i] are a year in
// a copyright line ("Copyright 2006 Larry Wall", "(C) 1999, 2006 Jane
// Park"), whose holder's name may end in a street suffix.
func copyrightYear(text []byte, i int) bool {
	if !(text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') {
		return false
	}
	lo := max(0, i-40)
	for k := i - 1; k >= lo; k-- {
		if text[k] == '\n' {
			lo = k
			break
		}
	}
	line := text[lo:i]
	return bytes.Contains(line, []byte("opyright")) || bytes.Contains(line, []byte("OPYRIGHT")) || bytes.Contains(line, []byte("(c)")) || bytes.Contains(line, []byte("(C)")) || bytes.Contains(line, []byte("©"))
}

// numberRow reports whether text[st:en], a number written in groups apart
// by blanks, has another group of digits beside it, a blank apart: of
// exactly four digits for a card (whose code, written after it, has
// three), of three or more for a phone. It is then a stretch of a row of
// numbers.
func numberRow(text []byte, st, en, size int) bool {
	if bytes.IndexByte(text[st:en], ' ') < 0 {
		return false
	}
	group := func(a, step int) bool { // the digits from a, walking by step
		n := 0
		for k := a; k >= 0 && k < len(text) && byteClass[text[k]] == cDigit; k += step {
			n++
		}
		if size == 4 {
			return n == 4
		}
		return n >= size
	}
	// A number in brackets starts a value of its own: "(415) 666-7777
	// (212) 443-1223" is two telephones.
	return st > 1 && text[st] != '(' && text[st-1] == ' ' && group(st-2, -1) || en+1 < len(text) && text[en] == ' ' && group(en+1, 1)
}

// longNumbers counts a segment's runs of 13 to 19 digits from lead on,
// and those of them that pass the card checks. Ten or more of which under
// three in ten pass are numbers of a table or a program rather than
// cards: one in ten random numbers has a card's issuer prefix and check
// digit, and the numbers of a list of cards all do. (A stroke-order
// table, a generator's constants, a log of 16-digit transaction IDs.)
func longNumbers(s *scratch, text []byte, lead int) (n, cards int) {
	for _, t := range s.toks {
		if t.gn-t.g0 != 1 || t.start < lead {
			continue
		}
		g := s.gs[t.g0]
		if l := g.end - g.start; l >= 13 && l <= 19 {
			n++
			if card.Valid(text[g.start:g.end]) {
				cards++
			}
		}
	}
	return n, cards
}

// lineTally counts the long numbers of the lines of one file read a line
// at a time (longNumbers).
type lineTally struct {
	path     string
	n, cards int
}

// healthNear reports whether a keyword of health or a diagnosis label lies
// within Window bytes of hits[k] (hits are in text order).
func healthNear(hits []hit, k int) bool {
	const want = 1<<classHealth | 1<<classMedical
	for i := k - 1; i >= 0 && hits[k].start-hits[i].end <= Window; i-- {
		if hits[i].classes&want != 0 {
			return true
		}
	}
	for i := k + 1; i < len(hits) && hits[i].start-hits[k].end <= Window; i++ {
		if hits[i].classes&want != 0 {
			return true
		}
	}
	return false
}

// digitCount returns how many digits s has.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// techWord reports a lower-case word of letters and digits that is a
// program's rather than an identifier printed on a card: few digits
// (sha256, utf8, arm64), or a hash, hexadecimal (4410bf4350c9fdb8) or
// letters and digits mixed throughout (47ba5b8bcdc19c53z). Identifiers
// typed in lower case have five digits or more and their letters in one
// place ("d1234567", "xjh123456789").
func techWord(w []byte) bool {
	digits, hex, turns := 0, true, 0
	for i, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z':
			return false
		case c > 'f':
			hex = false
		}
		if i > 0 && (c <= '9') != (w[i-1] <= '9') {
			turns++
		}
	}
	return digits < 5 || hex && len(w) >= 8 || turns >= 4
}

// mixedCase reports whether a word has a lower-case letter after an
// upper-case one: numbers printed on cards and in plans' files are in
// capitals (or typed all in lower case).
func mixedCase(w []byte) bool {
	upper := false
	for _, c := range w {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z' && upper:
			return true
		}
	}
	return false
}

// medicalContext reports whether a segment reads as a health record: a
// health keyword (medical, MRN, health plan…) or the word patient among
// its keywords. "Diagnosis: the disk was full" in an IT ticket is no
// one's medical information.
func medicalContext(s *scratch, text []byte) bool {
	if s.present&(1<<classHealth) != 0 {
		return true
	}
	for _, h := range s.hits {
		if w := text[h.start:h.end]; len(w) >= 7 && len(w) <= 8 && bytes.EqualFold(w[:7], []byte("patient")) {
			return true
		}
	}
	return false
}

// nextWord returns the word of letters that starts after the blanks at
// text[i], or nil.
func nextWord(text []byte, i int) []byte {
	j := i
	for j < len(text) && j-i < 2 && text[j] == ' ' {
		j++
	}
	k := j
	for k < len(text) && k-j < 16 && isLetter(text[k]) {
		k++
	}
	return text[j:k]
}

func containsFold(b []byte, sub string) bool {
	return bytes.Contains(bytes.ToLower(b), []byte(sub))
}

// resolveNumber scores the windows of a digit token and keeps the best.
func (e *Engine) resolveNumber(s *scratch, text []byte, t numTok) {
	gs := s.gs[t.g0:t.gn]
	// No number rule takes fewer than minDigits digits, and every window
	// holds a subset of the token's digits: most tokens (times, counts,
	// house numbers, years) end here without a window scored.
	nd := 0
	for _, g := range gs {
		nd += g.end - g.start
	}
	// The exception: a short date (7/9/85) near a birth keyword.
	least := minDigits
	if nd == 4 && len(gs) == 3 && s.present&(1<<classDOB) != 0 {
		least = 4
	}
	if nd < least {
		return
	}
	for k := 0; k+1 < len(gs); k++ {
		// "0.30102999566", "+35236450.6": a decimal number, a figure,
		// no one's number (a point after one digit before five, or
		// after five before one or two).
		if a, b := gs[k].end-gs[k].start, gs[k+1].end-gs[k+1].start; gs[k].sep == '.' && (a == 1 && b >= 5 || a >= 5 && b <= 2) {
			return
		}
	}
	if text[t.start] == '+' && e.intlPhone(s, text, t, gs) {
		return
	}
	if nd == 9 && len(gs) == 3 && t.end < len(text) && text[t.end] >= 'A' && text[t.end] <= 'Z' && e.hicn(s, text, t, gs) {
		return
	}
	// Windows start and end at blanks, and, in a token of more digits
	// than one number has, at hyphens with blanks around them, which
	// then set numbers apart ("415-666-7777 - 800-443-1223", "CA 34215 -
	// 415-666-7777"; "531 - 86 - 4420" is one number).
	apart := nd > 12
	cands := s.cands[:0]
	for a := 0; a < len(gs); a++ {
		// "001-918-463-0147": the United States dialled from abroad; the
		// number after the prefix is a window of its own.
		us := a == 1 && gs[0].end-gs[0].start == 3 && string(text[gs[0].start:gs[0].end]) == "001" && len(gs) >= 4
		if a > 0 && gs[a-1].sep != ' ' && !(apart && gs[a-1].sep == '-' && gs[a].start-gs[a-1].end == 3) && !us {
			continue
		}
		st := gs[a].start
		if a == 0 {
			st = t.start
		}
		if a == 0 && gluedBefore(text, st) && !e.labelGlued(text, st) {
			continue
		}
		s.digits = s.digits[:0]
		s.groups = s.groups[:0]
		s.seps = s.seps[:0]
		for b := a; b < len(gs) && b < a+6; b++ {
			s.digits = append(s.digits, text[gs[b].start:gs[b].end]...)
			s.groups = append(s.groups, gs[b].end-gs[b].start)
			if b > a {
				s.seps = append(s.seps, gs[b-1].sep)
			}
			if len(s.digits) > 19 {
				break
			}
			en := gs[b].end
			if b < len(gs)-1 && gs[b].sep != ' ' && !(apart && gs[b].sep == '-' && gs[b+1].start-gs[b].end == 3) {
				continue
			}
			if b == len(gs)-1 && gluedAfter(text, en) {
				continue
			}
			if len(s.digits) < least {
				continue
			}
			// Only a date (8 digits at most) cares for a time after it.
			if sp, ok := e.scoreNumber(s, st, en, len(s.digits) <= 8 && timeAfter(text, en)); ok {
				cands = append(cands, sp)
			}
		}
	}
	// Keep the best non-overlapping windows.
	for len(cands) > 0 {
		bi := 0
		for k, c := range cands {
			b := cands[bi]
			if c.conf > b.conf || c.conf == b.conf && c.end-c.start > b.end-b.start {
				bi = k
			}
		}
		b := cands[bi]
		if b.conf < e.min {
			break
		}
		if b.typ == breachkit.BankAccount || b.typ == breachkit.DriversLicense || b.typ == breachkit.HealthID {
			// 123456789012, 111122223333: a manual's sample, no one's
			// account, licence or plan ID; looked at only for the
			// window that wins, as it costs a pass over the digits.
			s.digits = s.digits[:0]
			for _, c := range text[b.start:b.end] {
				if c >= '0' && c <= '9' {
					s.digits = append(s.digits, c)
				}
			}
			if sample.Number(s.digits) || sample.Limit(s.digits) {
				// 2147483647, 4294967295: a program's limit too.
				b.conf = 0
			}
		}
		if b.typ == breachkit.Phone && b.end-b.start == 10 && sample.Limit(text[b.start:b.end]) {
			// 2147483647, bare: a program's limit, no one's phone.
			b.conf = 0
		}
		if b.typ == breachkit.CardNumber && numberRow(text, b.start, b.end, 4) || b.typ == breachkit.Phone && numberRow(text, b.start, b.end, 3) {
			// "2270\n 2275 2281 2286 2291 2296", "847 858 870 882 894":
			// groups of a row of numbers, a table's, that pass the card
			// or the phone checks.
			b.conf = 0
		}
		if b.typ == breachkit.CardNumber && b.r1 == "" {
			// A card by its shape alone among long numbers of which few
			// pass the card checks: one of a table's random numbers.
			// Counted once a segment, and only when such a card comes.
			if s.randomLong == 0 {
				s.randomLong = 1
				n, cards := s.lines.n, s.lines.cards
				if s.lines.path == "" {
					n, cards = longNumbers(s, text, 0)
				}
				if n >= 10 && cards*10 < n*3 {
					s.randomLong = 2
				}
			}
			if s.randomLong == 2 {
				b.conf = 0
			}
		}
		if b.conf > 0 {
			s.found = append(s.found, b)
		}
		keep := cands[:0]
		for _, c := range cands {
			if c.end <= b.start || c.start >= b.end {
				keep = append(keep, c)
			}
		}
		cands = keep
	}
	s.cands = cands[:0]
}

// intlPhone records a token written "+CC ..." with a country code other
// than 1 as a phone number when it is valid for that country, and
// reports whether it did.
func (e *Engine) intlPhone(s *scratch, text []byte, t numTok, gs []group) bool {
	if gluedBefore(text, t.start) {
		return false
	}
	if text[gs[0].start] == '1' {
		// E.164, as databases and messaging services store a North
		// American number: +14156667777.
		g := gs[0]
		if len(gs) > 1 && gs[0].sep != ' ' || g.end-g.start != 11 || gluedAfter(text, g.end) || !phone.Valid(text[g.start:g.end]) {
			return false
		}
		kw, why := e.context(s, t.start, g.end, classPhone)
		if conf := 0.85 + 0.14*kw; conf >= e.min {
			s.found = append(s.found, span{t.start, g.end, conf, breachkit.Phone, "rule:phone-e164", why})
		}
		return true
	}
	// The longest run of groups from the start that is a valid number:
	// a token may run on into a following number ("+44 20 7946 0958 2025").
	for b := len(gs); b >= 1; b-- {
		end := gs[b-1].end
		if b < len(gs) && gs[b-1].sep != ' ' || b == len(gs) && gluedAfter(text, end) {
			continue
		}
		s.digits = s.digits[:0]
		for _, g := range gs[:b] {
			s.digits = append(s.digits, text[g.start:g.end]...)
		}
		if len(s.digits) > 15 || !phone.International(s.digits) {
			continue
		}
		kw, why := e.context(s, t.start, end, classPhone)
		conf := 0.85 + 0.14*kw
		if conf >= e.min {
			s.found = append(s.found, span{t.start, end, conf, breachkit.Phone, "rule:phone-international", why})
		}
		return true
	}
	return false
}

// lowerAddress finds the whole address in lower case that ends with the
// ZIP Code text[zs:ze]: it starts at a house number on the same line,
// within 80 bytes before, and address.FindLower reads it to this ZIP Code
// (or its ZIP+4). The farthest house number that does is taken.
func lowerAddress(text []byte, zs, ze, lead int) (st, end int) {
	lo := max(lead, zs-80)
	for k := zs - 1; k >= lo; k-- {
		if text[k] == '\n' {
			lo = k + 1
			break
		}
	}
	for p := lo; p < zs; p++ {
		if byteClass[text[p]] != cDigit || p > 0 && (isAlnum(text[p-1]) || text[p-1] == '-' || text[p-1] == '#') {
			continue
		}
		q := p
		for q < zs && byteClass[text[q]] == cDigit {
			q++
		}
		if q-p <= 6 && q+1 < zs && text[q] == ' ' && byteClass[text[q+1]] == cLower {
			if e, _ := address.FindLower(text, p); e == ze || e == ze+5 {
				return p, e
			}
		}
		p = q
	}
	return 0, 0
}

// minDigits is the fewest digits any number rule accepts: driver's
// licences 5; bank accounts, passports, health IDs and dates 6; the rest
// more. A window with fewer is not scored.
const minDigits = 5

// scoreNumber validates s.digits (text[st:en]) against every number rule
// and returns the best-scoring type. timed says a time of day follows the
// window: a date with a time is a timestamp, not a date of birth.
func (e *Engine) scoreNumber(s *scratch, st, en int, timed bool) (span, bool) {
	var c *ctxInfo
	best, bestRule, bestD := -1.0, -1, -1
	nd := len(s.digits)
	if nd > maxRuleDigits {
		return span{}, false
	}
	for _, ri := range e.byDigits[nd] {
		r := &numberRules[ri] // not a copy of the rule for each window
		if timed && r.class == classDOB {
			continue
		}
		if s.present&ownClasses[r.class] == 0 && !(r.class == classCard && s.present&(1<<classNeg) != 0) {
			// No keyword of its kind in the segment: the shape alone must do.
			base, ok := r.score(s.digits, s.groups, s.seps)
			if !ok || base < e.min || base <= best {
				continue
			}
			best, bestRule, bestD = base, int(ri), -1
			continue
		}
		base, ok := r.score(s.digits, s.groups, s.seps)
		if !ok {
			continue
		}
		if c == nil {
			c = e.gather(s, st, en, Window)
		}
		kw, d := c.score(r.class)
		if r.confirm != nil && phone.Unprefixed(s.digits) && (kw == 0 || !r.confirm(s.digits)) {
			continue
		}
		conf := base + (1-base)*kw*0.95
		if r.class == classCard && labelled(c, classNeg, d) {
			// "Order 4771516204661098": a number its own label calls an
			// order, invoice or reference is that, even when it passes
			// Luhn and starts like a card (one in ten such numbers does).
			conf *= 0.5
		}
		if conf > best {
			best, bestRule, bestD = conf, int(ri), d
		}
	}
	if bestRule < 0 {
		return span{}, false
	}
	r := numberRules[bestRule]
	r0 := ruleReasons[bestRule]
	if r.class == classCard && card.Test(s.digits) {
		// 4111 1111 1111 1111 after "card": a processor's test number,
		// reported as one.
		best, r0 = min(best, testCardConf), "rule:card-test-number"
	}
	sp := span{start: st, end: en, conf: best, typ: r.typ}
	if best >= e.min {
		sp.r0 = r0
		if bestD >= 0 {
			sp.r1 = kwReason(r.class, bestD)
		}
	}
	return sp, true
}

// testCardConf is the confidence of a payment processor's published test
// card number (card.Test) under a card column or near a card word: at the
// default minimum, so that it is reported and recorded, and dropped by any
// higher one.
const testCardConf = 0.5

// licenseLabel is how near before a value "license" or "DL" must be to be its
// label when no word of a driver's licence is near ("License # D1234567",
// "license number 9767086").
const licenseLabel = 16

// labelMax is how near before a value a word must be to be its label
// ("Order #4771...", "invoice no. 4771...").
const labelMax = 12

// labelled reports whether a keyword of class is the value's label: at
// most labelMax bytes before it, and nearer than the keyword at ownD
// (-1: none) that speaks for the value's type.
func labelled(c *ctxInfo, class, ownD int) bool {
	if c.bset&(1<<class) == 0 {
		return false
	}
	d := c.before[class]
	return d <= labelMax && (ownD < 0 || d < ownD)
}

// otherLabel reports whether the value at text[st:] has for its label
// a government or assigned number's name ("CURP:", "Employee ID"), no
// word of shape rule t's own class standing between: a value so labelled
// that fails that number's check is not a health plan's, a licence's or
// a passport's for a keyword farther off ("Insurance" two lines above).
func otherLabel(s *scratch, st int, t breachkit.Element) bool {
	var own uint32
	switch t {
	case breachkit.HealthID:
		own = 1<<classHealth | 1<<classMember
	case breachkit.DriversLicense:
		own = 1<<classDL | 1<<classLicense
	default:
		own = 1 << classPassport
	}
	k, _ := slices.BinarySearchFunc(s.hits, st, func(h hit, st int) int { return cmp.Compare(h.end, st+1) })
	for k--; k >= 0 && st-s.hits[k].end <= labelMax; k-- {
		switch c := s.hits[k].classes; {
		case c&own != 0:
			return false
		case c&(1<<classGov) != 0:
			return true
		}
	}
	return false
}

// ctxInfo is what the keywords around a candidate say: per class, the
// distance of the nearest keyword before and after it. A distance counts
// only where its class's bit is set in bset or aset, so that gathering
// does not clear the arrays and scoring visits only the classes present.
type ctxInfo struct {
	before, after [numClasses]int
	bset, aset    uint32
	window        int
}

// scoredClasses are the keyword classes that scoring reads: those of
// the number and shape rules, and the classes that compete with them.
// The others (names, addresses, e-mail, passwords, organisations, card
// codes, diagnoses, A-Numbers) compete with no number and speak for
// none, so gather leaves them out.
const scoredClasses = kwMask &^ (1<<className | 1<<classAddress | 1<<classEmail | 1<<classCred | 1<<classOrg | 1<<classAccess | 1<<classMedical | 1<<classGov)

// gather collects the keywords around text[st:en] within window bytes
// before and WindowAfter after. Candidates come mostly in text order, so
// the hits before one are swept once for all: each class keeps the end
// of its nearest hit, and only the few hits after the candidate are
// visited for each.
func (e *Engine) gather(s *scratch, st, en, window int) *ctxInfo {
	c := &s.ctx
	c.window = window
	c.bset, c.aset = 0, 0
	hits := s.hits
	if st < s.sweepPos {
		s.sweepNext, s.sweepSeen = 0, 0
	}
	s.sweepPos = st
	k := s.sweepNext
	for k < len(hits) && hits[k].end <= st {
		h := &hits[k]
		cls := h.classes & scoredClasses
		for cl := cls; cl != 0; cl &= cl - 1 {
			i := bits.TrailingZeros32(cl)
			if s.sweepSeen&(1<<i) == 0 || h.end > s.sweepLast[i] {
				s.sweepLast[i] = h.end
			}
		}
		s.sweepSeen |= cls
		k++
	}
	s.sweepNext = k
	for m := s.sweepSeen; m != 0; m &= m - 1 {
		i := bits.TrailingZeros32(m)
		if d := st - s.sweepLast[i]; d <= window {
			c.before[i] = d
			c.bset |= 1 << i
		}
	}
	for ; k < len(hits); k++ {
		h := &hits[k]
		if h.start >= en+WindowAfter {
			break
		}
		if h.start < en {
			if h.end <= st {
				// Out of order (an initialism around shorter words):
				// before the candidate after all.
				for cl := h.classes & scoredClasses; cl != 0; cl &= cl - 1 {
					i := bits.TrailingZeros32(cl)
					if d := st - h.end; d <= window && (c.bset&(1<<i) == 0 || d < c.before[i]) {
						c.before[i] = d
						c.bset |= 1 << i
					}
				}
			}
			continue
		}
		if h.label {
			// "Policy effective 01/01/1980\nDOB: 1988-11-03": the
			// label of the next value.
			continue
		}
		d := h.start - en
		for cl := h.classes & scoredClasses; cl != 0; cl &= cl - 1 {
			i := bits.TrailingZeros32(cl)
			if c.aset&(1<<i) == 0 || d < c.after[i] {
				c.after[i] = d
				c.aset |= 1 << i
			}
		}
	}
	return c
}

func (c *ctxInfo) weight(d int) float64 {
	if d <= 24 {
		return 1
	}
	return 1 - 0.65*float64(d-24)/float64(c.window)
}

// score returns how strongly the keywords speak for class (0..1) and the
// distance of the keyword that does. A nearer keyword of a competing
// kind before the candidate (an order number, a due date, an account)
// weakens the claim.
func (c *ctxInfo) score(class int) (float64, int) {
	own := ownClasses[class]
	// A licence's two classes are one set of words: the nearest speaks.
	nearest := class == classDL
	best, bestD, before := 0.0, -1, false
	for m := (c.bset | c.aset) & own; m != 0; m &= m - 1 {
		i := bits.TrailingZeros32(m)
		if c.bset&(1<<i) != 0 {
			if w := c.weight(c.before[i]); w > best || nearest && w == best && before && c.before[i] < bestD {
				best, bestD, before = w, c.before[i], true
			}
		}
		if c.aset&(1<<i) != 0 {
			if w := 0.5 * c.weight(c.after[i]); w > best || nearest && w == best && !before && c.after[i] < bestD {
				best, bestD, before = w, c.after[i], false
			}
		}
	}
	if best == 0 {
		return 0, -1
	}
	if class == classDL && (c.bset|c.aset)&(1<<classLicense) == 0 {
		// "the f71882fg driver", "no downloadable driver selected
		// (#548449)": a driver alone is a program's or a car's; a word
		// of a licence must be near too.
		return 0, -1
	}
	if class == classDL && (c.bset|c.aset)&(1<<classDL) == 0 && !(before && bestD <= licenseLabel) {
		// "license" or "DL" with no "driver" near, and not as the
		// value's label: a program's licence, a dynamic linker's dl_.
		return 0, -1
	}
	for m := c.bset &^ uncompeting[class]; m != 0; m &= m - 1 {
		// A two-letter word right after the keyword before the value is
		// part of its phrase, not a competing claim: "member ID".
		if d := c.before[bits.TrailingZeros32(m)]; d < bestD && !(before && bestD-d <= 3) {
			best *= 0.35
			break
		}
	}
	return best, bestD
}

// ownClasses[c] are the keyword classes that speak for class c: its own,
// and for SSN and ITIN both (an ITIN is written where an SSN would be).
// uncompeting[c] are the classes whose keywords do not speak against c:
// its own, those of names, addresses, e-mail, passwords, card codes and
// diagnoses (which sit beside numbers without claiming them), and dates
// unless c is a birth date.
var ownClasses, uncompeting = func() (own, unc [numClasses]uint32) {
	for c := range own {
		own[c] = 1 << c
		if c == classSSN || c == classITIN {
			own[c] = 1<<classSSN | 1<<classITIN
		}
		if c == classDL {
			own[c] = 1<<classDL | 1<<classLicense
		}
		unc[c] = own[c] | 1<<className | 1<<classAddress | 1<<classEmail | 1<<classCred | 1<<classOrg | 1<<classAccess | 1<<classMedical | 1<<classGov
		if c != classDOB {
			unc[c] |= 1<<classDate | 1<<classDOB
		}
	}
	return
}()

// context returns how strongly the keywords around text[st:en] speak for
// class, and a reason naming the keyword and its distance.
func (e *Engine) context(s *scratch, st, en, class int) (float64, string) {
	return e.contextNear(s, st, en, class, Window)
}

func (e *Engine) contextNear(s *scratch, st, en, class, window int) (float64, string) {
	w, d := e.gather(s, st, en, window).score(class)
	if w == 0 {
		return 0, ""
	}
	return w, kwReason(class, d)
}

// ruleReasons are the rule reasons of numberRules, by index.
var ruleReasons = func() []string {
	out := make([]string, len(numberRules))
	for i, r := range numberRules {
		out[i] = "rule:" + strings.ToLower(string(r.typ))
	}
	return out
}()

// kwReasons[class][d] is "keyword:<class> at <d>", built once so that
// scoring a candidate does not format strings.
var kwReasons = func() (t [numClasses][]string) {
	for c := range t {
		t[c] = make([]string, Window+1)
		for d := range t[c] {
			t[c][d] = "keyword:" + kwName(1<<c) + " at " + strconv.Itoa(d)
		}
	}
	return
}()

// kwReason is the reason for a keyword of class at distance d.
func kwReason(class, d int) string {
	if d >= 0 && d < len(kwReasons[class]) {
		return kwReasons[class][d]
	}
	return "keyword:" + kwName(1<<class) + " at " + strconv.Itoa(d)
}

func kwName(c uint32) string {
	names := [...]string{"ssn", "itin", "card", "routing", "account", "phone", "dob", "license", "passport", "health", "email", "name", "address", "password", "other", "date", "organisation", "access-code", "medical", "government-id", "member", "license"}
	for i, n := range names {
		if c&(1<<i) != 0 {
			return n
		}
	}
	return "?"
}

// customText finds user-defined identifiers in text.
func (e *Engine) customText(s *scratch, text []byte, lead int) {
	for ri, r := range e.custom {
		if r.Prefix != "" {
			p := []byte(r.Prefix)
			off := lead
			for {
				k := bytes.Index(text[off:], p)
				if k < 0 {
					break
				}
				st := off + k
				off = st + 1
				if st > 0 && isAlnum(text[st-1]) && isAlnum(p[0]) {
					continue
				}
				en := st + len(p)
				for en < len(text) && (isAlnum(text[en]) || text[en] == '-' || text[en] == '_') && en-st < 64 {
					en++
				}
				for en > st+len(p) && !r.Re.Match(text[st:en]) {
					en--
				}
				if en > st+len(p) || r.Re.Match(text[st:en]) {
					if r.Re.Match(text[st:en]) && !(en < len(text) && isAlnum(text[en])) {
						s.found = append(s.found, e.customSpan(s, ri, r, st, en))
						off = en
					}
				}
			}
			continue
		}
		// No literal prefix: try each identifier-like run with a digit.
		i := lead
		for i < len(text) {
			if !isAlnum(text[i]) {
				i++
				continue
			}
			j := i
			digit := false
			for j < len(text) && (isAlnum(text[j]) || text[j] == '-' || text[j] == '_') {
				digit = digit || byteClass[text[j]] == cDigit
				j++
			}
			if digit && r.Re.Match(text[i:j]) {
				s.found = append(s.found, e.customSpan(s, ri, r, i, j))
			}
			i = j
		}
	}
}

func (e *Engine) customSpan(s *scratch, ri int, r *custom.Rule, st, en int) span {
	conf := r.Confidence
	why := ""
	for _, h := range s.hits {
		if h.word == "" || h.end > st || st-h.end > 60 {
			continue
		}
		for _, k := range e.customKW[h.word] {
			if k == ri {
				conf = 0.95
				why = "keyword:" + h.word + " at " + strconv.Itoa(st-h.end)
			}
		}
	}
	return span{st, en, conf, r.Type, "rule:custom-pattern", why}
}

// emit reports the spans that pass the confidence floor and the type
// filter. The reasons of a segment's matches share one slice backing
// array, so a match costs no allocation of its own.
func (e *Engine) emit(s *scratch, seg *scan.Segment, emit func(scan.Match)) {
	// In the text's order where a segment has no offsets in its file (a
	// PDF page, a paragraph of a document): there the order is all that
	// tells which name an SSN follows, and the people stage splits a text
	// that names several people by it. The rules append their finds by
	// kind; a located segment's finds carry their offsets instead.
	if seg.Offset < 0 && seg.OffsetAt == nil && !sortedSpans(s.found) {
		slices.SortStableFunc(s.found, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	}
	nr := 0
	for k := range s.found {
		f := &s.found[k]
		if f.conf < e.min {
			f.typ = "" // not emitted
			continue
		}
		if f.r0 != "" {
			nr++
		}
		if f.r1 != "" {
			nr++
		}
	}
	var rs []string
	if nr > 0 {
		rs = make([]string, nr)
	}
	ro := 0
	for _, f := range s.found {
		if f.typ == "" {
			continue
		}
		var r []string
		n := 0
		if f.r0 != "" {
			rs[ro+n] = f.r0
			n++
		}
		if f.r1 != "" {
			rs[ro+n] = f.r1
			n++
		}
		if n > 0 {
			r = rs[ro : ro+n : ro+n]
			ro += n
		}
		emit(scan.Match{Type: f.typ, Start: f.start, End: f.end, Confidence: round(min(f.conf, 1)), Reasons: r})
	}
}

func round(f float64) float64 {
	return float64(int(f*1000+0.5)) / 1000
}

// sortedSpans reports whether spans are in order of their starts.
func sortedSpans(f []span) bool {
	for i := 1; i < len(f); i++ {
		if f[i].start < f[i-1].start {
			return false
		}
	}
	return true
}
