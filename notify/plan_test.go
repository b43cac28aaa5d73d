package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/people"
)

func TestPlan(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 50)
	comp := testComposer(t, nil)
	if _, err := Plan(ctx, f.store, f.c, f.keys, comp, false); err == nil || !strings.Contains(err.Error(), "unused codes") {
		t.Fatalf("plan without codes: %v", err)
	}
	f.addCodes(t, 60)
	dry, err := Plan(ctx, f.store, f.c, f.keys, comp, true)
	if err != nil {
		t.Fatal(err)
	}
	if dry.Notices[breachkit.ChannelMail] != 45 || dry.Notices[breachkit.ChannelSubstitute] != 5 || dry.Notices[breachkit.ChannelEmail] != 50 || dry.Added != 0 {
		t.Fatalf("dry run = %+v", dry)
	}
	res, err := Plan(ctx, f.store, f.c, f.keys, comp, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 45+5+50+1 || res.Codes != 50 {
		t.Fatalf("plan = %+v", res)
	}
	again, err := Plan(ctx, f.store, f.c, f.keys, comp, false)
	if err != nil || again.Added != 0 {
		t.Fatalf("second plan = %+v, %v", again, err)
	}
	if total, assigned, _ := f.store.CountCodes(ctx, f.c.ID, breachkit.CodePool{}); total != 60 || assigned != 50 {
		t.Fatalf("codes %d/%d after two plans", assigned, total)
	}
}

func TestImportCodes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 1)
	in := "code,batch\nAAA-1,x\n\nBBB-2,x\nAAA-1,x\n,x\n\"unterminated\n"
	res, err := ImportCodes(ctx, f.store, f.c.ID, f.keys, "p", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Duplicates != 1 || len(res.Errors) != 2 {
		t.Fatalf("import = %+v", res)
	}
	for _, e := range res.Errors {
		if strings.Contains(e, "AAA") || strings.Contains(e, "BBB") {
			t.Fatalf("error quotes a code: %s", e)
		}
	}
	again, _ := ImportCodes(ctx, f.store, f.c.ID, f.keys, "p", strings.NewReader("AAA-1\nCCC-3\n"))
	if again.Added != 1 || again.Duplicates != 1 {
		t.Fatalf("second import = %+v", again)
	}
}

func TestCompatibleNames(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Dennis Fuller", "DENNIS FULLER", true},
		{"Dennis Fuller Dennis", "Dennis Fuller", true},
		{"Sandra Moore", "Sandra J. Moore", true},
		{"", "Rickey Calderon", true},
		{"Sandra Moore", "Samuel Moore", false},
		{"Ann Lee", "Ann Leigh", false},
	}
	for _, tt := range tests {
		if got := compatibleNames(nameWords(tt.a), nameWords(tt.b)); got != tt.want {
			t.Errorf("compatibleNames(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// TestPlanBare leaves out people of whom nothing was found but a name
// alone (a letter's signatory) or an address alone (its letterhead):
// there is nothing to tell them, and no letter goes to a nameless
// address.
func TestPlanBare(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 10)
	i := 0
	err := f.store.ReplacePeople(ctx, f.c.ID, func() (*breachkit.Person, error) {
		i++
		var p *breachkit.Person
		var prof people.Profile
		switch i {
		case 1:
			prof = people.Profile{Given: "Ana", Surname: "Souza", Address: &people.Address{Street: "2093 Highland St", City: "Glen Springs", State: "NC", ZIP: "28277"}}
			p = &breachkit.Person{Jurisdiction: "US-NC", AddressQuality: people.QualityDeliverable,
				Elements: breachkit.NewElementSet(breachkit.PersonName, breachkit.Address, breachkit.SSN)}
		case 2:
			prof = people.Profile{Given: "Maria", Surname: "Lopez"}
			p = &breachkit.Person{Jurisdiction: "unknown", AddressQuality: people.QualityNone, Elements: breachkit.NewElementSet(breachkit.PersonName)}
		case 3:
			prof = people.Profile{Address: &people.Address{Street: "PO Box 1000", City: "Dallas", State: "TX", ZIP: "75201"}}
			p = &breachkit.Person{Jurisdiction: "US-TX", AddressQuality: people.QualityDeliverable, Elements: breachkit.NewElementSet(breachkit.Address)}
		default:
			return nil, nil
		}
		p.CaseID, p.Key = f.c.ID, fmt.Sprintf("b%d", i)
		b, _ := json.Marshal(prof)
		p.Profile = f.keys.Seal(breachkit.PersonName, b)
		return p, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f.addCodes(t, 10)
	res, err := Plan(ctx, f.store, f.c, f.keys, testComposer(t, nil), true)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bare != 2 || res.People != 1 || res.Notices[breachkit.ChannelMail] != 1 || res.Notices[breachkit.ChannelSubstitute] != 0 {
		t.Errorf("plan = %+v", res)
	}
}

// TestPlanMinors checks a minors' product (monitoring.minors): people
// under eighteen on the letter's date get a code of its own pool and
// their parent's letter offers it, adults get the adults' codes, and a
// plan stops, naming the minors' provider, while its pool lacks codes.
func TestPlanMinors(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, t.TempDir(), 0)
	births := []string{"1980-02-11", "2012-06-30", "1975-09-02", "2009-01-17"} // letter date 2023-12-15
	i := 0
	if err := f.store.ReplacePeople(ctx, f.c.ID, func() (*breachkit.Person, error) {
		if i == len(births) {
			return nil, nil
		}
		prof := people.Profile{Given: "Given" + letters(i+1), Surname: "Surname", BirthDate: births[i],
			Address: &people.Address{Street: fmt.Sprintf("%d Example Street", i+1), City: "Austin", State: "TX", ZIP: "78701"}}
		b, _ := json.Marshal(prof)
		p := &breachkit.Person{CaseID: f.c.ID, Key: fmt.Sprintf("m%d", i), Jurisdiction: "US-TX", Profile: f.keys.Seal(breachkit.PersonName, b),
			Elements: breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN, breachkit.DOB), AddressQuality: people.QualityDeliverable}
		i++
		return p, nil
	}); err != nil {
		t.Fatal(err)
	}
	comp := testComposer(t, func(c *Config) {
		c.Monitoring.Minors = MinorsOffer{Provider: "Example Minor Watch", Months: 36, EnrollURL: "https://example.com/minors"}
	})
	f.addCodes(t, 5) // the adults' product's
	if _, err := Plan(ctx, f.store, f.c, f.keys, comp, true); err == nil || !strings.Contains(err.Error(), `2 minors`) || !strings.Contains(err.Error(), `--provider "Example Minor Watch"`) {
		t.Fatalf("plan without minors' codes: %v", err)
	}
	if _, err := ImportCodes(ctx, f.store, f.c.ID, f.keys, "Example Minor Watch", strings.NewReader("MINORCODE-1\nMINORCODE-2\n")); err != nil {
		t.Fatal(err)
	}
	res, err := Plan(ctx, f.store, f.c, f.keys, comp, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Codes != 4 {
		t.Fatalf("codes given: %d, want 4", res.Codes)
	}
	var ids []int64
	if err := f.store.People(ctx, f.c.ID, false, func(p *breachkit.Person) error { ids = append(ids, p.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	codes, err := f.store.CodesOf(ctx, f.c.ID, ids)
	if err != nil {
		t.Fatal(err)
	}
	for k, id := range ids {
		want := "Example Identity Services"
		if k%2 == 1 {
			want = "Example Minor Watch"
		}
		if c := codes[id]; c == nil || c.Provider != want {
			t.Errorf("person born %s: code %+v, want one of %s", births[k], c, want)
		}
	}
	// The letter offers what its code enrols in.
	p := samplePerson
	p.Jurisdiction = "US-TX"
	p.Recipient.Name, p.Recipient.Child, p.MinorsCode = "Parent or Guardian of Sam Lee", "Sam Lee", true
	l, err := comp.Compose("BK-1", p)
	if err != nil {
		t.Fatal(err)
	}
	text := letterText(l)
	if !strings.Contains(text, "36 months of identity monitoring for minors from Example Minor Watch") || !strings.Contains(text, "https://example.com/minors") {
		t.Errorf("a minor's letter offers:\n%s", text)
	}
	p.MinorsCode = false
	if l, err = comp.Compose("BK-2", p); err != nil || !strings.Contains(letterText(l), "24 months of credit monitoring and identity protection services from Example Identity Services") {
		t.Errorf("an adult product's letter: %v\n%s", err, letterText(l))
	}
}
