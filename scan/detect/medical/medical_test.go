package medical

import (
	"strings"
	"testing"
)

func TestShapes(t *testing.T) {
	tests := []struct {
		s                 string
		icd10, icd9, proc bool
	}{
		{"E11.9", true, false, false},
		{"S72.001A", true, false, false},
		{"I10", true, false, false},
		{"F32.A", true, false, false},
		{"E119", true, true, false}, // also an ICD-9 external cause (E + three digits)
		{"U07.1", true, false, false},
		{"250.00", false, true, false},
		{"V70.0", true, true, false}, // V codes are in both revisions
		{"E880.9", false, true, false},
		{"99213", false, false, true},
		{"0001F", false, false, true},
		{"G0439", true, false, true}, // also G04.39 without its period
		{"E11.", false, false, false},
		{"E1", false, false, false},
		{"e11.9", false, false, false},
		{"E11.91234", false, false, false},
		{"9921", false, false, false},
		{"25.0", false, false, false},
	}
	for _, tt := range tests {
		b := []byte(tt.s)
		if ICD10(b) != tt.icd10 || ICD9(b) != tt.icd9 || Procedure(b) != tt.proc {
			t.Errorf("%q: ICD10 %v ICD9 %v Procedure %v, want %v %v %v", tt.s, ICD10(b), ICD9(b), Procedure(b), tt.icd10, tt.icd9, tt.proc)
		}
	}
}

func TestCodes(t *testing.T) {
	tests := []struct {
		text string // the keyword ends at the first '|'
		want []string
	}{
		{"Dx|: E11.9, I10 and F32.A.", []string{"E11.9", "I10", "F32.A"}},
		{"ICD|-10-CM code S72.001A", []string{"S72.001A"}},
		{"diagnosed| with E11.65; J45.909", []string{"E11.65", "J45.909"}},
		{"Dx| team", nil},
		{"Dx| E11-9", nil},
		{"dx| Ebola", nil},
	}
	for _, tt := range tests {
		i := 0
		for tt.text[i] != '|' {
			i++
		}
		text := []byte(tt.text[:i] + tt.text[i+1:])
		var got []string
		if st, en := Labelled(text, i); en > 0 && (st < i || en > len(text) || st >= en) {
			t.Fatalf("Labelled(%q, %d) = %d, %d", text, i, st, en)
		}
		for _, c := range Codes(text, i, nil) {
			got = append(got, string(text[c[0]:c[1]]))
		}
		if len(got) != len(tt.want) {
			t.Errorf("Codes(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("Codes(%q) = %q, want %q", tt.text, got, tt.want)
			}
		}
	}
}

func TestCodeListAndText(t *testing.T) {
	if !CodeList([]byte("E11.9; I10"), Diagnosis) || CodeList([]byte("E11.9; hello"), Diagnosis) || CodeList([]byte(" "), Diagnosis) {
		t.Error("CodeList")
	}
	if !Text([]byte("Type 2 diabetes")) || Text([]byte("N/A")) || Text([]byte("12345")) || Text([]byte("a@b.org")) {
		t.Error("Text")
	}
}

func TestLabelled(t *testing.T) {
	tests := []struct{ text, want string }{ // the keyword ends at '|'
		{"Diagnosis|: Essential hypertension\nnext", "Essential hypertension"},
		{"Medications| : Metformin 500 mg; lisinopril.", "Metformin 500 mg; lisinopril"},
		{"Dx| hypertension", ""},
		{"Dx|: N/A", ""},
		{"Dx|: 250.00", ""},
		{"Dx|: call jdoe@example.com", ""},
	}
	for _, tt := range tests {
		i := strings.IndexByte(tt.text, '|')
		text := []byte(tt.text[:i] + tt.text[i+1:])
		st, en := Labelled(text, i)
		if got := string(text[st:en]); got != tt.want {
			t.Errorf("Labelled(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzCodes checks that Codes never panics and returns ICD-10 codes
// inside the text after the keyword.
func FuzzCodes(f *testing.F) {
	f.Add([]byte("Dx: E11.9, I10"), 2)
	f.Add([]byte("ICD-10-CM S72.001A"), 3)
	f.Fuzz(func(t *testing.T, text []byte, i int) {
		if i < 0 || i > len(text) {
			return
		}
		for _, c := range Codes(text, i, nil) {
			if c[0] < i || c[1] > len(text) || c[0] >= c[1] || !ICD10(text[c[0]:c[1]]) {
				t.Fatalf("Codes(%q, %d) gave %v", text, i, c)
			}
		}
	})
}
