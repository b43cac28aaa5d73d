package people

import (
	"fmt"
	"testing"

	"github.com/breachkit/breachkit"
)

func TestParagraphOf(t *testing.T) {
	for _, tt := range []struct {
		key, doc string
		n        int
		ok       bool
	}{
		{"a.docx#para=12", "a.docx#", 12, true},
		{"z.zip!/a.docx#part=header1!para=2", "z.zip!/a.docx#part=header1!", 2, true},
		{"deck.pptx#slide=3!para=1", "deck.pptx#slide=3!", 1, true},
		{"a.docx#table=1!row=2", "", 0, false},
		{"a.csv#row=3", "", 0, false},
		{"para=3", "", 0, false},
		{"a.txt#para=x", "", 0, false},
		{"mypara=3", "", 0, false},
	} {
		doc, n, ok := paragraphOf(tt.key)
		if doc != tt.doc || n != tt.n || ok != tt.ok {
			t.Errorf("paragraphOf(%q) = %q, %d, %v; want %q, %d, %v", tt.key, doc, n, ok, tt.doc, tt.n, tt.ok)
		}
	}
}

// TestDocChain reads the paragraphs of documents as one text: a letter
// written a paragraph a line is one person, and the chain does not join
// what belongs to someone else.
func TestDocChain(t *testing.T) {
	type para struct {
		n    int
		vals []Value
	}
	id := int64(0)
	types := map[int64]breachkit.Element{}
	v := func(e breachkit.Element, s string) Value { return Value{Type: e, Value: s} }
	name := func(s string) Value { return v(breachkit.PersonName, s) }
	addr := func(s string) Value { return v(breachkit.Address, s) }
	ssn := func(s string) Value { return v(breachkit.SSN, s) }
	p := func(n int, vals ...Value) para { return para{n, vals} }
	tests := []struct {
		name  string
		paras []para
		want  []string // per record: its key's paragraph and the types of its values
	}{
		{"a letter a paragraph a line", []para{
			p(2, addr("PO Box 1000, Dallas, TX 75201")),
			p(6, name("Ana Souza")), p(7, addr("2093 Highland St")), p(8, addr("Glen Springs, NC 28277")),
			p(12, name("Ana Souza")), p(13, ssn("383-41-8663"), v(breachkit.BankAccount, "194637906")),
			p(16, name("Maria Lopez")),
		}, []string{"2:ADDRESS", "6:PERSON_NAME ADDRESS ADDRESS PERSON_NAME SSN BANK_ACCOUNT", "16:PERSON_NAME"}},
		{"mail merge: the next letterhead is nobody's", []para{
			p(6, name("Ana Souza")), p(7, addr("2093 Highland St")), p(13, ssn("383-41-8663")), p(16, name("Maria Lopez")),
			p(18, addr("PO Box 1000, Dallas, TX 75201")), p(22, name("Felix Hurst")), p(23, addr("478 Chang Loop")),
			p(28, ssn("362-98-5217")), p(31, name("Maria Lopez")),
		}, []string{"6:PERSON_NAME ADDRESS SSN", "16:PERSON_NAME PERSON_NAME", "18:ADDRESS", "22:PERSON_NAME ADDRESS SSN"}},
		{"salutations by surname or given name", []para{
			p(1, name("Ana Souza")), p(2, addr("2093 Highland St")), p(5, name("Souza")), p(6, ssn("383-41-8663")),
			p(10, name("Felix Hurst")), p(11, addr("478 Chang Loop")), p(14, name("Felix")), p(15, ssn("362-98-5217")),
		}, []string{"1:PERSON_NAME ADDRESS PERSON_NAME SSN", "10:PERSON_NAME ADDRESS PERSON_NAME SSN"}},
		{"a surname two people share names neither", []para{
			p(1, name("Ana Smith")), p(2, addr("2093 Highland St")), p(5, name("Bob Smith")), p(6, addr("478 Chang Loop")),
			p(9, name("Smith")), p(10, ssn("383-41-8663")),
		}, []string{"1:PERSON_NAME ADDRESS", "5:PERSON_NAME ADDRESS", "9:PERSON_NAME SSN"}},
		{"mail merge without a signature", []para{
			p(1, name("Ana Souza")), p(2, addr("2093 Highland St")), p(5, ssn("383-41-8663")),
			p(9, addr("PO Box 1000, Dallas, TX 75201")), p(13, name("Felix Hurst")), p(14, addr("478 Chang Loop")),
		}, []string{"1:PERSON_NAME ADDRESS SSN", "9:ADDRESS", "13:PERSON_NAME ADDRESS"}},
		{"a signature's e-mail address", []para{
			p(1, name("Ana Souza")), p(2, addr("2093 Highland St")), p(5, ssn("383-41-8663")),
			p(9, name("Maria Lopez")), p(10, v(breachkit.Email, "maria.lopez@example.com")),
		}, []string{"1:PERSON_NAME ADDRESS SSN", "9:PERSON_NAME EMAIL"}},
		{"notes: an entry whose name was missed is nobody's", []para{
			p(40, name("Beverly E Sullivan"), v(breachkit.DOB, "7/30/2003"), v(breachkit.BankAccount, "848290000")),
			p(41, v(breachkit.DOB, "06/30/1938"), v(breachkit.BankAccount, "327050000")),
		}, []string{"40:PERSON_NAME DOB BANK_ACCOUNT", "41:DOB BANK_ACCOUNT"}},
		{"notes: one name in two entries, two SSNs", []para{
			p(1, name("Michael Jones"), ssn("383-41-8663")), p(2, name("Michael Jones"), ssn("362-98-5217")),
		}, []string{"1:PERSON_NAME SSN", "2:PERSON_NAME SSN"}},
		{"an address block in one paragraph, then the body", []para{
			p(1, name("Ana Souza"), addr("2093 Highland St\nGlen Springs, NC 28277")),
			p(3, name("Ana Souza"), ssn("383-41-8663")), p(4, name("Maria Lopez")),
		}, []string{"1:PERSON_NAME ADDRESS PERSON_NAME SSN", "4:PERSON_NAME"}},
		{"another SSN is another person's", []para{
			p(1, name("Ana Souza")), p(2, ssn("383-41-8663")), p(3, ssn("362-98-5217")),
		}, []string{"1:PERSON_NAME SSN", "3:SSN"}},
		{"far from the name", []para{
			p(1, name("Ana Souza")), p(2, addr("2093 Highland St")), p(60, ssn("362-98-5217")),
		}, []string{"1:PERSON_NAME ADDRESS", "60:SSN"}},
		{"before any name", []para{
			p(1, ssn("362-98-5217")), p(2, name("Ana Souza")),
		}, []string{"1:SSN", "2:PERSON_NAME"}},
		{"a memo, a person a paragraph", []para{
			p(1, name("Ana Souza"), ssn("383-41-8663"), addr("2093 Highland St, Glen Springs, NC 28277")),
			p(2, name("Felix Hurst"), ssn("362-98-5217"), addr("478 Chang Loop, Sun Heights, AR 72935")),
		}, []string{"1:PERSON_NAME SSN ADDRESS", "2:PERSON_NAME SSN ADDRESS"}},
	}
	for _, tt := range tests {
		var c docChain
		c.doc = "letter.docx#"
		for _, pp := range tt.paras {
			var g valueGroup
			for i, val := range pp.vals {
				id++
				val.Order = int64(i)
				g.vals = append(g.vals, val)
				g.finds = append(g.finds, FindingRef{ID: id})
				types[id] = val.Type
				g.fixed = append(g.fixed, false)
			}
			c.add(fmt.Sprintf("letter.docx#para=%d", pp.n), pp.n, []valueGroup{g})
		}
		var got []string
		c.flush(func(r *Record) {
			_, n, _ := paragraphOf(r.Key)
			s := fmt.Sprint(n, ":")
			for i, f := range r.Findings {
				if i > 0 {
					s += " "
				}
				s += string(types[f.ID])
			}
			got = append(got, s)
		})
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestNameMentions builds a record's name from free-text names that
// mention one person again, and from the pieces of a name in cells.
func TestNameMentions(t *testing.T) {
	for _, tt := range []struct {
		names                  []string
		given, middle, surname string
	}{
		{[]string{"Ana Souza", "Ana  Souza"}, "Ana", "", "Souza"},
		{[]string{"Ana Souza", "Ana"}, "Ana", "", "Souza"},
		{[]string{"Souza", "Ana Maria Souza"}, "Ana", "Maria", "Souza"},
		{[]string{"Ana", "Souza"}, "Ana", "", "Souza"},
		{[]string{"Ana Maria", "Souza"}, "Ana Maria", "", "Souza"},
		{[]string{"Souza,", "Ana"}, "Ana", "", "Souza"},
	} {
		var vals []Value
		for i, n := range tt.names {
			vals = append(vals, Value{Type: breachkit.PersonName, Value: n, Order: int64(i)})
		}
		r := BuildRecord("k", vals)
		if r.Given != tt.given || r.Middle != tt.middle || r.Surname != tt.surname {
			t.Errorf("%q: %q %q %q, want %q %q %q", tt.names, r.Given, r.Middle, r.Surname, tt.given, tt.middle, tt.surname)
		}
	}
}
