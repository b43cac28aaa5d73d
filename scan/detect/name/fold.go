package name

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folds maps the accented Latin letters U+00C0–U+017F to the lower-case
// ASCII letters the gazetteers spell them with (José → jose, Łukasz →
// lukasz, Strauß → strauss); "" for those that are not letters.
var folds = func() (t [0x180 - 0xC0]string) {
	set := func(s, to string) {
		for _, r := range s {
			t[r-0xC0] = to
		}
	}
	set("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a")
	set("Ææ", "ae")
	set("ÇçĆćĈĉĊċČč", "c")
	set("ÐðĎďĐđ", "d")
	set("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e")
	set("ĜĝĞğĠġĢģ", "g")
	set("ĤĥĦħ", "h")
	set("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i")
	set("Ĳĳ", "ij")
	set("Ĵĵ", "j")
	set("Ķķĸ", "k")
	set("ĹĺĻļĽľĿŀŁł", "l")
	set("ÑñŃńŅņŇňŉŊŋ", "n")
	set("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o")
	set("Œœ", "oe")
	set("ŔŕŖŗŘř", "r")
	set("ŚśŜŝŞşŠšſ", "s")
	set("ß", "ss")
	set("ŢţŤťŦŧ", "t")
	set("Þþ", "th")
	set("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u")
	set("Ŵŵ", "w")
	set("ÝýÿŶŷŸ", "y")
	set("ŹźŻżŽž", "z")
	return
}()

// fold returns the ASCII spelling of an accented Latin letter, or "".
func fold(r rune) string {
	switch {
	case r >= 0xC0 && r < 0x180:
		return folds[r-0xC0]
	case r >= 0x180 && r < 0x250:
		return foldsB[r-0x180]
	case r >= 0x1E00 && r < 0x1F00:
		return foldsExt[r-0x1E00]
	}
	return ""
}

// foldsB and foldsExt spell the letters of Latin Extended-B (Vietnamese
// Ơ and Ư, Romanian Ș and Ț) and Latin Extended Additional (Vietnamese
// Nguyễn, Trần, Lê Thị) by their base letter, which canonical
// decomposition gives; "" for those that have none in ASCII.
var foldsB, foldsExt = baseLetters(0x180, 0x250), baseLetters(0x1E00, 0x1F00)

func baseLetters(lo, hi rune) []string {
	t := make([]string, hi-lo)
	for r := lo; r < hi; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) > 0 && d[0] < utf8.RuneSelf && unicode.IsLetter(d[0]) {
			t[r-lo] = string(unicode.ToLower(d[0]))
		}
	}
	// Letters with a stroke or hook decompose to nothing.
	for r, b := range map[rune]string{'Ɓ': "b", 'ƀ': "b", 'Ɗ': "d", 'ƒ': "f", 'Ƒ': "f", 'Ɨ': "i", 'ƚ': "l", 'Ʈ': "t", 'Ƶ': "z", 'ƶ': "z"} {
		if r >= lo && r < hi {
			t[r-lo] = b
		}
	}
	return t
}

// apostrophe reports whether r joins the parts of a name: O'Brien,
// O’Brien (a typographic apostrophe, as word processors write it).
func apostrophe(r rune) bool { return r == '\'' || r == '’' }

// WordEnd returns where the name word that starts at text[i] ends: it
// runs over letters, accented ones included, apostrophes and hyphens, but
// leaves out a possessive 's (Raghunathan's card) and an apostrophe or
// hyphen that ends the word.
func WordEnd(text []byte, i int) int {
	st := i
	i = wordEnd(text, i)
	for {
		w := text[st:i]
		switch {
		case len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && w[len(w)-2] == '\'':
			return i - 2
		case len(w) > 5 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && string(w[len(w)-4:len(w)-1]) == "’":
			return i - 4
		case len(w) > 1 && (w[len(w)-1] == '\'' || w[len(w)-1] == '-'):
			i--
			continue
		case len(w) > 3 && string(w[len(w)-3:]) == "’":
			i -= 3
			continue
		}
		return i
	}
}

func wordEnd(text []byte, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '\'' || c == '-' {
				i++
				continue
			}
			return i
		}
		r, n := utf8.DecodeRune(text[i:])
		if !unicode.IsLetter(r) && !apostrophe(r) {
			return i
		}
		i += n
	}
	return i
}

// Capital reports whether w starts with a capital letter, accented ones
// included.
func Capital(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	if w[0] < utf8.RuneSelf {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	r, _ := utf8.DecodeRune(w)
	return unicode.IsUpper(r)
}
