package name

import (
	"bytes"
	"strings"
	"sync"

	"github.com/breachkit/breachkit/gazetteer"
	"github.com/breachkit/breachkit/scan/detect/internal/wordset"
)

// Cued reports whether the capitalised word at text[i] follows words that
// say a person's name comes next, where the gazetteer may not know the
// name: a salutation ("Dear Ngozi Okonkwo,"), a role written before the
// name without a colon ("Borrower Wojciech Nowak"), a verb of contact
// ("Spoke with", "Emailed", "call from", "voicemail for"), a label that
// names a person as often as a firm ("Third party:"), or a valediction
// on the line before ("Regards,\nDragan Petrovic"). line says the name
// must end its line, as a signature does; caps that a name in capitals
// may follow (a salutation, a role, a label, a valediction; not a verb:
// "per CU LUT").
func Cued(text []byte, i int) (cued, line, caps bool) {
	if i < 2 {
		return false, false, false
	}
	switch text[i-1] {
	case '\n':
		// The valediction ends the line before, or stands a blank line
		// above the name.
		e := i - 1
		if e > 0 && text[e-1] == '\r' {
			e--
		}
		if e > 0 && text[e-1] == '\n' {
			e--
			if e > 0 && text[e-1] == '\r' {
				e--
			}
		}
		return valediction(text[:e]), true, true
	case ' ':
	default:
		return false, false, false
	}
	if text[i-2] == ':' {
		// "Authorized third party: Wojciech Nowak", "Emergency contact:
		// …": labels of a person that PersonLabel leaves out, as they
		// name a firm as often; Unknown then refuses ordinary words.
		w, _ := wordBefore(text, i-2)
		var b [12]byte
		l, ok := foldShort(w, &b, 12)
		if !ok {
			return false, false, false
		}
		switch string(l) {
		case "party", "contact", "representative", "signer", "signatory", "recipient", "payee", "executor", "agent",
			"caller", "requester", "requestor", "addressee", "attn", "attention", "witness", "buyer", "seller", "grantor",
			"grantee", "trustee", "heir", "parent", "child", "dependent", "dependant", "poa":
			return true, false, true
		}
		return false, false, false
	}
	w, st := wordBefore(text, i-1)
	if len(w) == 0 {
		return false, false, false
	}
	var b [12]byte
	l, ok := foldShort(w, &b, 12)
	if !ok {
		return false, false, false
	}
	switch string(l) {
	case "dear", "hello", "hi":
		return w[0] == 'D' || w[0] == 'H', false, true
	case "borrower", "coborrower", "customer", "client", "applicant", "patient", "insured", "tenant", "claimant",
		"cosigner", "mortgagor", "debtor", "guarantor", "decedent", "beneficiary", "employee", "cardholder",
		"policyholder", "spouse", "caller", "attorney", "homeowner", "resident", "member":
		// "Borrower Wojciech Nowak"; not "Customer Service", whose words
		// are stop words, which Labelled refuses.
		return true, false, true
	case "emailed", "called", "contacted", "texted", "faxed", "advised", "informed", "per", "attn", "cc":
		return true, false, false
	case "with", "to", "from", "for", "by":
		v, _ := wordBefore(text, st-1)
		if len(v) == 0 {
			return false, false, false
		}
		var c [12]byte
		vl, ok := foldShort(v, &c, 12)
		if !ok {
			return false, false, false
		}
		switch string(l) + " " + string(vl) {
		case "with spoke", "with spoken", "with speaking", "with talked", "with talking", "with met", "with meeting",
			"with call", "with called", "with calling", "with conversation",
			"to spoke", "to spoken", "to speaking", "to talked", "to talking", "to wrote", "to sent", "to mailed",
			"to forwarded", "to referred", "to transferred", "to explained",
			"from message", "from voicemail", "from letter", "from email", "from mail", "from fax", "from note",
			"from call", "from request", "from complaint", "from received", "from check", "from payment",
			"for voicemail", "for message", "for vm", "for callback", "for letter", "for package", "for returned",
			"to changed", "to addressed", "to issued", "to assigned", "to payable",
			"by made", "by paid", "by filed", "by signed", "by submitted", "by sent", "by initiated", "by authorized",
			"by requested", "by completed", "by referred", "by owned", "by occupied":
			return true, false, false
		}
	}
	return false, false, false
}

// VerbAfter reports whether the name that ends at text[end] is the subject
// of a verb that a person does in a note: "Sipho Nkosi called about the
// fee", "… disputes the charge".
func VerbAfter(text []byte, end int) bool {
	if end+4 >= len(text) || text[end] != ' ' {
		return false
	}
	k := end + 1
	if text[k] == '(' {
		// "Nemanja Stojanovic (SSN ending 4471)", "(daughter)": what
		// follows in brackets is a person's.
		k++
		j := k
		for j < len(text) && j-k <= 12 && (letter(text[j]) || text[j] == '-') {
			j++
		}
		var b [12]byte
		l, ok := foldShort(text[k:j], &b, 12)
		if !ok {
			return false
		}
		switch string(l) {
		case "ssn", "dob", "age", "borrower", "co-borrower", "coborrower", "cosigner", "co-signer", "daughter", "son",
			"wife", "husband", "spouse", "mother", "father", "deceased", "minor", "tenant", "guarantor", "sister", "brother":
			return true
		}
		return false
	}
	j := k
	for j < len(text) && j-k <= 12 && text[j] >= 'a' && text[j] <= 'z' {
		j++
	}
	if j < len(text) && letter(text[j]) {
		return false
	}
	switch string(text[k:j]) {
	// Not the present tense that a firm or a document takes as well
	// ("Carnegie Mellon requests", "Section 5 states").
	case "called", "phoned", "said", "stated", "asked", "requested",
		"reported", "disputes", "disputed", "confirmed", "agreed", "wants", "wanted",
		"wrote", "emailed", "signed", "paid", "submitted", "complained", "claimed", "indicated",
		"mentioned", "explained", "promised", "authorized", "authorised", "moved", "died", "lives", "lived", "visited",
		"stopped", "returned", "left", "needs", "missed", "owes", "applied", "enrolled", "attended", "declined",
		"represents", "passed", "received", "filed", "refused", "told", "opened", "closed":
		return true
	}
	return false
}

// wordBefore returns the word of letters (and hyphens inside it) that ends
// at text[e] exclusive, at most 16 bytes, and where it starts, when a
// blank, a line's start or the text's start comes before it.
func wordBefore(text []byte, e int) ([]byte, int) {
	if e <= 0 || e > len(text) {
		return nil, 0
	}
	st := e
	for st > 0 && e-st < 16 && (letter(text[st-1]) || text[st-1] == '-' && st-1 > 0 && st < e) {
		st--
	}
	if st == e || st > 0 && text[st-1] != ' ' && text[st-1] != '\n' && text[st-1] != '\t' && text[st-1] != '(' && text[st-1] != '"' {
		return nil, 0
	}
	w := text[st:e]
	if h := bytes.IndexByte(w, '-'); h >= 0 {
		// co-borrower: compare without the hyphen.
		var b [16]byte
		n := 0
		for _, c := range w {
			if c != '-' {
				b[n] = c
				n++
			}
		}
		return b[:n:n], st
	}
	return w, st
}

// Quoted returns the end of a display name written surname first in
// quotes before its address, `"Volkov, Dmitri" <dvolkov@…>` (Outlook's
// form), whose first word starts at text[i]: two to four words written
// as names or in capitals, one comma after the first, the closing quote
// and the address, which Display must match. It returns 0 if there is
// none.
func Quoted(text []byte, i int) int {
	if i == 0 || text[i-1] != '"' {
		return 0
	}
	q := bytes.IndexByte(text[i:min(len(text), i+64)], '"')
	if q < 3 {
		return 0
	}
	end := i + q
	comma := bytes.IndexByte(text[i:end], ',')
	if comma < 2 || end-i-comma < 3 || text[i+comma+1] != ' ' || bytes.IndexByte(text[i+comma+1:end], ',') >= 0 {
		return 0
	}
	words := 0
	for k := i; k < end; {
		j := WordEnd(text, k)
		if j == k {
			if c := text[k]; c != ' ' && c != ',' && c != '.' {
				return 0
			}
			k++
			continue
		}
		if w := text[k:j]; len(w) > 1 && !NameCase(w) && !capitals(w) || ordinary(w, RolesOf(w)) {
			return 0
		}
		words++
		k = j
	}
	if words < 2 || words > 4 || !Display(text, i, end) {
		return 0
	}
	return end
}

// Unknown reports whether text[i:end] can be a name that the gazetteer
// may lack: every word longer than an initial is written as a name
// usually is (NameCase) and is no common English word that is not also
// a name. So "Ngozi Okonkwo" after a cue, not a program's "CU LUT" or
// "GOARCH CacheLinePadSize", nor "Collections Reports", a mailbox's.
// With caps, a name in capitals throughout ("NGOZI OKONKWO", a mail
// merge's) is written as a name too. listed says a word of it is a name
// of the gazetteer after all.
func Unknown(text []byte, i, end int, caps bool) (ok, listed bool) {
	caps = caps && capitals(text[i:end])
	for k := i; k < end; {
		j := WordEnd(text, k)
		if j == k {
			k++
			continue
		}
		if w := text[k:j]; j-k > 1 {
			r := RolesOf(w)
			if !caps && !NameCase(w) || ordinary(w, r) {
				return false, false
			}
			listed = listed || r&(Given|Rare|Surname) != 0 && r&Common == 0
		}
		k = j
	}
	return true, listed
}

// capitals reports whether b has letters and none of them small.
func capitals(b []byte) bool {
	n := 0
	for _, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			n++
		}
	}
	return n > 0
}

// commonWords is the gazetteer's common English words as a set, built
// the first time a rule asks (few texts need it).
var commonWords = sync.OnceValue(func() *wordset.Set {
	return wordset.Of(gazetteer.CommonWords(), 1)
})

// ordinary reports whether w, with roles r, is a common English word and
// no name of the gazetteer: "Value", "Island"; not "Rose" or "Baker".
func ordinary(w []byte, r Role) bool {
	if r&(Given|Rare|Surname) != 0 {
		return false
	}
	var buf [32]byte
	l, ok := lower(w, &buf)
	if !ok {
		return false
	}
	_, ok = commonWords().Lookup(l)
	return ok
}

// Ordinary reports whether w is a common English word and no name of the
// gazetteer: "Laptop" in a column of surnames is not one.
func Ordinary(w []byte) bool { return ordinary(w, RolesOf(w)) }

func letter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// valediction reports whether the last line of text is the closing of a
// letter or an e-mail before its signature: "Regards,", "Thank you,".
func valediction(text []byte) bool {
	s := len(text)
	for s > 0 && text[s-1] != '\n' && len(text)-s <= 24 {
		s--
	}
	if s > 0 && text[s-1] != '\n' {
		return false
	}
	l := bytes.TrimSpace(text[s:])
	if len(l) < 5 || l[len(l)-1] != ',' {
		return false
	}
	var b [24]byte
	n := 0
	for _, c := range l[:len(l)-1] {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	switch string(b[:n]) {
	case "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "sincerely",
		"sincerely yours", "yours sincerely", "yours truly", "very truly yours", "yours faithfully", "respectfully",
		"respectfully yours", "thanks", "thank you", "many thanks", "thanks again", "best", "all the best", "cheers",
		"cordially", "warmly":
		return true
	}
	return false
}

// Display reports whether the name text[i:end] is the display name of the
// e-mail address that follows it, "Ngozi Okonkwo <ngozi.okonkwo@…>": a
// word of three or more letters of the name, or its initial and last
// word (nokonkwo), is in the address's local part. A department's name
// rarely passes ("Loan Servicing <servicing@…>" has one; its words are
// stop words, which Labelled refuses).
func Display(text []byte, i, end int) bool {
	a := end // the address's '<' is at a+1
	if a < len(text) && text[a] == '"' {
		a++ // "Volkov, Dmitri" <dvolkov@…>
	}
	if a+2 >= len(text) || text[a] != ' ' || text[a+1] != '<' {
		return false
	}
	at := bytes.IndexByte(text[a+2:min(len(text), a+2+65)], '@')
	if at <= 0 {
		return false
	}
	var lb [64]byte
	local := lb[:0]
	for _, c := range text[a+2 : a+2+at] {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' {
			local = append(local, c)
		}
	}
	var words [][]byte
	for k := i; k < end; {
		j := WordEnd(text, k)
		if j == k {
			k++
			continue
		}
		words = append(words, text[k:j])
		k = j
	}
	if len(words) < 2 {
		return false
	}
	var buf [32]byte
	for _, w := range words {
		lw, ok := lower(w, &buf)
		if ok && len(lw) >= 3 && bytes.Contains(local, lw) {
			return true
		}
	}
	last, ok := lower(words[len(words)-1], &buf)
	if !ok {
		return false
	}
	var ib [33]byte
	ib[0] = words[0][0] | 0x20
	n := copy(ib[1:], last)
	return n >= 3 && bytes.Contains(local, ib[:n+1])
}

// firms are organisations whose names read as a person's, lower case:
// the agencies and firms that a lender's, a servicer's or an insurer's
// notes name every day ("loan owned by Fannie Mae", "statements from
// Edward Jones"), and a few household names.
var firms = []string{
	"fannie mae", "freddie mac", "ginnie mae", "sallie mae", "farmer mac", "morgan stanley", "edward jones",
	"charles schwab", "raymond james", "wells fargo", "jones lang lasalle", "liberty mutual", "merrill lynch",
	"smith barney", "dean witter", "goldman sachs", "lehman brothers", "bear stearns", "john hancock",
	"franklin templeton", "robert half", "kelly services", "dow jones", "jack henry", "taylor bean",
	"stifel nicolaus", "janney montgomery", "piper sandler", "lincoln financial", "lincoln national",
	"john deere", "walt disney", "calvin klein", "ralph lauren", "estee lauder", "ann taylor", "jenny craig",
	"ruby tuesday", "arthur andersen", "ernst young", "grant thornton", "marsh mclennan", "hewlett packard",
}

// firmSet holds firms; firmFirst their first words; firmLen and
// firmSpan, by a first word's first letter, a bit for each length of
// such a word and of a firm's whole name, so that most words and names
// are ruled out before a lookup.
var firmSet, firmFirst, firmLen, firmSpan = func() (set, first map[string]bool, lens [26]uint16, spans [26]uint64) {
	set, first = map[string]bool{}, map[string]bool{}
	for _, f := range firms {
		set[f] = true
		w := f[:strings.IndexByte(f, ' ')]
		first[w] = true
		lens[w[0]-'a'] |= 1 << len(w)
		// The whole name, and its first words (a name found may stop
		// before LaSalle).
		for k := len(w); k <= len(f); k++ {
			if k == len(f) || f[k] == ' ' {
				spans[w[0]-'a'] |= 1 << k
			}
		}
	}
	return set, first, lens, spans
}()

// MaybeFirm reports whether a name found at text[i:end] may be a firm's
// whole name (FirmAt), by its first letter and its length alone.
func MaybeFirm(text []byte, i, end int) bool {
	c := text[i] | 0x20
	return c >= 'a' && c <= 'z' && end-i < 64 && firmSpan[c-'a']&(1<<(end-i)) != 0
}

// FirmAt returns the end of the name of a firm that reads as a person's
// (Fannie Mae, Edward Jones, Jones Lang LaSalle, Ernst & Young) written
// at text[i], in any case, or 0: a name found there is not a person's.
func FirmAt(text []byte, i int) int {
	// Most words begin no firm's name: their first word decides.
	j := i
	for j < len(text) && letter(text[j]) && j-i < 12 {
		j++
	}
	if c := text[i] | 0x20; c < 'a' || c > 'z' || firmLen[c-'a']&(1<<(j-i)) == 0 {
		return 0
	}
	var fb [12]byte
	if l, ok := foldShort(text[i:j], &fb, 12); !ok || !firmFirst[string(l)] {
		return 0
	}
	var b [32]byte
	var ends [3]int // where the first, second and third word end
	n, words := 0, 0
	for k := i; k < len(text) && words < len(ends); {
		j := k
		for j < len(text) && letter(text[j]) && n < len(b) {
			c := text[j]
			if c <= 'Z' {
				c += 'a' - 'A'
			}
			b[n] = c
			n++
			j++
		}
		if j == k || j < len(text) && (letter(text[j]) || text[j] == '-') {
			break // not a word of letters, too long, or one of a double name (Stanley-Wright)
		}
		ends[words] = j
		words++
		// Between words: a blank, ". " after an initial, " & ".
		switch {
		case j+1 < len(text) && text[j] == ' ' && letter(text[j+1]):
			k = j + 1
		case j+2 < len(text) && (text[j] == '.' || text[j] == '\'') && text[j+1] == ' ' && letter(text[j+2]):
			k = j + 2
		case j+3 < len(text) && text[j] == ' ' && text[j+1] == '&' && text[j+2] == ' ':
			k = j + 3
		default:
			k = len(text)
		}
		if n == len(b) {
			break
		}
		b[n] = ' '
		n++
	}
	for w := words; w >= 2; w-- {
		// The first w words as collected, one blank apart.
		m, sp := 0, 0
		for _, c := range b[:n] {
			if c == ' ' {
				sp++
				if sp == w {
					break
				}
			}
			m++
		}
		if firmSet[string(b[:m])] {
			return ends[w-1]
		}
	}
	return 0
}

// EntityAfter reports whether a business entity's designation follows
// the name that ends at text[end], "John Smith LLC", "Maria Garcia,
// Inc.": a firm named after its owner, not a person.
func EntityAfter(text []byte, end int) bool {
	k := end
	if k < len(text) && text[k] == ',' {
		k++
	}
	if k+2 >= len(text) || text[k] != ' ' || text[k+1] < 'A' || text[k+1] > 'Z' {
		return false // LLC, Inc: written with a capital
	}
	k++
	j := k
	for j < len(text) && j-k < 12 && (letter(text[j]) || text[j] == '.' && j > k) {
		j++
	}
	if j < len(text) && (letter(text[j]) || text[j] >= '0' && text[j] <= '9' || text[j] == '-') {
		return false
	}
	var b [12]byte
	n := 0
	for _, c := range text[k:j] {
		if c == '.' {
			continue
		}
		if c <= 'Z' {
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	switch string(b[:n]) {
	case "llc", "inc", "corp", "corporation", "co", "company", "ltd", "limited", "llp", "pllc", "pc", "lp", "plc",
		"gmbh", "associates", "holdings", "partners", "enterprises":
		return true
	}
	return false
}
