// Package creds recognises credentials: a password or the answer to a
// security question written next to the user name or e-mail address it
// unlocks ("user: jdoe password: hunter2", a password column beside a
// username column). The password value is what is reported.
package creds

import "strings"

// Keywords introduce a secret in free text.
var Keywords = []string{"password", "passwd", "pwd", "passcode", "passphrase", "pw"}

// UserKeywords introduce the account a secret belongs to.
var UserKeywords = []string{"user", "username", "login", "userid", "uid", "account"}

// Value returns the length of the secret that follows a keyword, after
// ": ", "=", " is " or a space: a run of non-space characters of 4 to 128
// bytes. It returns 0 when there is none.
func Value(text []byte, i int) (start, end int) {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == ':' || text[j] == '=' || text[j] == '"' || text[j] == '\'') && j-i < 4 {
		j++
	}
	if j+3 <= len(text) && strings.EqualFold(string(text[j:j+3]), "is ") {
		j += 3
	}
	k := j
	for k < len(text) && text[k] > ' ' && text[k] != '"' && text[k] != '\'' && text[k] != ',' && text[k] != ';' && k-j < 128 {
		k++
	}
	if k-j < 4 {
		return 0, 0
	}
	return j, k
}

// Valid reports whether a structured password value is worth reporting:
// not empty and not a placeholder.
func Valid(s string) bool {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "null", "none", "n/a", "*****", "********", "redacted", "[redacted]", "changeme":
		return false
	}
	return len(s) >= 4 && len(s) <= 256
}
