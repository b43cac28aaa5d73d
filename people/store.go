package people

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
)

// Opener decrypts a sealed finding value (vault.CaseKeys.Open).
type Opener func(e breachkit.Element, s breachkit.Sealed) ([]byte, error)

// FromStore reads a case's findings, decrypts them in memory with open,
// groups them by Finding.Record and calls fn with each record. Findings
// without a record key form a record of their own, keyed by path and
// location (not by finding ID, which differs between scans of the same
// files). Within a record, values are ordered by byte offset, or, when
// some finding has none (a cell, a page), in the order the scanner
// emitted them, which is the order of their IDs within one source.
//
// A record never spans sources (its key names the file), so findings are
// read one source at a time and only that source's are held while its
// records are built: memory follows the largest file, not the case.
func FromStore(ctx context.Context, st breachkit.Store, caseID int64, open Opener, minConfidence float64, fn func(*Record)) error {
	srcs, err := st.Sources(ctx, caseID)
	if err != nil {
		return err
	}
	type acc struct {
		vals    []Value
		finds   []FindingRef
		located bool   // every finding has a byte offset
		fixed   []bool // per value: placed by a column or key, not found in free text
		co      []int  // per value: the other person of the row its column names (coColumn), or 0
		hdr     []string
	}
	recs := map[string]*acc{}
	var order []string
	// Each finding read from a store comes with its own copy of the type
	// name; records keep the one shared copy instead.
	types := map[breachkit.Element]breachkit.Element{}
	// Whether a column names a second person, by reason: a table's
	// columns repeat on every row.
	coByReason := map[string]int{}
	roleByHeader := map[string]int8{}
	isCo := func(reasons []string) int {
		for i, r := range reasons {
			if !strings.HasPrefix(r, "header:") {
				continue
			}
			c, ok := coByReason[r]
			if !ok {
				c = coColumn(reasons[i : i+1])
				if len(coByReason) < 100000 {
					coByReason[r] = c
				}
			}
			if c > 0 {
				return c
			}
		}
		return 0
	}
	for _, src := range srcs {
		// Every source is read, whatever its status: an interrupted one
		// may hold findings before it is scanned again.
		err := st.Findings(ctx, caseID, breachkit.FindingFilter{SourceID: src.ID, MinConfidence: minConfidence}, func(f *breachkit.Finding) error {
			pt, err := open(f.Type, f.Value)
			if err != nil {
				return fmt.Errorf("finding %d: %w", f.ID, err)
			}
			key := f.Record
			if key == "" {
				key = findingKey(f)
				for n := 2; recs[key] != nil; n++ {
					key = findingKey(f) + "#" + strconv.Itoa(n)
				}
			}
			a := recs[key]
			if a == nil {
				a = &acc{located: true}
				recs[key] = a
				order = append(order, key)
			}
			t, ok := types[f.Type]
			if !ok {
				t = f.Type
				types[t] = t
			}
			a.located = a.located && f.Start >= 0
			// A part of a name or an address after its key in free text
			// ("first=Dana", "City: Boise") is placed in text order, as
			// the text's other values are: a log's lines are one person
			// each, not the columns of one row.
			keyed := t == breachkit.PersonName && slices.Contains(f.Reasons, "rule:name-part-key") ||
				t == breachkit.Address && slices.Contains(f.Reasons, "rule:address-part-key")
			a.fixed = append(a.fixed, structured(f.Reasons) && !keyed)
			a.co = append(a.co, isCo(f.Reasons))
			hdr := headerOf(f.Reasons)
			a.hdr = append(a.hdr, hdr)
			v := Value{Type: t, Part: partOf(f.Reasons), Value: string(pt), Order: f.Start}
			if keyed && t == breachkit.PersonName && v.Part == "" {
				v.Part = keyPart(hdr)
			}
			if t == breachkit.GovID {
				v.Part = issuer(f.Reasons)
			}
			if t == breachkit.DOB && v.Part == "yymmdd" {
				v.Value, v.Part = yymmdd(v.Value), ""
			}
			if t == breachkit.Address {
				// A table's columns repeat on every row: each header's
				// role is worked out once.
				role, ok := roleByHeader[hdr]
				if !ok {
					role = addressRole(hdr)
					if len(roleByHeader) < 100000 {
						roleByHeader[hdr] = role
					}
				}
				v.Role = role
				if v.Role == 0 {
					v.Role = textRole(f.Reasons)
				}
			}
			a.vals = append(a.vals, v)
			// The ID is all a person needs of a stored finding (it can be
			// looked up); not keeping its path and location saves a third
			// of the memory of a large case.
			a.finds = append(a.finds, FindingRef{ID: f.ID})
			return nil
		})
		if err != nil {
			return err
		}
		var doc docChain    // the paragraphs of a document, read in order
		var pages pageChain // the pages of a PDF, each going on from the last
		for _, k := range order {
			a := recs[k]
			if !a.located {
				orderMixed(a.vals)
			}
			if d, n, ok := pageOf(k); ok {
				primary, others := splitCo(a.vals, a.finds, a.fixed, a.co)
				pages.add(d, n, k, primary, fn)
				emitOthers(k, others, fn)
				continue
			}
			if d, n, ok := paragraphOf(k); ok {
				primary, others := splitCo(a.vals, a.finds, a.fixed, a.co)
				if d != doc.doc || len(doc.groups) >= chainLimit {
					doc.flush(fn)
					doc.doc = d
				}
				doc.add(k, n, splitByName(primary.vals, primary.finds, primary.fixed))
				emitOthers(k, others, fn)
				continue
			}
			// An XML record's keys are element names, without the path.
			flat := strings.Contains(k, "#elem=")
			for li, part := range splitList(listRecord{a.vals, a.finds, a.fixed, a.co, a.hdr}, flat) {
				key := k
				if li > 0 {
					key = k + "~l" + strconv.Itoa(li+1)
				}
				primary, others := splitCo(part.vals, part.finds, part.fixed, part.co)
				for i, g := range splitByName(primary.vals, primary.finds, primary.fixed) {
					gk := key
					if i > 0 {
						gk = key + "~" + strconv.Itoa(i+1)
					}
					r := BuildRecord(gk, g.vals)
					r.Findings = g.finds
					fn(&r)
				}
				emitOthers(key, others, fn)
			}
		}
		doc.flush(fn)
		pages.flush(fn)
		clear(recs)
		order = order[:0]
	}
	return nil
}

// keyPart is the part of a name that a key in free text gives
// ("first_name=Ana", "lname=Souza", "?last=Souza"): "given", "surname",
// or "" for any other key. A log's lines put such keys one person a
// line, so, unlike a row's columns, they are placed in text order and a
// given name and a surname next to each other make one person.
func keyPart(key string) string {
	k := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, strings.ToLower(key))
	k = strings.TrimSuffix(k, "name")
	switch k {
	case "first", "given", "f":
		return "given"
	case "last", "family", "sur", "l":
		return "surname"
	}
	return ""
}

// orderMixed orders the values of a record some of whose findings have
// no byte offset (Order -1): with none, in the order the scanner emitted
// them, which is text order; else each keeps its offset and one without
// comes after the value with an offset emitted before it. An e-mail's
// decoded headers (the sender) so come first and its body in text
// order: the detectors emit a segment's names before its numbers, and
// in that order the customer's SSN went to the signature's name.
func orderMixed(vals []Value) {
	located := false
	for _, v := range vals {
		located = located || v.Order >= 0
	}
	last := int64(-1)
	for i := range vals {
		switch {
		case !located:
			vals[i].Order = int64(i)
		case vals[i].Order >= 0:
			last = vals[i].Order
		default:
			vals[i].Order = last
		}
	}
}

// nameKey is a name lower case with single spaces, as names are compared
// within a record.
func nameKey(v string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.Trim(v, ",.")), " "))
}

// emitOthers calls fn with the records of a row's other people (splitCo).
func emitOthers(k string, others []valueGroup, fn func(*Record)) {
	for role, second := range others {
		if len(second.vals) == 0 {
			continue
		}
		key := k + "~co"
		if role > 0 {
			key += strconv.Itoa(role + 1)
		}
		r := BuildRecord(key, second.vals)
		r.Findings = second.finds
		fn(&r)
	}
}

// partOf returns the part of a name or address a finding's column said
// it holds ("part:surname" from a Last Name column), or "".
func partOf(reasons []string) string {
	for _, r := range reasons {
		if p, ok := strings.CutPrefix(r, "part:"); ok {
			return p
		}
	}
	return ""
}

// yymmdd writes a birth date of a passport's machine-readable zone
// (YYMMDD, "810314") with its century, as ParseDOB reads it: a year after
// this one's two digits is of the last century.
func yymmdd(v string) string {
	if len(v) != 6 {
		return v
	}
	for i := 0; i < 6; i++ {
		if v[i] < '0' || v[i] > '9' {
			return v
		}
	}
	century := "20"
	if yy := int(v[0]-'0')*10 + int(v[1]-'0'); yy > time.Now().Year()%100 {
		century = "19"
	}
	return century + v[0:2] + "-" + v[2:4] + "-" + v[4:6]
}

// issuer returns the country that issued a national number, which its
// rule names first ("rule:fr-nir" is France's NIR), as an ISO 3166-1 code,
// or "".
func issuer(reasons []string) string {
	for _, r := range reasons {
		if rule, ok := strings.CutPrefix(r, "rule:"); ok && len(rule) > 3 && rule[2] == '-' && rule[0] >= 'a' && rule[0] <= 'z' && rule[1] >= 'a' && rule[1] <= 'z' {
			if code, ok := gazetteer.CountryCode(rule[:2]); ok {
				return code
			}
		}
	}
	return ""
}

// structured reports whether a finding was placed by its column or key
// ("header:..." reason), or by a form's field ("part:surname" from an ID
// card's numbered field), rather than found in free text: such names are
// parts of one person, not several people.
func structured(reasons []string) bool {
	for _, r := range reasons {
		if strings.HasPrefix(r, "header:") || strings.HasPrefix(r, "part:") {
			return true
		}
	}
	return false
}

type valueGroup struct {
	vals  []Value
	finds []FindingRef
	fixed []bool
}

// coRoles are the words of a column name that say its value belongs to
// another person of the row than its first: a co-borrower, a co-signer,
// a spouse; in patient and HR exports a guarantor, an emergency contact
// or next of kin, a beneficiary, a guardian; on a card account an
// authorised user; in a school's export a student's parent, mother or
// father. Each group is a person of its own.
var coRoles = [...][]string{
	{"coborrower", "cobuyer", "cosigner", "coapplicant", "coowner", "comaker", "spouse", "jointowner", "jointapplicant", "secondaryapplicant",
		"jointaccount", "jointholder", "secondaryholder"},
	{"guarantor", "responsibleparty"},
	{"emergencycontact", "nextofkin"},
	{"beneficiary"},
	{"guardian"},
	{"authorizeduser", "authoriseduser"},
	{"parent"},
	{"mother"},
	{"father"},
}

// coHousehold are the groups of coRoles (by index) who live at the row's
// address: a co-borrower, and a student's parents.
var coHousehold = [len(coRoles)]bool{0: true, 6: true, 7: true, 8: true}

// coColumn returns which other person of the row a finding's column
// names (1 for a co-borrower's, 2 for a guarantor's…, as in coRoles), or
// 0 for the row's first person.
func coColumn(reasons []string) int {
	for _, r := range reasons {
		h, ok := strings.CutPrefix(r, "header:")
		if !ok {
			continue
		}
		if laterRole(h) || secondaryPerson(h) {
			return 1 // "Borrower 2 SSN", "B2_FNAME", "SS# Secondary": the second borrower
		}
		if k := dependant(h); k > 0 && k < numberedCo-len(coRoles) {
			return len(coRoles) + k // "Dependent 2 DOB": each a person of the household
		}
		var b strings.Builder
		for _, c := range strings.ToLower(h) {
			if c >= 'a' && c <= 'z' {
				b.WriteRune(c)
			}
		}
		n := b.String()
		if strings.Contains(n, "maiden") {
			continue // a mother's maiden name is the person's own secret
		}
		if strings.Contains(n, "parent") && (strings.Contains(n, "company") || strings.Contains(n, "org") || strings.Contains(n, "business") || strings.Contains(n, "entity") || strings.Contains(n, "account")) {
			continue // a parent company's, not a child's parent
		}
		for g, ws := range coRoles {
			for _, w := range ws {
				if strings.Contains(n, w) {
					if k := headerNumber(h); k >= 2 {
						// "Beneficiary 2 SSN", "Emergency Contact 2
						// Phone": the second is another person.
						return numberedCo + g*10 + k
					}
					return g + 1
				}
			}
		}
	}
	return 0
}

// numberedCo is where the groups of numbered other people ("Beneficiary
// 2") start, ten to a role of coRoles, past the dependants'.
const numberedCo = 40

// headerNumber returns the first number from 1 to 9 written as a word of
// a header ("Beneficiary 2 SSN"), or 0.
func headerNumber(h string) int {
	for _, t := range strings.FieldsFunc(h, func(r rune) bool { return !(r >= '0' && r <= '9') }) {
		if n, err := strconv.Atoi(t); err == nil && n >= 1 && n <= 9 {
			return n
		}
	}
	return 0
}

// splitCo separates the values of a row's other people (the columns of
// a co-borrower, a guarantor, an emergency contact: co[i] says whose,
// as coColumn does) from the row's first person: two people on one loan
// are two people to notify. A co-borrower also takes the row's postal
// address, which the two usually share; identifiers (the loan's account)
// stay with the first, lest they link the two into one again. others[g]
// holds the values of coRoles[g].
func splitCo(vals []Value, finds []FindingRef, fixed []bool, co []int) (first valueGroup, others []valueGroup) {
	has := false
	for _, c := range co {
		has = has || c > 0
	}
	if !has {
		return valueGroup{vals, finds, fixed}, nil
	}
	n := len(coRoles)
	for _, c := range co {
		n = max(n, c)
	}
	others = make([]valueGroup, n)
	// The household's address goes to the co-borrower (and a numbered
	// one), to a student's parents and to dependants, who live with the
	// row's person; not to a guarantor, a contact or a beneficiary.
	household := func(g int) bool {
		switch c := g + 1; {
		case c <= len(coRoles):
			return coHousehold[g]
		case c < numberedCo:
			return true // a dependant
		default:
			return coHousehold[min((c-numberedCo)/10, len(coRoles)-1)] // "Borrower 2", "Parent 2"
		}
	}
	for i, v := range vals {
		f := FindingRef{}
		if i < len(finds) {
			f = finds[i]
		}
		role := 0
		if i < len(co) {
			role = co[i]
		}
		isFixed := i < len(fixed) && fixed[i]
		if role > 0 {
			o := &others[role-1]
			o.vals, o.finds, o.fixed = append(o.vals, v), append(o.finds, f), append(o.fixed, isFixed)
			continue
		}
		first.vals, first.finds, first.fixed = append(first.vals, v), append(first.finds, f), append(first.fixed, isFixed)
		if v.Type == breachkit.Address {
			// The address is the household's; its finding stays the
			// first's, so a co-borrower's finds may be shorter than its
			// vals.
			for g := range others {
				if household(g) {
					others[g].vals = append(others[g].vals, v)
				}
			}
		}
	}
	for g := range others {
		if household(g) && len(others[g].finds) == 0 {
			others[g].vals = nil // nobody in that group: the address alone is nobody
		}
	}
	return first, others
}

// splitByName cuts a record whose free text names several people (a
// memo listing employees, an e-mail body about three customers) into one
// record per name: each name takes the free-text values that follow it
// up to the next name, and the first name also those before it (but
// for a letterhead's) and the values placed by a column or key (an
// e-mail's headers). Put together, their SSNs and addresses would make
// one person of several, the worse error. A record whose names all come
// from columns or keys (a row, an object) is one record: its names are
// parts of one person.
func splitByName(vals []Value, finds []FindingRef, fixed []bool) []valueGroup {
	isFixed := func(i int) bool { return i < len(fixed) && fixed[i] }
	names := 0
	for i, v := range vals {
		if v.Type == breachkit.PersonName && !isFixed(i) {
			names++
		}
	}
	if names == 0 {
		return []valueGroup{{vals, finds, fixed}}
	}
	idx := make([]int, len(vals))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return vals[idx[a]].Order < vals[idx[b]].Order })
	// A letter's letterhead: an address before the first name, when the
	// person named has an address of their own after it, is the sender's,
	// and so are the values beside it; taken for the addressee's, it
	// would place them in the sender's state. (Not in an e-mail, whose
	// body before a name is its sender's, named by the headers.)
	letterhead := 0 // values before the first name, when they are one
	if !slices.Contains(fixed, true) {
		before, after, seenName := false, false, false
		k := 0
		for _, i := range idx {
			switch {
			case vals[i].Type == breachkit.PersonName:
				seenName = true
			case !seenName:
				k++
				before = before || vals[i].Type == breachkit.Address
			default:
				after = after || vals[i].Type == breachkit.Address
			}
		}
		if before && after {
			letterhead = k
		}
	}
	if names < 2 && letterhead == 0 {
		return []valueGroup{{vals, finds, fixed}}
	}
	// The full names of the record, for a single word naming one of them.
	var full nameIndex
	var fulls []string
	for _, i := range idx {
		if k := nameKey(vals[i].Value); vals[i].Type == breachkit.PersonName && !isFixed(i) && strings.Contains(k, " ") && full.find(k) < 0 {
			full.add(k, len(fulls))
			fulls = append(fulls, k)
		}
	}
	var out []valueGroup
	var head valueGroup
	cur := -1                  // the group values go to
	byName := map[string]int{} // a name's group: a letter names its person again ("Dear Ana Souza")
	var first []int            // fixed values, for the first group
	for _, i := range idx {
		if isFixed(i) {
			first = append(first, i)
			continue
		}
		if letterhead > 0 {
			letterhead--
			head.vals = append(head.vals, vals[i])
			if i < len(finds) {
				head.finds = append(head.finds, finds[i])
			}
			continue
		}
		if vals[i].Type == breachkit.PersonName {
			key := nameKey(vals[i].Value)
			if k := full.find(key); k >= 0 {
				key = fulls[k] // "Hi Ana," names Ana Souza of the headers or the quote
			}
			if g, ok := byName[key]; ok {
				cur = g
			} else if cur >= 0 && partJoins(out[cur].vals, vals[i].Part) {
				byName[key] = cur // "first_name=Ana last_name=Souza": one person's parts
			} else if cur < 0 || len(out[cur].vals) > 0 && hasType(out[cur].vals, breachkit.PersonName) {
				out = append(out, valueGroup{})
				cur = len(out) - 1
				byName[key] = cur
			} else {
				byName[key] = cur
			}
		}
		if cur < 0 {
			out = append(out, valueGroup{})
			cur = 0
		}
		out[cur].vals = append(out[cur].vals, vals[i])
		if i < len(finds) {
			out[cur].finds = append(out[cur].finds, finds[i])
		}
	}
	if len(out) == 0 {
		out = append(out, valueGroup{})
	}
	for _, i := range first {
		out[0].vals = append(out[0].vals, vals[i])
		if i < len(finds) {
			out[0].finds = append(out[0].finds, finds[i])
		}
	}
	if len(head.vals) > 0 {
		out = append(out, head) // last, so that the first person keeps the record's key
	}
	return out
}

// partJoins reports whether a name's part (a given name or a surname
// after its key in free text) completes the name of the group whose
// values are vals: the group's names are all parts, and none is this
// part, so that "first_name=Ana last_name=Souza" is one person and the
// next line's "first_name=Omar" another.
func partJoins(vals []Value, part string) bool {
	if part != "given" && part != "surname" {
		return false
	}
	seen := false
	for _, v := range vals {
		if v.Type != breachkit.PersonName {
			continue
		}
		if v.Part != "given" && v.Part != "surname" || v.Part == part {
			return false
		}
		seen = true
	}
	return seen
}

// secondaryPerson reports a header that names who a loan's or an
// account's secondary holder is: "Secondary Name", "SS# Secondary",
// "Secondary DOB". A secondary phone, e-mail or address is the first
// person's other one, and stays with them.
func secondaryPerson(h string) bool {
	words := strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !(r >= 'a' && r <= 'z') })
	secondary, identity := false, false
	for i, w := range words {
		switch w {
		case "secondary", "sec":
			if w == "sec" && i > 0 && (words[i-1] == "soc" || words[i-1] == "social") {
				identity = true // "soc_sec_id", "Social Sec #": the SSN, no second person
				continue
			}
			secondary = true
		case "name", "first", "last", "middle", "surname", "given", "ssn", "ss", "soc", "social", "tin", "itin", "dob", "birth", "birthdate", "license", "dl":
			identity = true
		case "phone", "ph", "email", "mail", "address", "addr", "street", "city", "state", "zip", "fax", "cell", "mobile":
			return false
		}
	}
	return secondary && identity
}

// laterRole reports whether a column header numbers a person's role and
// the number is 2 or more: "Borrower 2 Last Name", "B2_SSN", "Applicant2
// DOB", "Owner #3" (loan tapes write a loan's borrowers side by side so).
// The second borrower is a person of their own, as a co-borrower is.
func laterRole(h string) bool {
	n, ok := roleNumber(h, numberedRoles)
	return ok && n >= 2 && n <= 9
}

// dependant returns which of a row's dependants a header names
// ("Dependent 1 Name", "Dep2_SSN", "Child 3 DOB"; 1 when unnumbered), or 0.
func dependant(h string) int {
	n, ok := roleNumber(h, dependantRoles)
	switch {
	case !ok || n > 20:
		return 0
	case n == 0:
		return 1
	}
	return n
}

var dependantRoles = map[string]bool{"dependent": true, "dependant": true, "dep": true, "child": true}

// roleNumber finds in a header a word of roles, with the number written
// onto it ("B2") or as the next word ("Borrower 2"), and returns the
// number (0 for none) and whether a role was found.
func roleNumber(h string, roles map[string]bool) (int, bool) {
	toks := strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	for i, t := range toks {
		role, num := t, ""
		if k := strings.IndexAny(t, "0123456789"); k > 0 {
			role, num = t[:k], t[k:]
		} else if i+1 < len(toks) && strings.Trim(toks[i+1], "0123456789") == "" {
			num = toks[i+1]
		}
		if !roles[role] || strings.Trim(num, "0123456789") != "" {
			continue
		}
		if num == "" {
			return 0, true
		}
		n, err := strconv.Atoi(num)
		if err != nil {
			continue
		}
		return n, true
	}
	return 0, false
}

// numberedRoles are the roles, and their abbreviations, that loan tapes
// and applications number ("B2", "Borrower 2", "App2").
var numberedRoles = map[string]bool{"b": true, "bor": true, "borr": true, "brw": true, "brwr": true, "borrower": true, "app": true, "appl": true,
	"applicant": true, "owner": true, "cust": true, "customer": true, "mortgagor": true, "buyer": true, "member": true, "client": true,
	"debtor": true, "obligor": true, "signer": true, "tenant": true, "cardholder": true}

// findingKey is the record key of a finding without one: its path,
// location and type.
func findingKey(f *breachkit.Finding) string {
	loc := strconv.FormatInt(f.Start, 10) + "-" + strconv.FormatInt(f.End, 10)
	switch {
	case f.Start >= 0:
	case f.Cell != "":
		loc = f.Sheet + "!" + f.Cell
	case f.Page > 0:
		loc = "page=" + strconv.Itoa(f.Page)
	}
	return "finding:" + f.Path + "@" + loc + ":" + string(f.Type)
}

// customerColumns maps header names of a CRM export to what they hold.
var customerColumns = map[string]struct {
	e    breachkit.Element
	part string
}{
	"name": {breachkit.PersonName, "full"}, "full_name": {breachkit.PersonName, "full"}, "fullname": {breachkit.PersonName, "full"},
	"first_name": {breachkit.PersonName, "given"}, "firstname": {breachkit.PersonName, "given"}, "given_name": {breachkit.PersonName, "given"}, "first": {breachkit.PersonName, "given"},
	"middle_name": {breachkit.PersonName, "middle"}, "middle": {breachkit.PersonName, "middle"},
	"last_name": {breachkit.PersonName, "surname"}, "lastname": {breachkit.PersonName, "surname"}, "surname": {breachkit.PersonName, "surname"}, "last": {breachkit.PersonName, "surname"},
	"email": {breachkit.Email, ""}, "email_address": {breachkit.Email, ""},
	"phone": {breachkit.Phone, ""}, "phone_number": {breachkit.Phone, ""}, "mobile": {breachkit.Phone, ""},
	"dob": {breachkit.DOB, ""}, "date_of_birth": {breachkit.DOB, ""}, "birth_date": {breachkit.DOB, ""},
	"ssn": {breachkit.SSN, ""}, "itin": {breachkit.ITIN, ""},
	"address": {breachkit.Address, "street"}, "street": {breachkit.Address, "street"}, "address1": {breachkit.Address, "street"}, "address_1": {breachkit.Address, "street"}, "street_address": {breachkit.Address, "street"},
	"address2": {breachkit.Address, "unit"}, "address_2": {breachkit.Address, "unit"}, "unit": {breachkit.Address, "unit"},
	"city": {breachkit.Address, "city"}, "state": {breachkit.Address, "state"},
	"zip": {breachkit.Address, "zip"}, "zip_code": {breachkit.Address, "zip"}, "zipcode": {breachkit.Address, "zip"}, "postal_code": {breachkit.Address, "zip"}, "postcode": {breachkit.Address, "zip"},
	"country": {"COUNTRY", ""},
}

// LoadCustomers reads a customer master (CRM export) CSV with a header
// row and calls fn with a customer Record per row. Columns are recognised
// by common names (first_name, last_name, email, phone, address, city,
// state, zip, dob, ssn, country; an unrecognised column named like
// customer_id or account is kept as a CUSTOM_CUSTOMER_ID identifier).
// Customer records are authoritative for the mailing address.
func LoadCustomers(path string, fn func(*Record)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	type col struct {
		e    breachkit.Element
		part string
	}
	cols := make([]col, len(head))
	known := 0
	for i, h := range head {
		k := strings.ToLower(strings.TrimSpace(h))
		k = strings.ReplaceAll(k, " ", "_")
		if c, ok := customerColumns[k]; ok {
			cols[i] = col{c.e, c.part}
			known++
		} else if strings.Contains(k, "customer") || k == "id" || strings.Contains(k, "account") {
			cols[i] = col{breachkit.Element("CUSTOM_CUSTOMER_ID"), ""}
		}
	}
	if known == 0 {
		return fmt.Errorf("%s: no recognised column (want e.g. first_name, last_name, email, address, city, state, zip)", path)
	}
	line := 1
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line++
		if err != nil {
			return fmt.Errorf("%s line %d: %v", path, line, err)
		}
		var vals []Value
		country := ""
		for i, v := range row {
			if i >= len(cols) || cols[i].e == "" || strings.TrimSpace(v) == "" {
				continue
			}
			if cols[i].e == "COUNTRY" {
				country = strings.TrimSpace(v)
				continue
			}
			vals = append(vals, Value{Type: cols[i].e, Part: cols[i].part, Value: v, Order: int64(i)})
		}
		r := BuildRecord("customers:"+strconv.Itoa(line), vals)
		for i := range r.Addresses {
			r.Addresses[i].Country = country
		}
		r.Customer = true
		fn(&r)
	}
}
