package people

import (
	"cmp"
	"slices"
	"strings"
)

// Resolution must depend only on the set of records, never on the order
// they were added in: the scanner runs in parallel, so findings (and the
// records built from them) arrive in a different order, with different
// IDs, on every run. Every tie in the resolver (the order of records with
// equal blocking keys, the anchor of a group, the random pairs that
// estimate u, the order of unions, the address a person is mailed at) is
// broken by a record's position, so Resolve first sorts the records into
// a canonical order that is a function of their content.

// contentHash returns a hash of what the matcher sees of record i: name
// strings, date of birth, address hashes, flags and identifier
// fingerprints with their kinds (account kinds by element name). It uses
// no number whose value depends on the order of Add calls (name table
// ids, account kind numbers).
func (r *Resolver) contentHash(i int, acctHash []uint64) uint64 {
	c := &r.recs[i]
	h := uint64(0x9e3779b97f4a7c15)
	add := func(x uint64) { h = mix64(h^x) + 0x9e3779b97f4a7c15 }
	add(hashString(0, r.names.str[c.given]))
	add(hashString(0, r.names.str[c.middle]))
	add(hashString(0, r.names.str[c.surname]))
	add(uint64(c.dob))
	add(uint64(c.zip)<<32 | uint64(c.house))
	add(uint64(c.street)<<32 | uint64(c.city))
	var flags uint64
	if c.intl {
		flags |= 1
	}
	if c.customer {
		flags |= 2
	}
	add(flags | uint64(c.idN)<<8)
	// Identifiers in record order: it is the record's content order
	// (BuildRecord sorts values by position), and the first valid tax ID
	// of a record is the one the guards keep.
	for k := c.idOff; k < c.idOff+uint32(c.idN); k++ {
		kind := uint64(r.idKind[k])
		if r.idKind[k] >= kAcct {
			kind = acctHash[r.idKind[k]-kAcct]
		}
		add(kind)
		add(r.idFP[k])
	}
	return h
}

// canonicalize sorts r.recs by content (contentHash, then the record key
// and the truth label when kept, which are content too) and records in
// r.orig where each record came from. Records still tied are identical in
// everything the resolver reads, so their order cannot change the
// clusters. It returns the sort buffer for reuse.
func (r *Resolver) canonicalize(buf []entry, spare *[]entry) []entry {
	n := len(r.recs)
	for len(r.orig) < n {
		r.orig = append(r.orig, uint32(len(r.orig)))
	}
	acctHash := make([]uint64, len(r.acctKinds))
	for e, i := range r.acctKinds {
		acctHash[i] = hashString(0, "acct:"+string(e))
	}
	if cap(buf) < n {
		buf = make([]entry, n)
	}
	es := buf[:n]
	for i := range n {
		es[i] = entry{key: r.contentHash(i, acctHash), idx: uint32(i)}
	}
	es = sortEntries(es, spare, r.opt.Workers)
	// Equal hashes: order by what was kept of the record's content.
	full := func(a, b entry) int {
		ia, ib := r.orig[a.idx], r.orig[b.idx]
		if len(r.records) == n {
			if c := strings.Compare(r.records[ia].Key, r.records[ib].Key); c != 0 {
				return c
			}
		}
		if len(r.truth) == n {
			if c := cmp.Compare(r.truth[ia], r.truth[ib]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.idx, b.idx)
	}
	groups(es, func(g []entry) {
		if len(g) > 1 {
			slices.SortFunc(g, full)
		}
	})
	// Apply the permutation in place: recs[k] = old recs[es[k].idx], and
	// the same for orig.
	done := make([]bool, n)
	for s := range n {
		if done[s] {
			continue
		}
		tmpRec, tmpOrig := r.recs[s], r.orig[s]
		k := s
		for {
			done[k] = true
			j := int(es[k].idx)
			if j == s {
				r.recs[k], r.orig[k] = tmpRec, tmpOrig
				break
			}
			r.recs[k], r.orig[k] = r.recs[j], r.orig[j]
			k = j
		}
	}
	return es[:0]
}
