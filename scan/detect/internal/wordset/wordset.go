// Package wordset is a read-only set of short lower-case ASCII words with
// a value each, looked up by a word given as bytes in any case. It is a
// small open-addressing table whose slots hold the words themselves,
// packed into two machine words, behind a first-byte/length filter: the
// detectors' per-word lookups (keywords, given names, surnames) cost one
// multiply and one or two slot loads, neither the runtime map's hashing
// nor a string comparison through a pointer.
package wordset

import "encoding/binary"

// MaxLen is the longest word a set holds; longer words are never found.
const MaxLen = 63

// packed is how many bytes of a word a slot holds; longer words are
// kept in a map aside (no name or keyword in use is that long).
const packed = 16

// Set maps words to values. The zero Set is empty.
type Set struct {
	slots []slot
	shift uint8
	long  map[string]uint32
	first [256]uint64 // bit n set: a word of length n starts with this byte
}

// slot is a word of up to 16 bytes, little-endian and zero-padded in a
// and b, its length (0: an empty slot) and its value.
type slot struct {
	a, b uint64
	n, v uint32
}

// New returns a set of the words (lower case; longer than MaxLen or empty
// ones are left out) with their values; a word given twice keeps the
// values or-ed together.
func New(words map[string]uint32) *Set {
	s := sized(len(words))
	for w, v := range words {
		s.add(w, v)
	}
	return s
}

// Of returns the set of the words (lower case), each with the value v: for
// a long list read as it is shipped, which a map would first have to copy
// (the 61,000 common English words).
func Of(words []string, v uint32) *Set {
	s := sized(len(words))
	for _, w := range words {
		s.add(w, v)
	}
	return s
}

// sized returns an empty set with slots for n words at most half full.
func sized(n int) *Set {
	s := &Set{long: map[string]uint32{}}
	bits := uint8(4)
	for 1<<bits < 2*n {
		bits++
	}
	s.slots = make([]slot, 1<<bits)
	s.shift = 64 - bits
	return s
}

// add puts w in the set with the value v, or-ed into the value it has.
func (s *Set) add(w string, v uint32) {
	if len(w) == 0 || len(w) > MaxLen {
		return
	}
	s.first[w[0]] |= 1 << len(w)
	if len(w) > packed {
		s.long[w] |= v
		return
	}
	a, b := pack([]byte(w))
	mask := uint64(len(s.slots) - 1)
	i := s.hash(a, b)
	for s.slots[i].n != 0 && !(s.slots[i].a == a && s.slots[i].b == b && s.slots[i].n == uint32(len(w))) {
		i = (i + 1) & mask
	}
	s.slots[i].a, s.slots[i].b, s.slots[i].n = a, b, uint32(len(w))
	s.slots[i].v |= v
}

// pack returns the first 16 bytes of w, zero-padded, as two words.
// When w's array has room, the words are loaded whole and the bytes past
// its end masked off: the detectors pass slices of a 32-byte buffer.
func pack(w []byte) (a, b uint64) {
	n := len(w)
	if cap(w) < packed || n > packed {
		var p [packed]byte
		copy(p[:], w)
		return binary.LittleEndian.Uint64(p[:8]), binary.LittleEndian.Uint64(p[8:])
	}
	full := w[:packed]
	a, b = binary.LittleEndian.Uint64(full[:8]), binary.LittleEndian.Uint64(full[8:])
	switch {
	case n < 8:
		return a & (1<<(8*n) - 1), 0
	case n < packed:
		return a, b & (1<<(8*(n-8)) - 1)
	}
	return a, b
}

// hash is the slot index of a packed word: a multiplicative hash, whose
// top bits are the index.
func (s *Set) hash(a, b uint64) uint64 {
	return ((a ^ b*0xff51afd7ed558ccd) * 0x9e3779b97f4a7c15) >> s.shift
}

// Lookup returns the value of w, an ASCII word already in lower case.
func (s *Set) Lookup(w []byte) (uint32, bool) {
	n := len(w)
	if n == 0 || n > MaxLen || s.first[w[0]]&(1<<n) == 0 {
		return 0, false
	}
	if n > packed {
		v, ok := s.long[string(w)]
		return v, ok
	}
	a, b := pack(w)
	return s.probe(a, b, n)
}

// probe finds the packed word of length n in the table.
func (s *Set) probe(a, b uint64, n int) (uint32, bool) {
	mask := uint64(len(s.slots) - 1)
	for i := s.hash(a, b); ; i = (i + 1) & mask {
		sl := &s.slots[i]
		if sl.a == a && sl.b == b && sl.n == uint32(n) {
			return sl.v, true
		}
		if sl.n == 0 {
			return 0, false
		}
	}
}

// LookupPacked is Lookup for a word of n bytes (1 to 16) given packed:
// its bytes in lower case, little-endian and zero-padded, in a and b.
func (s *Set) LookupPacked(a, b uint64, n int) (uint32, bool) {
	if n == 0 || n > packed || s.first[byte(a)]&(1<<n) == 0 {
		return 0, false
	}
	return s.probe(a, b, n)
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
