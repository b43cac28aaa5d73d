package duties

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/breachkit/breachkit"
)

// TestRuleFilesLoad loads whatever rule files are present; every file must
// validate.
func TestRuleFilesLoad(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatalf("rule files do not validate:\n%v", err)
	}
	if len(rules.Files) == 0 {
		t.Fatal("no rule files embedded")
	}
	for _, f := range rules.Files {
		if len(f.Examples) == 0 {
			t.Errorf("%s: no examples", f.Path)
		}
	}
}

// TestRuleExamples runs every example of every rule file against that file
// alone and checks its expectations.
func TestRuleExamples(t *testing.T) {
	for _, f := range validRuleFiles(t) {
		for _, ex := range f.Examples {
			t.Run(f.Path+"/"+ex.Name, func(t *testing.T) {
				sc, err := ex.Scenario.Scenario()
				if err != nil {
					t.Fatalf("scenario: %v", err)
				}
				res := Evaluate(&Rules{Files: []*RuleFile{f}}, sc)
				checkExample(t, ex, res)
			})
		}
	}
}

func checkExample(t *testing.T, ex Example, res Result) {
	t.Helper()
	dump := func() string {
		var b strings.Builder
		WriteTable(&b, res)
		return b.String()
	}
	for _, want := range ex.Expect {
		var found *breachkit.Obligation
		for i, o := range res.Obligations {
			if string(o.Duty) == want.Duty && strings.HasPrefix(o.Recipient, want.Recipient) &&
				(want.Jurisdiction == "" || o.Jurisdiction == want.Jurisdiction) {
				found = &res.Obligations[i]
				break
			}
		}
		if found == nil {
			t.Errorf("no %s obligation to %q; got:\n%s", want.Duty, want.Recipient, dump())
			continue
		}
		if !want.Due.IsZero() && !found.Due.Equal(want.Due.Time) {
			t.Errorf("%s %q: due %s, want %s\n%s", want.Duty, found.Recipient, isoDate(found.Due), want.Due, found.Reasoning)
		}
		if want.Undated && !found.Due.IsZero() {
			t.Errorf("%s %q: due %s, want no fixed date", want.Duty, found.Recipient, isoDate(found.Due))
		}
		if want.Affected != 0 && found.Affected != want.Affected {
			t.Errorf("%s %q: affected %d, want %d", want.Duty, found.Recipient, found.Affected, want.Affected)
		}
	}
	for _, none := range ex.ExpectNone {
		for _, o := range res.Obligations {
			if string(o.Duty) == none {
				t.Errorf("unexpected %s obligation: %s", none, o.Reasoning)
			}
		}
	}
	for _, sub := range ex.ExpectExemption {
		if !hasExemption(res, sub) {
			t.Errorf("no exemption mentioning %q; got:\n%s", sub, dump())
		}
	}
}

// validRuleFiles returns the embedded rule files that parse and validate,
// so that one broken file (reported by TestRuleFilesLoad) does not hide the
// examples of all others.
func validRuleFiles(t *testing.T) []*RuleFile {
	t.Helper()
	var out []*RuleFile
	err := fs.WalkDir(embedded, "rules", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		data, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		if f, err := ParseRuleFile(strings.TrimPrefix(p, "rules/"), data); err == nil {
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
