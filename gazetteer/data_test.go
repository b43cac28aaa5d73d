package gazetteer

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDataFiles checks the format of every embedded data file line by line.
func TestDataFiles(t *testing.T) {
	var (
		upper    = regexp.MustCompile(`^[A-Z]+$`)
		lower    = regexp.MustCompile(`^[a-z]+$`)
		zip3Re   = regexp.MustCompile(`^[0-9]{3}$`)
		zip5Re   = regexp.MustCompile(`^[0-9]{5}$`)
		abbrRe   = regexp.MustCompile(`^[A-Z]{2}$`)
		codeRe   = regexp.MustCompile(`^US-[A-Z]{2}$`)
		military = map[string]bool{"AA": true, "AE": true, "AP": true}
		freely   = map[string]bool{"PW": true, "FM": true, "MH": true}
	)
	isFreq := func(s string) bool {
		f, err := strconv.ParseFloat(s, 64)
		return err == nil && f > 0 && f < 100000
	}
	abbrs := map[string]bool{}
	checks := map[string]func(f []string) string{
		"states.csv": func(f []string) string {
			if len(f) < 3 || !codeRe.MatchString(f[0]) || !abbrRe.MatchString(f[1]) || f[0] != "US-"+f[1] {
				return "want US-XX,XX,Name"
			}
			abbrs[f[1]] = true
			return ""
		},
		"zip3.csv": func(f []string) string {
			if len(f) != 2 || !zip3Re.MatchString(f[0]) || !abbrRe.MatchString(f[1]) {
				return "want NNN,XX"
			}
			return ""
		},
		"zip5.csv": func(f []string) string {
			if len(f) != 2 || !zip5Re.MatchString(f[0]) || !abbrRe.MatchString(f[1]) {
				return "want NNNNN,XX"
			}
			return ""
		},
		"street_suffixes.csv": func(f []string) string {
			for _, v := range f {
				if !upper.MatchString(v) {
					return "want upper-case words"
				}
			}
			if len(f) < 2 {
				return "want ABBR,NAME[,FORM...]"
			}
			return ""
		},
		"unit_designators.csv": func(f []string) string {
			if len(f) != 2 || !(upper.MatchString(f[0]) && upper.MatchString(f[1]) || f[0] == "#" && f[1] == "#") {
				return "want ABBR,NAME"
			}
			return ""
		},
		"surnames.csv": func(f []string) string {
			if len(f) != 2 || !lower.MatchString(f[0]) || !isFreq(f[1]) {
				return "want name,per100k"
			}
			return ""
		},
		"given_names.csv": func(f []string) string {
			if len(f) != 2 || !lower.MatchString(f[0]) || !isFreq(f[1]) {
				return "want name,per100k"
			}
			return ""
		},
		"common_words.csv": func(f []string) string {
			if len(f) != 1 || !lower.MatchString(f[0]) {
				return "want one lower-case word"
			}
			return ""
		},
		"cities.csv": func(f []string) string {
			if len(f) != 2 || f[0] != strings.ToLower(f[0]) || strings.TrimSpace(f[0]) != f[0] || f[0] == "" || len(f[1]) != 2 || strings.ToUpper(f[1]) != f[1] {
				return "want city in lower case,CC"
			}
			if c, ok := CountryCode(f[1]); !ok || c != f[1] || c == "US" {
				return "want a country other than the US"
			}
			return ""
		},
		"nicknames.csv": func(f []string) string {
			if len(f) < 2 {
				return "want formal,nick[,nick...]"
			}
			for _, v := range f {
				if !lower.MatchString(v) {
					return "want lower-case names"
				}
			}
			return ""
		},
	}
	// states.csv first: the ZIP files refer to its abbreviations.
	order := []string{"states.csv", "zip3.csv", "zip5.csv", "street_suffixes.csv", "unit_designators.csv", "surnames.csv", "given_names.csv", "nicknames.csv", "common_words.csv", "cities.csv"}
	files, _ := fs.Glob(dataFS, "data/*.csv")
	if len(files) != len(order) {
		t.Errorf("data files %v, want %v", files, order)
	}
	keys := map[string]map[string]bool{}
	for _, name := range order {
		check := checks[name]
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		keys[name] = map[string]bool{}
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if line == "" || line == "#" || strings.HasPrefix(line, "# ") {
				continue
			}
			f := strings.Split(line, ",")
			if msg := check(f); msg != "" {
				t.Errorf("data/%s:%d: %q: %s", name, i+1, line, msg)
				continue
			}
			if line != strings.TrimSpace(line) {
				t.Errorf("data/%s:%d: surrounding spaces", name, i+1)
			}
			// The first field is a key, except in street_suffixes.csv
			// where several primary names share an abbreviation.
			key := f[0]
			if name == "street_suffixes.csv" {
				key = f[1]
			}
			if keys[name][key] {
				t.Errorf("data/%s:%d: duplicate %q", name, i+1, key)
			}
			keys[name][key] = true
			if name == "zip3.csv" || name == "zip5.csv" {
				if r := f[1]; !abbrs[r] && !military[r] && !(name == "zip5.csv" && freely[r]) {
					t.Errorf("data/%s:%d: unknown region %q", name, i+1, r)
				}
			}
		}
	}
}

// TestMilitaryPrefixes pins the documented Armed Forces prefixes.
func TestMilitaryPrefixes(t *testing.T) {
	want := map[string]string{"340": "AA", "962": "AP", "963": "AP", "964": "AP", "965": "AP", "966": "AP"}
	for p := 90; p <= 98; p++ {
		want["0"+strconv.Itoa(p)] = "AE"
	}
	for p, r := range want {
		if got, ok := ZIPRegion(p + "01"); !ok || got != r {
			t.Errorf("ZIPRegion(%s01) = %q, %v; want %s", p, got, ok, r)
		}
	}
}
