package card

import "testing"

func TestParseTrack(t *testing.T) {
	for _, tc := range []struct {
		in              string
		pan, name, data string
		ok              bool
	}{
		{"%B4556737586899855^GARCIA/JOSE A^2712101000000123000000?x", "4556737586899855", "GARCIA/JOSE A", "000000123000000", true},
		{";4556737586899855=27121010000000000000?", "4556737586899855", "", "0000000000000", true},
		{"4556737586899855D27121010000000000000F", "4556737586899855", "", "0000000000000", true},
		{"4532015112830366^DOE/JOHN.MR^2710101", "4532015112830366", "DOE/JOHN.MR", "", true},
		{"4556737586899855=2713101", "", "", "", false},           // month 13
		{"4556737586899855=2712301", "", "", "", false},           // service code 3
		{"4556737586899856=2712101", "", "", "", false},           // Luhn
		{";4556737586899855^DOE/JOHN^2712101", "", "", "", false}, // track 2's sentinel, track 1's separator
		{"%B4556737586899855=2712101", "", "", "", false},         // and the other way round
		{"%B4556737586899855^X^2712101", "", "", "", false},       // a name of one letter
		{"%B4111111111111111^TEST/CARD^2712101", "", "", "", false},
	} {
		tr, ok := ParseTrack([]byte(tc.in), 0)
		if ok != tc.ok {
			t.Errorf("%q: ok %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		got := func(r [2]int) string { return tc.in[r[0]:r[1]] }
		if got(tr.PAN) != tc.pan || got(tr.Name) != tc.name || got(tr.Data) != tc.data {
			t.Errorf("%q: pan %q name %q data %q", tc.in, got(tr.PAN), got(tr.Name), got(tr.Data))
		}
	}
}

func FuzzParseTrack(f *testing.F) {
	f.Add("%B4556737586899855^GARCIA/JOSE A^2712101000000123000000?")
	f.Add(";4556737586899855=27121010000000000000?")
	f.Fuzz(func(t *testing.T, s string) {
		tr, ok := ParseTrack([]byte(s), 0)
		if !ok {
			return
		}
		for _, r := range [][2]int{tr.PAN, tr.Name, tr.Data} {
			if r[0] < 0 || r[1] < r[0] || r[1] > tr.End {
				t.Fatalf("%q: range %v outside the track (end %d)", s, r, tr.End)
			}
		}
		if tr.End > len(s) || !Luhn([]byte(s[tr.PAN[0]:tr.PAN[1]])) {
			t.Fatalf("%q: end %d, card number %q", s, tr.End, s[tr.PAN[0]:tr.PAN[1]])
		}
	})
}
