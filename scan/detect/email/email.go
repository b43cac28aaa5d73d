// Package email recognises e-mail addresses of people. Role accounts
// (noreply@, support@, billing@, ...) belong to no person and are not
// reported; Message-ID values look like addresses but are not.
package email

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Keywords are the words that, near an address, say it is an e-mail.
var Keywords = []string{"email", "mail", "e-mail"}

// role lists local parts that name a function, not a person.
var role = map[string]bool{
	"noreply": true, "no-reply": true, "donotreply": true, "do-not-reply": true, "support": true,
	"info": true, "admin": true, "administrator": true, "postmaster": true, "abuse": true,
	"webmaster": true, "sales": true, "billing": true, "help": true, "helpdesk": true, "contact": true,
	"hr": true, "service": true, "servicing": true, "customerservice": true, "notifications": true,
	"notification": true, "alerts": true, "mailer-daemon": true, "privacy": true, "security": true,
	"team": true, "office": true, "accounts": true, "payments": true, "collections": true,
	"escrow": true, "loans": true, "compliance": true, "legal": true, "it": true, "root": true,
	"hostmaster": true, "newsletter": true, "marketing": true, "press": true, "jobs": true,
	"careers": true, "feedback": true, "bounce": true, "bounces": true, "reply": true, "operations": true,
	"ops": true, "customer.service": true, "customercare": true, "care": true, "hello": true,
	"payroll": true, "benefits": true, "accounting": true, "finance": true, "treasury": true, "recruiting": true,
	"reception": true, "frontdesk": true, "dispatch": true, "orders": true, "invoices": true, "ap": true, "ar": true,
}

// roleWord are words that role mailboxes are made of ("collections-reports",
// "loss.mitigation", "lossmit").
var roleWord = map[string]bool{
	"statements": true, "statement": true, "reports": true, "report": true, "collections": true, "collection": true,
	"lossmit": true, "loss": true, "mitigation": true, "servicing": true, "mortgage": true, "loans": true, "loan": true,
	"payments": true, "payment": true, "escrow": true, "notices": true, "notice": true, "alerts": true, "alert": true,
	"updates": true, "news": true, "team": true, "dept": true, "operations": true, "ops": true, "customer": true,
	"service": true, "services": true, "support": true, "no": true, "reply": true, "noreply": true, "do": true, "not": true,
	"billing": true, "accounts": true, "account": true, "admin": true, "info": true, "help": true, "desk": true,
	"helpdesk": true, "hr": true, "it": true, "security": true, "privacy": true, "legal": true, "compliance": true,
	"mailer": true, "daemon": true, "postmaster": true, "notifications": true, "notification": true, "system": true,
	"auto": true, "automated": true, "payroll": true, "benefits": true, "accounting": true, "finance": true, "bounce": true, "bounces": true, "sales": true, "marketing": true, "contact": true,
}

// IsRole reports whether the local part names a role account: a known
// role name, or made only of role words joined by - . _ +.
func IsRole(local string) bool {
	var buf [64]byte
	if len(local) > len(buf) {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c >= 'A' && c <= 'Z' {
			c += 32
		} else if c >= '0' && c <= '9' {
			return false // no role name or word has a digit
		}
		buf[i] = c
	}
	l := buf[:len(local)]
	if role[string(l)] {
		return true
	}
	start := 0
	for i := 0; i <= len(l); i++ {
		if i < len(l) && l[i] != '-' && l[i] != '.' && l[i] != '_' && l[i] != '+' {
			continue
		}
		if i > start {
			p := l[start:i]
			if !roleWord[string(p)] && !role[string(p)] {
				return false
			}
		}
		start = i + 1
	}
	return true
}

// chars classifies bytes: bit 0 set for a byte of a local part, bit 1
// for a byte of a domain. A table lookup per byte, as addresses are
// scanned in every e-mail cell and around every '@' of free text.
var chars = func() (t [256]uint8) {
	for c := range 256 {
		b := byte(c)
		alnum := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
		if alnum || b == '.' || b == '_' || b == '%' || b == '+' || b == '-' || b == '\'' {
			t[c] |= 1
		}
		if alnum || b == '.' || b == '-' {
			t[c] |= 2
		}
	}
	return
}()

func localChar(c byte) bool  { return chars[c]&1 != 0 }
func domainChar(c byte) bool { return chars[c]&2 != 0 }

// Span finds the address around the '@' at text[at] and returns its byte
// range, or ok false when there is no valid address there.
func Span(text []byte, at int) (start, end int, ok bool) {
	s := at
	for s > 0 && localChar(text[s-1]) && at-s < 64 {
		s--
	}
	// josé.garcía@…, MÜLLER@…: an internationalised address (RFC 6531).
	for s > 0 && text[s-1] >= utf8.RuneSelf && at-s < 64 {
		k := letterBefore(text, s)
		if k == 0 {
			break
		}
		s -= k
		for s > 0 && localChar(text[s-1]) && at-s < 64 {
			s--
		}
	}
	for s < at && (text[s] == '.' || text[s] == '\'' || text[s] == '-') {
		s++
	}
	if s == at || at-s > 64 || s > 0 && text[s-1] == '@' {
		// Also "user@domain@domain.com": no address has two @ signs
		// (nor does a fediverse handle, @jdoe@mastodon.social).
		return 0, 0, false
	}
	e := at + 1
	for e < len(text) && domainChar(text[e]) && e-at < 255 {
		e++
	}
	// An internationalised domain's label: @müller.de.
	for e < len(text) && text[e] >= utf8.RuneSelf && e-at < 255 {
		k := letterAt(text, e)
		if k == 0 {
			break
		}
		e += k
		for e < len(text) && domainChar(text[e]) && e-at < 255 {
			e++
		}
	}
	for e > at+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	dom := text[at+1 : e]
	dot := -1
	for i, c := range dom {
		if c == '.' {
			if i == 0 || dom[i-1] == '.' {
				return 0, 0, false
			}
			dot = i
		}
	}
	if dot < 1 {
		return 0, 0, false
	}
	tld := dom[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return 0, 0, false
	}
	for _, c := range tld {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return 0, 0, false
		}
	}
	if text[s] == '.' || text[at-1] == '.' {
		return 0, 0, false
	}
	return s, e, true
}

// letterBefore returns the length of the UTF-8 encoded letter or mark
// (Devanagari's vowel signs are no letters) that ends at text[s-1], a
// byte past ASCII, or 0 when none does (a symbol, a broken byte).
func letterBefore(text []byte, s int) int {
	r, n := utf8.DecodeLastRune(text[:s])
	if r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return 0
	}
	return n
}

// letterAt returns the length of the UTF-8 encoded letter or mark at
// text[e], a byte past ASCII, or 0.
func letterAt(text []byte, e int) int {
	r, n := utf8.DecodeRune(text[e:])
	if r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return 0
	}
	return n
}

// Valid reports whether s as a whole is a personal e-mail address.
func Valid(s string) bool {
	return ValidBytes([]byte(s))
}

// ValidBytes is Valid for a value given as bytes, as the detectors hold
// structured values; b is not kept.
func ValidBytes(b []byte) bool {
	b = bytes.TrimSpace(b)
	at := bytes.LastIndexByte(b, '@')
	if at <= 0 {
		return false
	}
	st, en, ok := Span(b, at)
	return ok && st == 0 && en == len(b) && !isRoleBytes(b[:at])
}

// Score judges the address text[start:end] by its surroundings: an
// address in angle brackets after a Message-ID or References header, or
// a local part that looks like a generated identifier, is not a person's.
func Score(text []byte, start, end, at int) (float64, bool) {
	if isRoleBytes(text[start:at]) {
		return 0, false
	}
	if start > 0 && text[start-1] == '<' {
		line := start - 1
		for line > 0 && text[line-1] != '\n' && start-line < 200 {
			line--
		}
		h := strings.ToLower(string(text[line:start]))
		if strings.Contains(h, "message-id") || strings.Contains(h, "references") || strings.Contains(h, "in-reply-to") || strings.Contains(h, "content-id") {
			return 0, false
		}
	}
	return 0.95, true
}

func isRoleBytes(b []byte) bool { return IsRole(string(b)) }

// spelledTLDs are the top-level domains an address spelt out in words
// ("jdoe at gmail dot com") is taken to end in: the common ones, so that
// "meet me at noon dot whatever" is not an address.
var spelledTLDs = map[string]bool{"com": true, "net": true, "org": true, "edu": true, "gov": true, "mil": true, "us": true, "io": true,
	"co": true, "uk": true, "ca": true, "de": true, "fr": true, "info": true, "biz": true, "me": true, "ai": true, "app": true, "dev": true, "email": true}

// Spelled finds an e-mail address written out in words to get past
// filters, as people do in chats and support tickets: "jdoe61 at gmail
// dot com", "j.doe [at] example [dot] org", "jdoe (at) mail.example.com".
// text[i:j] is the word "at". It returns the span of the whole address.
func Spelled(text []byte, i, j int) (start, end int, ok bool) {
	// "at" between blanks, or "[at]", "(at)" with or without them
	// ("jdoe(at)example.com").
	p, q := i, j
	bracketed := p > 0 && (text[p-1] == '[' || text[p-1] == '(') && q < len(text) && (text[q] == ']' || text[q] == ')')
	if bracketed {
		p, q = p-1, q+1
	}
	le, k := p-1, q+1 // where the local part ends and the domain starts
	switch {
	case p < 2 || q+1 >= len(text):
		return 0, 0, false
	case bracketed && text[p-1] != ' ':
		le = p
		if text[q] != ' ' {
			k = q
		}
	case bracketed && text[q] != ' ':
		k = q
	case text[p-1] != ' ' || text[q] != ' ':
		return 0, 0, false
	}
	// Labels apart by "dot" (bracketed or not) or '.', the last a
	// common top-level domain.
	labels, dots := 0, 0
	last := []byte(nil)
	for labels < 6 {
		e := k
		for e < len(text) && (domainChar(text[e]) && text[e] != '.') {
			e++
		}
		if e == k {
			return 0, 0, false
		}
		last = text[k:e]
		labels++
		end = e
		switch {
		case e+1 < len(text) && text[e] == '.' && domainChar(text[e+1]):
			k, dots = e+1, dots+1
			continue
		case hasWordAt(text, e, " dot "):
			k, dots = e+5, dots+1
			continue
		case hasWordAt(text, e, " [dot] ") || hasWordAt(text, e, " (dot) "):
			k, dots = e+7, dots+1
			continue
		case hasWordAt(text, e, "[dot]") || hasWordAt(text, e, "(dot)"):
			k, dots = e+5, dots+1
			continue
		}
		break
	}
	var low [8]byte
	if dots == 0 || len(last) < 2 || len(last) > len(low) {
		return 0, 0, false
	}
	for n, c := range last {
		low[n] = c | 0x20
	}
	if !spelledTLDs[string(low[:len(last)])] || end < len(text) && domainChar(text[end]) {
		return 0, 0, false
	}
	// The local part, right before, its dots perhaps spelled too
	// ("dana(dot)whitfield(at)…", "john dot smith at …").
	s := le
	for {
		w := s
		for s > 0 && localChar(text[s-1]) && le-s < 64 {
			s--
		}
		if s == w {
			break
		}
		n := 0
		for _, d := range [...]string{" [dot] ", " (dot) ", "[dot]", "(dot)", " dot "} {
			if s >= len(d)+1 && hasWordAt(text, s-len(d), d) && localChar(text[s-len(d)-1]) && text[s-len(d)-1] != '.' {
				n = len(d)
				break
			}
		}
		if n == 0 || le-s+n >= 64 {
			break
		}
		s -= n
	}
	if le-s < 2 || text[s] == '.' {
		return 0, 0, false
	}
	return s, end, true
}

// hasWordAt reports whether text holds w (lower case) at i, in any case.
func hasWordAt(text []byte, i int, w string) bool {
	if i+len(w) > len(text) {
		return false
	}
	for n := 0; n < len(w); n++ {
		if text[i+n]|0x20 != w[n]|0x20 {
			return false
		}
	}
	return true
}
