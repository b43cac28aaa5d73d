package scan_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gen"
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/detect"
	"github.com/breachkit/breachkit/scan/standard"
)

// achRecord lays fields out at 1-based positions of a 94-character
// NACHA record.
func achRecord(fields ...any) string { return achRecordN(94, fields...) }

// achRecordN lays fields out at 1-based positions of an n-character
// record (NACHA's 94, Metro 2's 426).
func achRecordN(n int, fields ...any) string {
	b := bytes.Repeat([]byte{' '}, n)
	for i := 0; i+1 < len(fields); i += 2 {
		copy(b[fields[i].(int)-1:], fields[i+1].(string))
	}
	return string(b)
}

// TestRecordFormats scans, with the shipped extractors and detectors,
// an ACH payroll file, HL7 admissions, an X12 834 enrollment, a Metro 2
// credit reporting file and an IRS FIRE file of Forms 1098 written for
// generated people, and checks that each person's values are found
// with their type in one record per person: routing number, account and
// name of each ACH entry; name, birth date, SSN and address of each HL7
// patient and 834 member; name, SSN, birth date, telephone and address
// of each Metro 2 account; name, TIN and address of each 1098 payee. Read
// as prose (before these formats were read), no ACH account or routing
// number, no HL7, 834 or Metro 2 birth date and no Metro 2 or 1098 SSN
// was found.
func TestRecordFormats(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	var ach, hl7, x12, m2 []string
	m2 = append(m2, achRecordN(426, 1, "0426", 5, "HEADER", 48, "12012026", 80, "ACME MORTGAGE SERVICING"))
	ach = append(ach, achRecord(1, "101", 4, " 071000505", 14, " 987654321", 24, "261201", 30, "1200", 34, "A094101", 41, "FIRST NATIONAL BANK", 64, "ACME PAYROLL INC"),
		achRecord(1, "5200", 5, "ACME PAYROLL INC", 41, "1987654321", 51, "PPD", 54, "PAYROLL", 80, "07100050", 88, "0000001"))
	isa := strings.Join([]string{"ISA", "00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ", "RECEIVER       ", "240301", "1200", "^", "00501", "000000001", "0", "P", ":"}, "*") + "~\n"
	x12 = append(x12, "GS*BE*SENDER*RECEIVER*20240301*1200*1*X*005010X220A1", "ST*834*0001*005010X220A1", "N1*P5*ACME MANUFACTURING*FI*751234567")
	want := map[string][]breachkit.Element{}
	for i := range n {
		p := gen.PersonAt(11, i)
		a := p.Addresses[0]
		tax := strings.ReplaceAll(p.SSN+p.ITIN, "-", "")
		dob := strings.ReplaceAll(p.DOB, "-", "")
		name := strings.ToUpper(p.Given + " " + p.Surname)
		ach = append(ach, achRecord(1, "622", 4, p.RoutingNumber, 13, p.BankAccount, 30, "0000150000", 40, fmt.Sprintf("EMP%05d", i), 55, name, 80, fmt.Sprintf("07100050%07d", i+1)))
		want[fmt.Sprintf("payroll.ach#entry=%d", i+1)] = []breachkit.Element{breachkit.BankAccount, breachkit.PersonName, breachkit.RoutingNumber}
		taxType := breachkit.SSN
		if p.SSN == "" {
			taxType = breachkit.ITIN
		}
		hl7 = append(hl7, fmt.Sprintf("MSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240301120000||ADT^A04|M%d|P|2.5", i),
			fmt.Sprintf("PID|1||MRN%07d^^^HOSP^MR||%s^%s||%s|F|||%s^%s^%s^%s^%s|||||M||ACCT%d|%s", 4470000+i, strings.ToUpper(p.Surname), strings.ToUpper(p.Given), dob,
				strings.ToUpper(a.Street), strings.ToUpper(a.Unit), strings.ToUpper(a.City), a.State, a.ZIP, i, p.SSN+p.ITIN))
		want[fmt.Sprintf("adt.hl7#msg=%d", i+1)] = slices.Sorted(slices.Values([]breachkit.Element{breachkit.Address, breachkit.DOB, breachkit.HealthID, breachkit.PersonName, taxType}))
		x12 = append(x12, "INS*Y*18*021*28*A***FT", fmt.Sprintf("NM1*IL*1*%s*%s****34*%s", strings.ToUpper(p.Surname), strings.ToUpper(p.Given), tax),
			"N3*"+strings.ToUpper(a.Street), fmt.Sprintf("N4*%s*%s*%s", strings.ToUpper(a.City), a.State, a.ZIP), "DMG*D8*"+dob+"*F", "HD*021**HLT")
		want[fmt.Sprintf("enroll.834#st=1,person=%d", i+1)] = slices.Sorted(slices.Values([]breachkit.Element{breachkit.Address, breachkit.DOB, breachkit.PersonName, taxType}))
	}
	for i := range n {
		p := gen.PersonAt(11, i)
		a := p.Addresses[0]
		tax := strings.ReplaceAll(p.SSN+p.ITIN, "-", "")
		dob := p.DOB[5:7] + p.DOB[8:10] + p.DOB[:4] // MMDDYYYY
		var phone []byte
		for _, c := range p.Phones[0] {
			if c >= '0' && c <= '9' {
				phone = append(phone, byte(c))
			}
		}
		phone = phone[len(phone)-10:]
		m2 = append(m2, achRecordN(426, 1, "0426", 5, "1", 6, "12012026120000", 21, "ACMEMTG001", 43, fmt.Sprintf("LN%010d", i), 73, "M", 74, "26",
			232, strings.ToUpper(p.Surname), 257, strings.ToUpper(p.Given), 298, tax, 307, dob, 315, string(phone), 325, "1",
			330, strings.ToUpper(a.Street), 394, strings.ToUpper(a.City), 414, a.State, 416, a.ZIP))
		taxType := breachkit.SSN
		if p.SSN == "" {
			taxType = breachkit.ITIN
		}
		want[fmt.Sprintf("credit.m2#account=%d", i+1)] = slices.Sorted(slices.Values([]breachkit.Element{breachkit.Address, breachkit.DOB, breachkit.PersonName, breachkit.Phone, taxType}))
	}
	m2 = append(m2, achRecordN(426, 1, "0426", 5, "TRAILER", 12, fmt.Sprintf("%09d", n)))
	// An IRS FIRE file of Forms 1098: transmitter, payer, a payee record
	// per person (sixteen payment amounts: the name at 248).
	fire := []string{achRecordN(750, 1, "T2025 123456789ABC12", 30, "ACME MORTGAGE SERVICING"), achRecordN(750, 1, "A2025", 12, "123456789", 53, "ACME MORTGAGE SERVICING")}
	for i := range n {
		p := gen.PersonAt(11, i)
		a := p.Addresses[0]
		tax := strings.ReplaceAll(p.SSN+p.ITIN, "-", "")
		fire = append(fire, achRecordN(750, 1, "B2025 "+strings.ToUpper(p.Surname + "XXXX")[:4]+"2"+tax+fmt.Sprintf("LN%010d", i), 55, strings.Repeat("0", 192),
			248, strings.ToUpper(p.Given+" "+p.Surname), 368, strings.ToUpper(a.Street), 448, strings.ToUpper(a.City), 488, a.State+a.ZIP))
		taxType := breachkit.SSN
		if p.SSN == "" {
			taxType = breachkit.ITIN
		}
		want[fmt.Sprintf("tax.1098#payee=%d", i+1)] = slices.Sorted(slices.Values([]breachkit.Element{breachkit.Address, breachkit.PersonName, taxType}))
	}
	fire = append(fire, achRecordN(750, 1, "C00000040"), achRecordN(750, 1, "F00000001"))
	x12 = append(x12, "SE*99*0001", "GE*1*1", "IEA*1*000000001")
	files := map[string]string{
		"payroll.ach": strings.Join(ach, "\n") + "\n",
		"adt.hl7":     strings.Join(hl7, "\r") + "\r",
		"enroll.834":  isa + strings.Join(x12, "~\n") + "~\n",
		"credit.m2":   strings.Join(m2, "\n") + "\n",
		"tax.1098":    strings.Join(fire, "\r\n") + "\r\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, formats := scanTypes(t, dir, standard.Extractors())
	if want := map[string]string{"payroll.ach": "nacha", "adt.hl7": "hl7", "enroll.834": "x12", "credit.m2": "metro2", "tax.1098": "irs-fire"}; !mapsEqual(formats, want) {
		t.Errorf("formats %v, want %v", formats, want)
	}
	for rec, w := range want {
		g := slices.Sorted(slices.Values(got[rec]))
		if !slices.Equal(g, w) {
			t.Errorf("%s: found %v, want %v", rec, g, w)
		}
	}
	// The same files read as prose, as they were before.
	var prose []scan.Extractor
	for _, x := range standard.Extractors() {
		if f := x.Format(); f != "nacha" && f != "hl7" && f != "x12" && f != "metro2" && f != "irs-fire" {
			prose = append(prose, x)
		}
	}
	before, _ := scanTypes(t, dir, prose)
	for rec, types := range before {
		for _, missed := range []struct {
			file string
			typ  breachkit.Element
		}{{"payroll.ach", breachkit.BankAccount}, {"payroll.ach", breachkit.RoutingNumber}, {"adt.hl7", breachkit.DOB}, {"enroll.834", breachkit.DOB}, {"credit.m2", breachkit.DOB}, {"credit.m2", breachkit.SSN}, {"tax.1098", breachkit.SSN}} {
			if strings.HasPrefix(rec, missed.file) && slices.Contains(types, missed.typ) {
				t.Errorf("read as prose, %s has %s: the test no longer shows what the extractors add", rec, missed.typ)
			}
		}
	}
}

// scanTypes scans dir with the extractors and the shipped detectors and
// returns the types found in each record (paths relative to dir) and
// the format of each file.
func scanTypes(t *testing.T, dir string, xs []scan.Extractor) (map[string][]breachkit.Element, map[string]string) {
	eng := detect.New(detect.Config{})
	var mu sync.Mutex
	got := map[string][]breachkit.Element{}
	sum, err := scan.Run(context.Background(), []string{dir}, scan.Options{Extractors: xs, Workers: 2, Detect: eng.Detect,
		Stored: func(fs []*breachkit.Finding) {
			mu.Lock()
			defer mu.Unlock()
			for _, f := range fs {
				rec := strings.TrimPrefix(filepath.ToSlash(f.Record), filepath.ToSlash(dir)+"/")
				if !slices.Contains(got[rec], f.Type) {
					got[rec] = append(got[rec], f.Type)
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]string{}
	for _, s := range sum.Sources {
		formats[filepath.Base(s.Path)] = s.Format
		if s.Status != breachkit.SourceDone {
			t.Errorf("%s: %s %s", s.Path, s.Status, s.Reason)
		}
	}
	return got, formats
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
