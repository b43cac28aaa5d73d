package custom

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCompile(t *testing.T) {
	tests := []struct {
		name string
		ids  []Identifier
		ok   bool
	}{
		{"valid", []Identifier{{Name: "loan_number", Pattern: `LN-\d{10}`, Examples: []string{"LN-0123456789"}, NotExamples: []string{"LN-12"}}}, true},
		{"example fails", []Identifier{{Name: "x", Pattern: `\d{3}`, Examples: []string{"12"}}}, false},
		{"not_example matches", []Identifier{{Name: "x", Pattern: `\d{3}`, NotExamples: []string{"123"}}}, false},
		{"no pattern", []Identifier{{Name: "x"}}, false},
		{"bad regexp", []Identifier{{Name: "x", Pattern: `(`}}, false},
		{"twice", []Identifier{{Name: "x", Pattern: `a`}, {Name: "CUSTOM_X", Pattern: `b`}}, false},
	}
	for _, tt := range tests {
		rules, err := Compile(tt.ids)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if tt.ok && (rules[0].Type != "CUSTOM_LOAN_NUMBER" || rules[0].Prefix != "LN-") {
			t.Errorf("%s: rule %+v", tt.name, rules[0])
		}
	}
}

func TestLoadYAMLAndJSON(t *testing.T) {
	dir := t.TempDir()
	y := filepath.Join(dir, "c.yaml")
	os.WriteFile(y, []byte("identifiers:\n  - name: MEMBER\n    pattern: 'M\\d{6}'\n    keywords: [member number]\n    columns: [Member No]\n"), 0o644)
	j := filepath.Join(dir, "c.json")
	os.WriteFile(j, []byte(`{"identifiers":[{"name":"MEMBER","pattern":"M\\d{6}"}]}`), 0o644)
	for _, p := range []string{y, j} {
		rules, err := Load(p)
		if err != nil || len(rules) != 1 || !rules[0].Re.MatchString("M123456") {
			t.Fatalf("%s: %v", p, err)
		}
	}
	rules, _ := Load(y)
	if !rules[0].Column("memberno") || len(rules[0].Keywords) != 2 {
		t.Errorf("columns/keywords not normalised: %+v", rules[0])
	}
}
