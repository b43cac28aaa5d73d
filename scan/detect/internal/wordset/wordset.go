// Package wordset is a read-only set of short lower-case ASCII words with
// a value each, looked up by a word given as bytes in any case. It is a
// small open-addressing table with a cheap hash and a first-byte/length
// filter, so that the detectors' per-word lookups (keywords, given names,
// surnames) cost neither the runtime map's hashing nor a string.
package wordset

// MaxLen is the longest word a set holds; longer words are never found.
const MaxLen = 63

// Set maps words to values. The zero Set is empty.
type Set struct {
	keys  []string
	vals  []uint32
	mask  uint32
	first [256]uint64 // bit n set: a word of length n starts with this byte
}

// New returns a set of the words (lower case; longer than MaxLen or empty
// ones are left out) with their values; a word given twice keeps the
// values or-ed together.
func New(words map[string]uint32) *Set {
	s := &Set{}
	size := 16
	for size < 2*len(words) {
		size *= 2
	}
	s.keys = make([]string, size)
	s.vals = make([]uint32, size)
	s.mask = uint32(size - 1)
	for w, v := range words {
		if len(w) == 0 || len(w) > MaxLen {
			continue
		}
		s.first[w[0]] |= 1 << len(w)
		h := hash(w) & s.mask
		for s.keys[h] != "" && s.keys[h] != w {
			h = (h + 1) & s.mask
		}
		s.keys[h] = w
		s.vals[h] |= v
	}
	return s
}

func hash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h
}

// Lookup returns the value of w, an ASCII word already in lower case.
func (s *Set) Lookup(w []byte) (uint32, bool) {
	if len(w) == 0 || len(w) > MaxLen || s.first[w[0]]&(1<<len(w)) == 0 {
		return 0, false
	}
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	for h &= s.mask; ; h = (h + 1) & s.mask {
		k := s.keys[h]
		if k == "" {
			return 0, false
		}
		if k == string(w) {
			return s.vals[h], true
		}
	}
}

// LookupFold is Lookup for a word in any case (A-Z fold to a-z).
func (s *Set) LookupFold(w []byte) (uint32, bool) {
	if len(w) == 0 || len(w) > MaxLen {
		return 0, false
	}
	var buf [MaxLen]byte
	c := w[0]
	if c >= 'A' && c <= 'Z' {
		c += 32
	}
	if s.first[c]&(1<<len(w)) == 0 {
		return 0, false
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 32
		}
		buf[i] = c
	}
	return s.Lookup(buf[:len(w)])
}
