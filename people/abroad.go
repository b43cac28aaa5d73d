package people

import (
	"strings"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
	"github.com/nyaruka/phonenumbers"
)

// abroad collects what a person's identifiers say about the country they
// live in, for an address that names no state and no country: a
// five-digit postal code is a ZIP Code of some state (10115 is in New
// York) and a Postleitzahl in Berlin alike. An IBAN's country, an
// international phone number's country, a national number's country and
// a street written in a country's words and form are that evidence.
type abroad struct {
	iban, phone, nat string // ISO 3166-1 codes; "" when none or not one country
	ibanMixed        bool
	phoneMixed       bool
	natMixed         bool // national numbers of several countries
}

// add notes an identifier's country.
func (b *abroad) add(id Ident) {
	switch id.Type {
	case breachkit.BankAccount:
		if c := ibanCountry(id.Value); c != "" {
			b.iban, b.ibanMixed = merge(b.iban, c, b.ibanMixed)
		}
	case breachkit.Phone:
		if c := phoneCountry(id.Value); c != "" {
			b.phone, b.phoneMixed = merge(b.phone, c, b.phoneMixed)
		}
	case breachkit.GovID:
		if id.Country != "" {
			b.nat, b.natMixed = merge(b.nat, id.Country, b.natMixed)
		}
	}
}

func merge(have, c string, mixed bool) (string, bool) {
	if mixed || have != "" && have != c {
		return "", true
	}
	return c, false
}

// country returns the country the evidence agrees on for address a, and
// how it was told, or "" when the address's own ZIP Code or state is to
// be trusted: a is not foreign unless it names no state and no country,
// and either a national number of a country names it that nothing
// contradicts, or the IBAN and the phone name the same country, or one
// of them does and the street is written as Europe writes it, the number
// after the name ("Hauptstraße 5"), or the street's words name a country
// (streetCountry) that nothing contradicts.
func (b *abroad) country(a *Address) (string, string) {
	if a == nil || strings.TrimSpace(a.Country) != "" || zip5(a.ZIP) == "" {
		return "", ""
	}
	if st := strings.TrimSpace(a.State); st != "" {
		// A state that is not its ZIP Code's: a typo, or a province
		// abroad ("Via Dante 5, 20121 Milano MI": Milan's code is
		// Michigan's, its postal code a ZIP Code in Virginia). Only a
		// street in a country's form, that nothing contradicts, says
		// which.
		zs, ok := gazetteer.StateForZIP(zip5(a.ZIP))
		if !ok || normState(st) == zs.Abbr {
			return "", ""
		}
		if c := streetCountry(a.Street, zip5(a.ZIP)); c != "" && !b.ibanMixed && !b.phoneMixed && (b.iban == "" || b.iban == c) && (b.phone == "" || b.phone == c) {
			return c, "street written as in that country (its state is not its postal code's)"
		}
		return "", ""
	}
	iban, phone := b.iban, b.phone
	if n := b.national(); n != "" {
		return n, "national number of that country (the postal code gives no state)"
	}
	switch {
	case iban != "" && phone != "" && iban == phone:
		return iban, "IBAN and phone country (the postal code gives no state)"
	case iban != "" && phone == "" && !b.phoneMixed && numberLast(a.Street):
		return iban, "IBAN country and street form (the postal code gives no state)"
	case phone != "" && iban == "" && !b.ibanMixed && numberLast(a.Street):
		return phone, "phone country and street form (the postal code gives no state)"
	}
	// The street alone, in a country's own words and form ("Hauptstraße
	// 5", "12 rue de la Paix"), when nothing names another country.
	if c := streetCountry(a.Street, zip5(a.ZIP)); c != "" && !b.ibanMixed && !b.phoneMixed && (iban == "" || iban == c) && (phone == "" || phone == c) {
		return c, "street written as in that country (the postal code gives no state)"
	}
	return "", ""
}

// noAddress returns the country of a person with no address at all, and
// how it was told: a national number of it, or an IBAN and an
// international phone number that name it both (one alone is a bank's or
// a handset's country, not always the home's); "" otherwise.
func (b *abroad) noAddress() (string, string) {
	if n := b.national(); n != "" {
		return n, "national number of that country (no address found)"
	}
	if b.iban != "" && b.iban == b.phone && !b.ibanMixed && !b.phoneMixed {
		return b.iban, "IBAN and phone country (no address found)"
	}
	return "", ""
}

// national returns the country of the person's national numbers, checked
// by their own rules (France's NIR, Italy's codice fiscale) and issued to
// that country's residents, when no IBAN or phone of theirs names
// another; "" otherwise.
func (b *abroad) national() string {
	if n := b.nat; n != "" && !b.natMixed && !b.ibanMixed && !b.phoneMixed && (b.iban == "" || b.iban == n) && (b.phone == "" || b.phone == n) {
		return n
	}
	return ""
}

// streetCountry returns the country whose five-digit postal codes go
// with a street line written in its words and form, or "": a German
// street name and its number after it (Hauptstraße 5, Lindenweg 12), an
// Italian one (Via Roma 12), a Spanish one (Calle Mayor 5; not with a
// ZIP Code of Puerto Rico, whose streets are named so too), or a French
// number and "rue", "allée", "impasse", "chemin" (12 rue de la Paix).
func streetCountry(street, zip string) string {
	f := strings.Fields(strings.ToLower(street))
	if len(f) < 2 {
		return ""
	}
	if numberLast(street) {
		name := f[len(f)-2]
		for _, suf := range []string{"straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "ring", "damm", "ufer", "chaussee"} {
			if strings.HasSuffix(name, suf) || f[0] == suf {
				return "DE"
			}
		}
		switch f[0] {
		case "via", "viale", "piazza", "corso", "vicolo":
			return "IT"
		case "calle", "avenida", "paseo", "plaza", "camino":
			if zip != "" && zip >= "00600" && zip <= "00999" {
				return ""
			}
			return "ES"
		}
		return ""
	}
	if f[0][0] >= '0' && f[0][0] <= '9' {
		switch strings.TrimSuffix(f[1], ",") {
		case "rue", "allée", "allee", "impasse", "chemin", "quai":
			return "FR"
		case "avenue", "boulevard", "place", "cours", "passage", "square", "esplanade":
			// Written in small letters, as France writes them
			// ("3 avenue Jean Jaurès"); a US street capitalises its
			// Avenue and Place.
			if strings.Fields(street)[1][0] >= 'a' {
				return "FR"
			}
		}
	}
	return ""
}

// ibanCountry returns the country of an IBAN other than a US one (the
// United States issues none), or "".
func ibanCountry(v string) string {
	v = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(v), " ", ""))
	if len(v) < 15 || len(v) > 34 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' || v[2] < '0' || v[2] > '9' || v[3] < '0' || v[3] > '9' {
		return ""
	}
	return v[:2]
}

// phoneCountry returns the country of a number written internationally
// with a calling code other than North America's (+1), or "".
func phoneCountry(v string) string {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "00") || strings.HasPrefix(v, "+1") || strings.HasPrefix(v, "001") {
		return ""
	}
	if strings.HasPrefix(v, "00") {
		v = "+" + v[2:]
	}
	n, err := phonenumbers.Parse(v, "")
	if err != nil {
		return ""
	}
	c := phonenumbers.GetRegionCodeForNumber(n)
	if c == "ZZ" || c == "US" {
		return ""
	}
	return c
}

// numberLast reports a street written name first, number last
// ("Hauptstraße 5", "Via Roma 12a"), as most of Europe writes it.
func numberLast(street string) bool {
	f := strings.Fields(street)
	if len(f) < 2 {
		return false
	}
	first, last := f[0], f[len(f)-1]
	if first[0] >= '0' && first[0] <= '9' {
		return false
	}
	return last[0] >= '0' && last[0] <= '9' && len(last) <= 5
}

// australian reads an address in an Australian state ("Sydney, NSW,
// 2000") as Australia's: the postcode keeps its four digits (padZIP had
// taken 2000 for a ZIP Code that lost its leading zero, 02000 in
// Massachusetts) and the country is AU. WA is also Washington's: only a
// four-digit postcode starting with 6 says Western Australia. It reports
// whether it did. Records are compared as they were written; this is for
// placing and addressing the person.
func australian(a *Address) bool {
	if a.Country != "" {
		return false
	}
	st, ok := gazetteer.AustralianState(a.State)
	if !ok {
		return false
	}
	z := a.ZIP
	if len(z) == 5 && z[0] == '0' {
		z = z[1:]
	}
	if z != "" && !gazetteer.AustralianPostcode(z) || st == "WA" && (len(z) != 4 || z[0] != '6') {
		return false
	}
	a.ZIP, a.Country = z, "AU"
	return true
}
