package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/people"
	"github.com/breachkit/breachkit/sqlite"
	"github.com/breachkit/breachkit/vault"
)

// fixture is a case with people and obligations, as scan, people and
// duties would leave it, built directly so that notify is tested alone.
type fixture struct {
	store breachkit.Store
	c     *breachkit.Case
	keys  *vault.CaseKeys
	path  string // the SQLite file
	// dataKey opens the case in another process.
	dataKey []byte
}

var fixtureStates = []struct{ code, city, zip string }{
	{"CA", "Sacramento", "95814"}, {"MD", "Baltimore", "21201"}, {"MA", "Boston", "02108"},
	{"TX", "Austin", "78701"}, {"NY", "Albany", "12207"},
}

// newFixture makes a case of n people spread over five states; every
// tenth has no usable address (substitute notice) and everyone has an
// email at the example.test domain.
func newFixture(t testing.TB, dir string, n int) *fixture {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "case.db")
	store, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	dk := vault.GenerateKey()
	c := &breachkit.Case{Name: "test", CreatedAt: time.Now(), Discovered: time.Date(2023, 10, 31, 0, 0, 0, 0, time.UTC), WrappedKey: []byte("unused"), MasterKeyID: "k"}
	if err := store.CreateCase(ctx, c); err != nil {
		t.Fatal(err)
	}
	keys, err := vault.NewCaseKeys(c.ID, dk)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	err = store.ReplacePeople(ctx, c.ID, func() (*breachkit.Person, error) {
		if i == n {
			return nil, nil
		}
		i++
		st := fixtureStates[i%len(fixtureStates)]
		prof := people.Profile{Given: "Given" + letters(i), Surname: "Surname", Emails: []string{fmt.Sprintf("person%d@example.test", i)}}
		p := &breachkit.Person{CaseID: c.ID, Key: fmt.Sprintf("p%06d", i), Jurisdiction: "US-" + st.code,
			Elements: breachkit.NewElementSet(breachkit.PersonName, breachkit.SSN, breachkit.DOB), AddressQuality: people.QualityDeliverable}
		if i%10 == 0 {
			p.AddressQuality = people.QualityNone
		} else {
			prof.Address = &people.Address{Street: fmt.Sprintf("%d Example Street", i), City: st.city, State: st.code, ZIP: st.zip}
		}
		b, _ := json.Marshal(prof)
		p.Profile = keys.Seal(breachkit.PersonName, b)
		return p, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var obs []breachkit.Obligation
	for _, st := range fixtureStates {
		obs = append(obs, breachkit.Obligation{CaseID: c.ID, Jurisdiction: "US-" + st.code, Regime: "state-breach-law",
			Duty: breachkit.DutyIndividuals, Recipient: "affected residents", Affected: int64(n / len(fixtureStates)), Citation: "test"})
	}
	obs = append(obs, breachkit.Obligation{CaseID: c.ID, Jurisdiction: "US-CA", Regime: "state-breach-law",
		Duty: breachkit.DutyRegulator, Recipient: "California Attorney General", Affected: int64(n / len(fixtureStates)), Citation: "Cal. Civ. Code § 1798.82(f)"})
	if err := store.ReplaceObligations(ctx, c.ID, obs, nil); err != nil {
		t.Fatal(err)
	}
	return &fixture{store: store, c: c, keys: keys, path: path, dataKey: dk}
}

// letters spells i in letters, so that generated names hold no digits.
func letters(i int) string {
	var b strings.Builder
	for ; i > 0; i /= 26 {
		b.WriteByte(byte('a' + i%26))
	}
	return b.String()
}

// addCodes fills the case's pool with n fictional codes.
func (f *fixture) addCodes(t testing.TB, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("activation_code\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "TESTCODE-%06d\n", i)
	}
	res, err := ImportCodes(context.Background(), f.store, f.c.ID, f.keys, "Example Identity Services", strings.NewReader(b.String()))
	if err != nil || res.Added != n {
		t.Fatalf("ImportCodes = %+v, %v", res, err)
	}
}
