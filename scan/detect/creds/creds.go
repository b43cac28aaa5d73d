// Package creds recognises credentials: a password or the answer to a
// security question written next to the user name or e-mail address it
// unlocks ("user: jdoe password: hunter2", a password column beside a
// username column). The password value is what is reported.
package creds

import (
	"bytes"
	"strings"
)

// Keywords introduce a secret in free text, as a label (Labelled); "p"
// only after "u: name" (Paired).
var Keywords = []string{"password", "passwd", "pwd", "passcode", "passphrase", "pw", "pass", "p"}

// Labelled reports whether a keyword text[st:en] introduces a secret
// there: a colon, an equals sign or a quote after it, or " is "
// ("password: hunter2", "pwd=x", a JSON key "password", "my password is
// x"). Without one the word is prose or code ("Password reset link sent",
// "PWD environment variable"). "pass", an ordinary word too, counts in
// lower case or capitalised only, and only with ':' or '=' ("Pass:
// Summer2024!"; not Go's test verdict "--- PASS: TestX"); the detector
// also wants a user name beside it.
func Labelled(text []byte, st, en int) bool {
	if st > 0 && (text[st-1] == '/' || text[st-1] == '-' || text[st-1] == '.' || text[st-1] == '>') {
		// "/etc/passwd: Permission denied", "update-passwd is",
		// "pinentry->repeat_passphrase": a file's or a program's name.
		return false
	}
	if en-st == 1 {
		return Paired(text, st, en) // "u: snoop\np: biggreenhat"
	}
	if en-st == 4 && strings.EqualFold(string(text[st:en]), "pass") {
		return text[st+1] != 'A' && en < len(text) && (text[en] == ':' || text[en] == '=')
	}
	j := en
	for j < len(text) && j-en < 2 && text[j] == ' ' {
		j++
	}
	if j+1 < len(text) && text[j] == ':' && text[j+1] == '=' {
		return false // pw := io.Pipe(): a program's variable
	}
	if j < len(text) && (text[j] == ':' || text[j] == '=') {
		return true
	}
	if j < len(text) && (text[j] == '"' || text[j] == '\'') {
		// A quoted key ("password": "x", 'passwd' => 'x'); not a word
		// quoted in prose (the `passwd' service).
		k := j + 1
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) && (text[k] == ':' || text[k] == '=') {
			return true
		}
		return j > en && quoted(text, j)
	}
	return j > en && said(text, j) > 0 || j > en && Paired(text, st, en)
}

// quoted reports a secret quoted after its keyword and a blank, as a
// message or a log quotes it: `logged in with password "Tr0ub4dor&3"`.
// The closing quote ends it on its line, with no blank inside, and it has
// a digit or a symbol: a word quoted in prose (password "Forgot" link)
// is none.
func quoted(text []byte, j int) bool {
	q := text[j]
	k := j + 1
	sym := false
	for k < len(text) && text[k] != q && k-j <= 128 {
		c := text[k]
		if c <= ' ' {
			return false
		}
		sym = sym || !(c|0x20 >= 'a' && c|0x20 <= 'z')
		k++
	}
	return k < len(text) && text[k] == q && k-j > 4 && sym
}

// said returns the length of the words at text[j] that say what a
// password is in a sentence ("is ", "is: ", "was ", "set to ", "reset to ",
// "changed to "), 0 if none: "your new password is: Hx7#pQ2m", "temp
// password set to Spring2024!".
func said(text []byte, j int) int {
	for _, w := range [...]string{"is: ", "is ", "was ", "set to ", "reset to ", "changed to ", "updated to "} {
		if j+len(w) <= len(text) && strings.EqualFold(string(text[j:j+len(w)]), w) {
			return len(w)
		}
	}
	return 0
}

// Paired reports whether the password's keyword text[st:en] follows a
// user name and its label, on its line or the line before: "username
// root password crickets", "login snoop pw biggreenhat", "u: snoop\np:
// x" ("p" only after "u"). After such a pair the keyword needs no colon.
// A user name that is a word of prose ("username or password below") is
// none.
func Paired(text []byte, st, en int) bool {
	short := en-st == 1 // "p"
	i := st
	breaks := 0
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n' || text[i-1] == '\r' || text[i-1] == ',' || text[i-1] == ';' || text[i-1] == '|' || text[i-1] == '/') {
		if text[i-1] == '\n' {
			breaks++
		}
		i--
	}
	if breaks > 1 || i == st {
		return false
	}
	e := i
	for i > 0 && e-i < 64 && text[i-1] > ' ' && text[i-1] != ':' && text[i-1] != '=' && text[i-1] != '"' && text[i-1] != '\'' {
		i--
	}
	if i == e || prose(text[i:e]) {
		return false
	}
	j := i
	for j > 0 && i-j < 3 && (text[j-1] == ' ' || text[j-1] == ':' || text[j-1] == '=') {
		j--
	}
	if j == i || text[j] != ':' && text[j] != '=' && !(text[j] == ' ' && text[i-1] == ' ') {
		return false
	}
	k := j
	for k > 0 && j-k < 10 && (text[k-1]|0x20 >= 'a' && text[k-1]|0x20 <= 'z') {
		k--
	}
	if k == j || k > 0 && (text[k-1]|0x20 >= 'a' && text[k-1]|0x20 <= 'z' || text[k-1] >= '0' && text[k-1] <= '9' || text[k-1] == '_' || text[k-1] == '-' || text[k-1] == '/' || text[k-1] == '.') {
		// Not the label, but a word inside a name or a path
		// ("ssh/login style password requests").
		return false
	}
	label := strings.ToLower(string(text[k:j]))
	if short {
		return label == "u" && text[j] == ':' && en < len(text) && text[en] == ':'
	}
	switch {
	case label == "user", label == "username", label == "login", label == "userid":
	case label == "name" && k >= 5 && strings.EqualFold(string(text[k-5:k]), "user "):
	default:
		return false
	}
	// The secret after the keyword is no word of a sentence either
	// ("login failed password expired").
	a := en
	for a < len(text) && (text[a] == ' ' || text[a] == ':' || text[a] == '=') {
		a++
	}
	b := a
	for b < len(text) && text[b] > ' ' {
		b++
	}
	return b > a && !prose(text[a:b])
}

// prose reports a word that joins or ends a sentence, which no user name
// is ("username or password", "user is password-protected").
func prose(w []byte) bool {
	switch strings.ToLower(strings.TrimRight(string(w), ".,;")) {
	case "and", "or", "and/or", "&", "/", "+", "-", "field", "fields", "is", "are", "was", "were", "be", "your", "my", "the", "a", "an", "of", "for", "to",
		"with", "without", "in", "on", "not", "no", "nor", "plus", "then", "reset", "must", "can", "will", "name", "names", "id", "ids", "etc",
		"required", "invalid", "incorrect", "wrong", "new", "old", "same", "as", "via", "by", "from", "into", "if", "but", "failed", "failure",
		"success", "successful", "attempt", "attempts", "locked", "expired", "expires", "changed", "change", "updated", "update", "policy",
		"protected", "manager", "hint", "recovery", "strength", "history", "length", "prompt", "login", "logout", "user", "username", "password",
		"anonymous", "guest", "style", "requests", "request":
		return true
	}
	return false
}

// UserKeywords introduce the account a secret belongs to.
var UserKeywords = []string{"user", "username", "login", "userid", "uid", "account"}

// Value returns the length of the secret that follows a keyword, after
// ": ", "=", " is " (or another of said's words) or a space: a run of non-space characters of 4 to 128
// bytes. It returns 0 when there is none.
func Value(text []byte, i int) (start, end int) {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == ':' || text[j] == '=' || text[j] == '"' || text[j] == '\'') && j-i < 4 {
		j++
	}
	n := said(text, j)
	j += n
	for n > 0 && j < len(text) && text[j] == ' ' {
		j++
	}
	k := j
	for k < len(text) && text[k] > ' ' && text[k] != '"' && text[k] != '\'' && text[k] != ',' && text[k] != ';' && k-j < 128 {
		k++
	}
	if n > 0 && k-j > 4 && text[k-1] == '.' {
		k-- // the sentence's full stop: "your password is Hx7#pQ2m."
	}
	if k-j < 4 || code(text[j:k]) || n > 0 && plain(text[j:k]) || placeholder(text[j:k]) || fieldList(text[j:k]) {
		return 0, 0
	}
	if k+1 < len(text) && text[k] == ' ' && text[k+1] == '=' {
		return 0, 0 // "userid = passwd = acct = ''": a chain of assignments
	}
	return j, k
}

// call reports a program's call or index: an identifier, dotted or not,
// then '(' or '[' ("config.get(server", "config['password']").
func call(v []byte) bool {
	k := 0
	for k < len(v) && (v[k] >= 'a' && v[k] <= 'z' || v[k] >= 'A' && v[k] <= 'Z' || v[k] == '_' || v[k] == '.' || k > 0 && v[k] >= '0' && v[k] <= '9') {
		k++
	}
	return k > 0 && k < len(v) && (v[k] == '(' || v[k] == '[')
}

// constant reports a program's constant: capitals, digits and at least
// one underscore (GNUTLS_E_DECRYPTION_FAILED), perhaps ending a sentence.
func constant(v []byte) bool {
	v = []byte(strings.TrimRight(string(v), ".,;"))
	under := false
	for _, c := range v {
		switch {
		case c == '_':
			under = true
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return under
}

// variable reports a shell's or a template's variable name after '$':
// letters and underscores in one case ($user, $DB_PASSWORD).
func variable(v []byte) bool {
	lower, upper := true, true
	for _, c := range v {
		lower = lower && (c >= 'a' && c <= 'z' || c == '_')
		upper = upper && (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
	}
	return lower || upper
}

// plain reports a word of lower-case letters, perhaps ending a sentence:
// after "password is" that is prose ("the passphrase is queried"), where
// a secret said in a message has a digit, a capital or a symbol.
func plain(v []byte) bool {
	for i, c := range v {
		if !(c >= 'a' && c <= 'z' || i == len(v)-1 && (c == '.' || c == '!' || c == '?')) {
			return false
		}
	}
	return true
}

// code reports whether a value after a password's label is a program's
// expression, not a secret: a call ("[]byte(", "io.Pipe()"), the end of a
// parameter list ("password: str)"), a call or an index
// ("config.get(server", "config['password']"), a type or a null, a field of an
// object ("self.key_password"), the name again ("password=password"), or
// a variable in a string built by a program ("+cmd.Dir)", "${DB_PASS}").
func code(v []byte) bool {
	last := v[len(v)-1]
	if strings.HasPrefix(string(v), "[]") || last == '(' || last == ')' || v[0] == '+' || v[0] == '$' && len(v) > 1 && (v[1] == '{' || v[1] == '(' || variable(v[1:])) ||
		strings.HasPrefix(string(v), "self.") || strings.HasPrefix(string(v), "this.") || v[0] == '[' || v[0] == '<' || strings.IndexByte(string(v), '\\') >= 0 || constant(v) || call(v) {
		// Also a placeholder ("[can", "<string>") or a manual page's
		// markup ("valid\&.").
		return true
	}
	if bytes.ContainsAny(v, "{}`") || identifier(v) || path(v) {
		// A template's field ("{password!r}", "${cwd}"), a manual's
		// markup (":py:data:`bytes`"), a program's name for the secret,
		// a path (PWD=/home/nodeuser/project).
		return true
	}
	switch strings.ToLower(strings.Trim(string(v), ",;:()")) {
	case "str", "string", "bytes", "bool", "int", "any", "unicode", "object", "none", "null", "nil", "undefined", "true", "false", "optional[str]",
		"password", "passwd", "passphrase", "pass", "pwd", "pw", "secret", "user", "username", "login", "auth", "credentials", "required", "expected", "results",
		"value", "name", "prompt", "will", "must", "should", "the", "from", "with", "that", "this", "when", "field", "input", "text", "param":
		// A type, a null, the name again, or the prose or code around a
		// label ("password: will be asked", "password=value",
		// "passwd=None):").
		return true
	}
	return false
}

// path reports a file's path: "/home/nodeuser/project", "~/work",
// "/tmp"; not a secret that starts with a slash ("/Tmp12!x").
func path(v []byte) bool {
	if len(v) > 1 && v[0] == '~' && v[1] == '/' {
		return true
	}
	if v[0] != '/' {
		return false
	}
	if bytes.IndexByte(v[1:], '/') >= 0 {
		return true
	}
	for _, c := range v[1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// identifier reports a program's name: snake_case in lower case letters
// (key_password, url_user_password), a dotted attribute
// (encryption_algorithm.password, _ffi.NULL), or camelCase that names a
// password (challengePassword); a secret has digits, or mixes case
// without a word of its own name.
func identifier(v []byte) bool {
	v = bytes.TrimRight(v, ",;:)")
	under, dot, upper, lower := false, false, false, false
	for i, c := range v {
		switch {
		case c == '_':
			under = true
		case c == '.':
			if i == 0 || i == len(v)-1 || v[i-1] == '.' {
				return false
			}
			dot = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		default:
			return false
		}
	}
	switch {
	case dot:
		return lower || upper
	case under:
		return lower && !upper
	}
	l := strings.ToLower(string(v))
	return upper && lower && v[0] >= 'a' && v[0] <= 'z' && (strings.Contains(l, "password") || strings.Contains(l, "passwd"))
}

// Combo returns the password of a combo-list line, the form in which
// stolen logins are dumped and traded: an e-mail address text[at:i]
// followed by ':', ';' or '|' and the password, which runs to the end of
// the line ("jdoe@example.com:hunter22"). The address starts the line,
// or follows a prefix without blanks and the same separator, as lists
// of logins by site put the URL first ("https://site/login:jdoe@…:…").
// isEmail tells whether a value is itself an address ("a@x.com;b@y.com"
// lists addresses, not a password). It returns 0, 0 for anything else: a
// value of fewer than 4 or more than 128 bytes, a port (up to five
// digits), a repository path (git@host:org/repo.git).
func Combo(text []byte, at, i int, isEmail func([]byte) bool) (start, end int) {
	if i+1 >= len(text) {
		return 0, 0
	}
	sep := text[i]
	if sep != ':' && sep != ';' && sep != '|' {
		return 0, 0
	}
	// The line up to the address: nothing, or a run without blanks that
	// ends in the separator.
	ls := at
	for ls > 0 && text[ls-1] != '\n' && text[ls-1] != '\r' {
		ls--
		if c := text[ls]; c == ' ' || c == '\t' {
			return 0, 0
		}
	}
	if ls < at && text[at-1] != sep {
		return 0, 0
	}
	j := i + 1
	k := j
	digits := true
	for k < len(text) && text[k] != '\n' && text[k] != '\r' {
		c := text[k]
		if c == ' ' || c == '\t' || c == '/' {
			// A blank ends the line's value only as trailing space.
			if c == '/' || strings.TrimRight(string(text[k:lineEnd(text, k)]), " \t") != "" {
				return 0, 0
			}
			break
		}
		if c < '0' || c > '9' {
			digits = false
		}
		k++
	}
	if n := k - j; n < 4 || n > 128 || digits && n <= 5 || isEmail(text[j:k]) {
		return 0, 0
	}
	return j, k
}

// lineEnd returns the index of the end of the line that holds text[k].
func lineEnd(text []byte, k int) int {
	for k < len(text) && text[k] != '\n' && text[k] != '\r' {
		k++
	}
	return k
}

// Hashed reports whether a password column's value is a hash of the
// password rather than the password: a modular crypt string ($2b$…,
// $argon2id$…, $pbkdf2…, $6$…) or 32, 40, 64 or 128 hex digits.
func Hashed(s string) bool {
	s = strings.TrimSpace(s)
	for _, p := range [...]string{"$2a$", "$2b$", "$2y$", "$argon2", "$pbkdf2", "$1$", "$5$", "$6$", "$7$", "$y$", "$gy$", "$scrypt$", "pbkdf2_sha256$", "pbkdf2_sha1$", "bcrypt$", "argon2$", "sha1$", "md5$",
		"$P$", "$H$", "$S$", // phpass (WordPress, phpBB) and Drupal 7
		"{SSHA}", "{SHA}", "{SSHA256}", "{SSHA512}", "{CRYPT}", "{MD5}", "{SMD5}", "{PBKDF2"} { // LDAP userPassword
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	switch len(s) {
	case 32, 40, 64, 128:
		for i := 0; i < len(s); i++ {
			c := s[i] | 0x20
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
		return true
	}
	return false
}

// Valid reports whether a structured password value is worth reporting:
// not empty, not a placeholder, and no run of blanks between columns'
// values ("0    0", fstab's dump and pass fields read as one).
func Valid(s string) bool {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "  ") || strings.Contains(s, "\t") {
		return false
	}
	switch strings.ToLower(s) {
	case "", "null", "none", "n/a", "*****", "********", "redacted", "[redacted]", "changeme":
		return false
	}
	return len(s) >= 4 && len(s) <= 256
}

// MaidenKeyword labels a mother's maiden name in text, with "mother"
// before it (Maiden).
const MaidenKeyword = "maiden"

// AnswerKeyword labels the answer to a security question (Answer).
const AnswerKeyword = "answer"

// Answer returns the answer to a security question that follows its
// label, the keyword text[st:en] ("answer") and ':' or '=' ("Security
// question: What was your first pet's name? Answer: Biscuit",
// "security_answer=blue ridge"), when the keyword is a security or
// secret answer's, or a question and the word security, secret or
// challenge come up to 200 bytes before it (not a FAQ's "Question: …
// Answer: …"): the rest of the
// line up to a ',', ';' or '|', two to 64 bytes. It returns 0, 0 when
// there is none.
func Answer(text []byte, st, en int) (start, end int) {
	j := en
	for j < len(text) && text[j] == ' ' && j-en < 2 {
		j++
	}
	if j < len(text) && (text[j] == '"' || text[j] == '\'') {
		j++ // "answer": "..."
	}
	for j < len(text) && text[j] == ' ' && j-en < 4 {
		j++
	}
	if j >= len(text) || text[j] != ':' && text[j] != '=' || j+1 < len(text) && text[j+1] == '=' {
		return 0, 0
	}
	before := strings.ToLower(string(text[max(0, st-200):st]))
	named := strings.TrimRight(before, " _-")
	named = named[max(0, len(named)-9):]
	security := strings.Contains(before, "security") || strings.Contains(before, "secret") || strings.Contains(before, "challenge")
	if !strings.HasSuffix(named, "security") && !strings.HasSuffix(named, "secret") && !(security && strings.Contains(before, "question")) {
		return 0, 0
	}
	j++
	for j < len(text) && (text[j] == ' ' || text[j] == '"' || text[j] == '\'') {
		j++
	}
	k := j
	for k < len(text) && k-j <= 64 && text[k] != '\n' && text[k] != '\r' && text[k] != ',' && text[k] != ';' && text[k] != '|' && text[k] != '"' {
		k++
	}
	for k > j && (text[k-1] == ' ' || text[k-1] == '.' || text[k-1] == '\'') {
		k--
	}
	if k-j < 2 || k-j > 64 {
		return 0, 0
	}
	return j, k
}

// Maiden returns the mother's maiden name that follows its label, the
// keyword text[st:en] ("maiden") after "mother's", "mothers" or "mother"
// and before an optional "name" and ':' or '=' ("Mother's Maiden Name:
// Kowalczyk", "mothers_maiden_name=Kowalczyk"): one to three words of
// letters, the first a capital, to the end of the line or a ',', ';' or
// '|'. The answer to the classic security question, and an element of
// its own in some states' laws. It returns 0, 0 when there is none.
func Maiden(text []byte, st, en int) (start, end int) {
	p := st
	for p > 0 && (text[p-1] == ' ' || text[p-1] == '_' || text[p-1] == '-') {
		p--
	}
	q := p
	for p > 0 && (text[p-1]|0x20 >= 'a' && text[p-1]|0x20 <= 'z' || text[p-1] == '\'' || text[p-1] >= 0x80) {
		p--
	}
	switch w := strings.ToLower(strings.ReplaceAll(string(text[p:q]), "’", "'")); w {
	case "mother's", "mothers", "mother":
	default:
		return 0, 0
	}
	j := en
	for j < len(text) && (text[j] == ' ' || text[j] == '_' || text[j] == '-') && j-en < 2 {
		j++
	}
	if j+4 <= len(text) && strings.EqualFold(string(text[j:j+4]), "name") {
		j += 4
	}
	for j < len(text) && text[j] == ' ' && j-en < 8 {
		j++
	}
	if j >= len(text) || text[j] != ':' && text[j] != '=' {
		return 0, 0
	}
	j++
	for j < len(text) && (text[j] == ' ' || text[j] == '"' || text[j] == '\'') {
		j++
	}
	if j >= len(text) || !(text[j] >= 'A' && text[j] <= 'Z' || text[j] >= 0xC0) {
		return 0, 0
	}
	k, words := j, 1
	for k < len(text) {
		c := text[k]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z' || c >= 0x80 || c == '\'' || c == '-':
		case c == ' ' && k+1 < len(text) && (text[k+1] >= 'A' && text[k+1] <= 'Z' || text[k+1] >= 0xC0) && words < 3:
			words++
		default:
			if k-j < 2 || k-j > 40 || c != '\n' && c != '\r' && c != ',' && c != ';' && c != '|' && c != '"' && c != '\'' && c != ' ' && c != '.' {
				return 0, 0
			}
			return j, k
		}
		k++
	}
	if k-j < 2 || k-j > 40 {
		return 0, 0
	}
	return j, k
}

// URLUserinfo reports whether the '@' at text[at] ends the userinfo of a
// URL, "scheme://user:password@host" or "scheme://user@host", which is
// no e-mail address: ok. When a password is written there, it returns
// its span (start, end); a URL that carries its account's password is a
// credential (a database's connection string, a link pasted into a
// ticket).
func URLUserinfo(text []byte, at int) (start, end int, ok bool) {
	u := at
	for u > 0 && at-u < 128 {
		c := text[u-1]
		if c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '@' || c == '"' || c == '\'' || c == '<' {
			break
		}
		u--
	}
	// "//" after a scheme and its colon: "https://", "postgres://".
	if u < 3 || u == at || text[u-1] != '/' || text[u-2] != '/' || text[u-3] != ':' {
		return 0, 0, false
	}
	s := u - 3
	for s > 0 && (text[s-1] >= 'a' && text[s-1] <= 'z' || text[s-1] >= 'A' && text[s-1] <= 'Z' || text[s-1] >= '0' && text[s-1] <= '9' || text[s-1] == '+' || text[s-1] == '.' || text[s-1] == '-') {
		s--
	}
	if s == u-3 {
		return 0, 0, false
	}
	if k := bytes.IndexByte(text[u:at], ':'); k > 0 && at-(u+k+1) >= 4 {
		// Not a placeholder: "user:password@", "user:${DB_PASS}@",
		// "user:****@", "user:<pass>@".
		// A second colon is a host's port before a list of hosts
		// ("https://foo.com:123,foo:bar@"), no password.
		// "[[user][:pass]@]host": a syntax's optional parts, no URL.
		if v := text[u+k+1 : at]; bytes.IndexByte(v, ':') < 0 && bytes.IndexByte(v, ']') < 0 && !code(v) && !placeholder(v) && Valid(string(v)) {
			return u + k + 1, at, true
		}
	}
	return 0, 0, true
}

// fieldList reports a record's layout after a password's label, words
// joined by colons ("name:passwd:uid:gid:gecos:dir:shell"), no secret.
func fieldList(v []byte) bool {
	colons := 0
	for _, c := range v {
		switch {
		case c == ':':
			colons++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
		default:
			return false
		}
	}
	return colons >= 2
}

// placeholder reports a password that documentation and examples write
// in URLs: one character repeated (xxxxx, ****) or a word that stands
// for one (pass, secret, mypassword).
func placeholder(v []byte) bool {
	if len(bytes.Trim(v, string(v[:1]))) == 0 {
		return true
	}
	switch strings.ToLower(string(v)) {
	case "pass", "pwd", "pass1", "passwd", "password", "passwort", "contraseña", "motdepasse", "senha", "wachtwoord", "passw0rd", "secret", "changeme", "mypass", "mypassword", "mysecret",
		"yourpassword", "your_password", "your-password", "mysecretpassword", "test", "example", "pa55word", "p4ssw0rd",
		"hunter2", "redacted", "token", "pat", "apikey", "api_key":
		return true
	}
	return false
}
