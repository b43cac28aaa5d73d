package aamva

import (
	"strings"
	"testing"
)

// card is the decoded barcode of a licence made up for these tests: no
// one's.
const card = "@\n\x1e\rANSI 636026080102DL00410288ZA03290015DLDAQD44719023\nDCSORTIZ-BAUER\nDDEN\nDACMARISOL\nDDFN\nDADELENA\nDDGN\nDCAD\nDCBNONE\nDCDNONE\nDBD08242021\nDBB03141986\nDBA03142029\nDBC2\nDAU065 in\nDAYBRO\nDAG2219 W CAMELBACK RD\nDAIPHOENIX\nDAJAZ\nDAK850154127  \nDCF83D9BN217QO983B1\nDCGUSA\nDDAF\r\nZAZAN\n"

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       map[Kind]string
	}{
		{"2016 version, as a decoder prints it", card, map[Kind]string{Number: "D44719023", Surname: "ORTIZ-BAUER", Given: "MARISOL", Middle: "ELENA",
			BirthDate: "03141986", Street: "2219 W CAMELBACK RD", City: "PHOENIX", State: "AZ", ZIP: "85015"}},
		{"2000 version: one name element, lines ending in CR LF", "ANSI 636014010102DL00390187ZC02260039DLDAANGUYEN,THANH,V\r\nDAG4410 ELM ST\r\nDAISACRAMENTO\r\nDAJCA\r\nDAK958190000\r\nDAQA6621470\r\nDBB19770921\r\n",
			map[Kind]string{FullName: "NGUYEN,THANH,V", Street: "4410 ELM ST", City: "SACRAMENTO", State: "CA", ZIP: "95819", Number: "A6621470", BirthDate: "19770921"}},
		{"2009 version: given names together, a Canadian postal code", "ANSI 604428030002DL00410250ZO02910046DLDCSTREMBLAY\nDCTJEAN MARC\nDAQT6512-40718-20315\nDAJON\nDAKK1P 5N2    \nDBB19800315\n",
			map[Kind]string{Surname: "TREMBLAY", Given: "JEAN", Number: "T6512-40718-20315", State: "ON", ZIP: "K1P 5N2", BirthDate: "19800315"}},
	} {
		i := strings.Index(tc.text, "ANSI ")
		if !Header([]byte(tc.text), i) {
			t.Errorf("%s: no header", tc.name)
			continue
		}
		c := Read([]byte(tc.text), i)
		fields, end := c.Fields, c.End
		got := map[Kind]string{}
		for _, f := range fields {
			got[f.Kind] = tc.text[f.Start:f.End]
		}
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("%s: element %d = %q, want %q", tc.name, k, got[k], v)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d elements %q, want %d", tc.name, len(got), got, len(tc.want))
		}
		if end <= i || end > len(tc.text) {
			t.Errorf("%s: end %d", tc.name, end)
		}
	}
}

func TestNotAHeader(t *testing.T) {
	for _, s := range []string{"ANSI C99 mode", "ANSI 123456 DLDAQX", "ANSI 63602", "the ANSI 636 standard"} {
		if i := strings.Index(s, "ANSI"); Header([]byte(s), i) {
			t.Errorf("%q: a header", s)
		}
	}
}

// FuzzRead checks that no input panics Read and that every element lies
// in the text.
func FuzzRead(f *testing.F) {
	f.Add(card)
	f.Add("ANSI 636000\nDAQ\nDCS")
	f.Add("ANSI 604428030002DL00410250ZO02910046DLDCS")
	f.Fuzz(func(t *testing.T, s string) {
		i := strings.Index(s, "ANSI ")
		if i < 0 || !Header([]byte(s), i) {
			return
		}
		c := Read([]byte(s), i)
		fields, end := c.Fields, c.End
		if end > len(s) {
			t.Fatalf("end %d of %d", end, len(s))
		}
		for _, fl := range fields {
			if fl.Start < i || fl.End > len(s) || fl.Start >= fl.End {
				t.Fatalf("element %+v outside the text", fl)
			}
		}
	})
}
