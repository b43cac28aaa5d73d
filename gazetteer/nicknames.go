package gazetteer

import (
	"slices"
	"sync"
)

// nicknameTables holds the parsed nicknames.csv. Each line of the file is a
// group: a formal given name followed by its nicknames and short forms.
type nicknameTables struct {
	once    sync.Once
	groups  [][]string          // normalised; groups[i][0] is the formal name
	nicks   map[string][]string // formal -> its nicknames, file order
	formals map[string][]string // nickname -> formal names it is short for
	member  map[string][]int    // name -> indexes of the groups it is in
}

var nickData nicknameTables

func nicknames() *nicknameTables {
	d := &nickData
	d.once.Do(func() {
		d.nicks = map[string][]string{}
		d.formals = map[string][]string{}
		d.member = map[string][]int{}
		for _, r := range readRecords("nicknames.csv", 2) {
			g := make([]string, 0, len(r))
			for _, n := range r {
				if n = NormalizeName(n); n != "" && !slices.Contains(g, n) {
					g = append(g, n)
				}
			}
			i := len(d.groups)
			d.groups = append(d.groups, g)
			formal := g[0]
			for _, n := range g {
				if !slices.Contains(d.member[n], i) {
					d.member[n] = append(d.member[n], i)
				}
			}
			for _, n := range g[1:] {
				d.nicks[formal] = appendNew(d.nicks[formal], n)
				d.formals[n] = appendNew(d.formals[n], formal)
			}
		}
	})
	return d
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// Nicknames returns the names directly equivalent to the given name, lower
// case: for a formal name its nicknames ("robert" gives "bob", "bobby",
// "rob", "robbie", ...), and for a nickname the formal names it is short for
// ("bob" gives "robert"; "alex" gives "alexander", "alexandra", ...). A name
// that is both gets both. The relation is symmetric: a is in Nicknames(b)
// exactly when b is in Nicknames(a). It returns nil for an unknown name.
func Nicknames(name string) []string {
	d := nicknames()
	n := NormalizeName(name)
	var out []string
	for _, v := range d.nicks[n] {
		out = appendNew(out, v)
	}
	for _, v := range d.formals[n] {
		out = appendNew(out, v)
	}
	return out
}

// FormalNames returns the formal given names that name is a nickname of
// ("peggy" gives "margaret"), or nil if it is not a known nickname.
func FormalNames(name string) []string {
	return slices.Clone(nicknames().formals[NormalizeName(name)])
}

// SameGivenName reports whether two given names may denote the same person's
// first name: they are equal after NormalizeName, or one is a nickname of
// the other (Bob/Robert, Peggy/Margaret, Bill/William, Liz/Elizabeth), or
// both are nicknames of the same formal name (Bob/Rob via Robert). It is not
// transitive: "chris" matches both "christopher" and "christine", which do
// not match each other. Empty names never match.
func SameGivenName(a, b string) bool {
	a, b = NormalizeName(a), NormalizeName(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	d := nicknames()
	for _, i := range d.member[a] {
		if slices.Contains(d.member[b], i) {
			return true
		}
	}
	return false
}
