package people

import (
	"fmt"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestPageOf(t *testing.T) {
	for _, tt := range []struct {
		key, doc string
		n        int
		ok       bool
	}{
		{"s.pdf#page=2", "s.pdf#", 2, true},
		{"z.zip!/s.pdf#page=12", "z.zip!/s.pdf#", 12, true},
		{"s.pdf#page=2!row=3", "", 0, false},
		{"s.pdf#page=0", "", 0, false},
		{"s.docx#para=2", "", 0, false},
	} {
		doc, n, ok := pageOf(tt.key)
		if doc != tt.doc || n != tt.n || ok != tt.ok {
			t.Errorf("pageOf(%q) = %q, %d, %v; want %q, %d, %v", tt.key, doc, n, ok, tt.doc, tt.n, tt.ok)
		}
	}
}

// TestPageChain reads what a page holds before its first name as the
// page before's: a letter's body and signature over two pages, a
// statement's pages without a name; and not a mail merge's next
// letterhead, nor another SSN, nor a page that does not follow.
func TestPageChain(t *testing.T) {
	type page struct {
		doc  string
		n    int
		vals []Value
	}
	v := func(e breachkit.Element, s string) Value { return Value{Type: e, Value: s} }
	name := func(s string) Value { return v(breachkit.PersonName, s) }
	addr := func(s string) Value { return v(breachkit.Address, s) }
	ssn := func(s string) Value { return v(breachkit.SSN, s) }
	head := addr("PO Box 1000, Dallas, TX 75201")
	tests := []struct {
		name  string
		pages []page
		want  []string // per record: its key and the types of its values
	}{
		{"a letter over two pages", []page{
			{"l.pdf", 1, []Value{head, name("Ana Souza"), addr("2093 Highland St, Glen Springs, NC 28277"), name("Ana Souza")}},
			{"l.pdf", 2, []Value{ssn("383-41-8663"), name("Maria Lopez")}},
		}, []string{"l.pdf#page=1~2:ADDRESS", "l.pdf#page=1:PERSON_NAME ADDRESS PERSON_NAME SSN", "l.pdf#page=2:PERSON_NAME"}},
		{"a statement, pages without a name", []page{
			{"s.pdf", 1, []Value{head, name("Dana Whitfield"), addr("12 Oak Ct, Dayton, OH 45402")}},
			{"s.pdf", 2, []Value{v(breachkit.BankAccount, "61218281597")}},
			{"s.pdf", 3, []Value{ssn("212-45-6791")}},
		}, []string{"s.pdf#page=1~2:ADDRESS", "s.pdf#page=1:PERSON_NAME ADDRESS BANK_ACCOUNT SSN"}},
		{"a mail merge: the next letterhead is nobody's", []page{
			{"m.pdf", 1, []Value{name("Ana Souza"), addr("2093 Highland St, Glen Springs, NC 28277"), name("Maria Lopez")}},
			{"m.pdf", 2, []Value{head, name("Felix Hurst"), addr("478 Chang Loop, Sun Heights, AR 72935")}},
		}, []string{"m.pdf#page=1:PERSON_NAME ADDRESS", "m.pdf#page=1~2:PERSON_NAME", "m.pdf#page=2~2:ADDRESS", "m.pdf#page=2:PERSON_NAME ADDRESS"}},
		{"another SSN", []page{
			{"x.pdf", 1, []Value{name("Ana Souza"), ssn("383-41-8663")}},
			{"x.pdf", 2, []Value{ssn("362-98-5217")}},
		}, []string{"x.pdf#page=1:PERSON_NAME SSN", "x.pdf#page=2:SSN"}},
		{"pages that do not follow", []page{
			{"x.pdf", 1, []Value{name("Ana Souza")}},
			{"x.pdf", 3, []Value{ssn("362-98-5217")}},
			{"y.pdf", 4, []Value{ssn("383-41-8663")}},
		}, []string{"x.pdf#page=1:PERSON_NAME", "x.pdf#page=3:SSN", "y.pdf#page=4:SSN"}},
	}
	for _, tt := range tests {
		var c pageChain
		id := int64(0)
		types := map[int64]breachkit.Element{}
		var got []string
		fn := func(r *Record) {
			s := r.Key + ":"
			for i, f := range r.Findings {
				if i > 0 {
					s += " "
				}
				s += string(types[f.ID])
			}
			got = append(got, s)
		}
		for _, p := range tt.pages {
			var g valueGroup
			for i, val := range p.vals {
				id++
				val.Order = int64(i)
				g.vals = append(g.vals, val)
				g.finds = append(g.finds, FindingRef{ID: id})
				g.fixed = append(g.fixed, false)
				types[id] = val.Type
			}
			c.add(p.doc, p.n, fmt.Sprintf("%s#page=%d", p.doc, p.n), g, fn)
		}
		c.flush(fn)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
