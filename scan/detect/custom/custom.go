// Package custom holds user-defined identifiers: a loan number, a member
// number, anything a company issues that identifies its people. They are
// declared in a YAML or JSON file:
//
//	identifiers:
//	  - name: LOAN_NUMBER          # reported as CUSTOM_LOAN_NUMBER
//	    pattern: 'LN-\d{10}'       # Go regular expression for the whole value
//	    keywords: [loan, "loan number"]
//	    columns: [loan_number, loan_no, "loan #"]
//	    examples: [LN-0123456789]  # must match, checked on load
//	    not_examples: [LN-12]      # must not match, checked on load
//	    confidence: 0.9            # without keyword or column; default 0.8
//
// A pattern with a literal prefix ("LN-") is found by searching for the
// prefix; one without is tried on each run of letters, digits and dashes
// that contains a digit.
package custom

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/breachkit/breachkit"
)

// Identifier is one user-defined identifier, as written in the file.
type Identifier struct {
	Name        string   `yaml:"name" json:"name"`
	Pattern     string   `yaml:"pattern" json:"pattern"`
	Keywords    []string `yaml:"keywords" json:"keywords"`
	Columns     []string `yaml:"columns" json:"columns"`
	Examples    []string `yaml:"examples" json:"examples"`
	NotExamples []string `yaml:"not_examples" json:"not_examples"`
	Confidence  float64  `yaml:"confidence" json:"confidence"`
}

// File is the configuration file.
type File struct {
	Identifiers []Identifier `yaml:"identifiers" json:"identifiers"`
}

// Rule is a compiled identifier.
type Rule struct {
	Type       breachkit.Element
	Re         *regexp.Regexp // anchored at both ends
	Prefix     string         // literal prefix of every match, may be empty
	Keywords   []string       // lower case single words
	Columns    []string       // normalised column names (lower case, letters and digits)
	Confidence float64
}

// Load reads a configuration file (YAML, or JSON by extension .json).
func Load(path string) ([]*Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f File
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		err = json.Unmarshal(data, &f)
	} else {
		err = yaml.Unmarshal(data, &f)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rules, err := Compile(f.Identifiers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rules, nil
}

// Compile checks and compiles identifiers: each needs a name and a
// pattern, every example must match and no not_example may.
func Compile(ids []Identifier) ([]*Rule, error) {
	var out []*Rule
	seen := map[breachkit.Element]bool{}
	for i, id := range ids {
		name := strings.ToUpper(strings.TrimSpace(id.Name))
		if name == "" || id.Pattern == "" {
			return nil, fmt.Errorf("identifier %d: name and pattern are required", i+1)
		}
		if !strings.HasPrefix(name, breachkit.CustomPrefix) {
			name = breachkit.CustomPrefix + name
		}
		e := breachkit.Element(name)
		if seen[e] {
			return nil, fmt.Errorf("identifier %s declared twice", name)
		}
		seen[e] = true
		re, err := regexp.Compile(`^(?:` + id.Pattern + `)$`)
		if err != nil {
			return nil, fmt.Errorf("identifier %s: pattern: %w", name, err)
		}
		r := &Rule{Type: e, Re: re, Confidence: id.Confidence}
		if r.Confidence <= 0 || r.Confidence > 1 {
			r.Confidence = 0.8
		}
		if p, _ := regexp.MustCompile(id.Pattern).LiteralPrefix(); p != "" {
			r.Prefix = p
		}
		for _, k := range id.Keywords {
			for _, w := range strings.Fields(strings.ToLower(k)) {
				r.Keywords = append(r.Keywords, w)
			}
		}
		for _, c := range id.Columns {
			r.Columns = append(r.Columns, NormColumn(c))
		}
		for j, ex := range id.Examples {
			if !re.MatchString(ex) {
				return nil, fmt.Errorf("identifier %s: example %d does not match the pattern", name, j+1)
			}
		}
		for j, ex := range id.NotExamples {
			if re.MatchString(ex) {
				return nil, fmt.Errorf("identifier %s: not_example %d matches the pattern", name, j+1)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// NormColumn lower-cases a column name and keeps letters and digits.
func NormColumn(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Column reports whether a normalised column name is one of the rule's.
func (r *Rule) Column(norm string) bool {
	for _, c := range r.Columns {
		if c == norm {
			return true
		}
	}
	return false
}
