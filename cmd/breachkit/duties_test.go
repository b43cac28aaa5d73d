package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDutiesScenario(t *testing.T) {
	e := newEnv(t)
	write := func(name, body string) string {
		p := filepath.Join(e.dir, name)
		os.WriteFile(p, []byte(body), 0o600)
		return p
	}
	good := write("tx.json", `{"discovered":"2023-10-31","organization":{"kinds":["financial-institution","public-company"]},
		"encrypted":false,"key_compromised":false,
		"residents":[{"jurisdiction":"US-TX","count":1204,"elements":["PERSON_NAME","SSN"]}]}`)
	out := e.ok("duties", "--scenario", good, "--format", "json")
	var res struct {
		Disclaimer  string
		Obligations []struct {
			Jurisdiction, Duty, Recipient, Citation, Source, Reasoning string
			Due                                                        *string
			Affected                                                   int64
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v", err)
	}
	if !strings.Contains(res.Disclaimer, "Not legal advice") {
		t.Errorf("no disclaimer: %q", res.Disclaimer)
	}
	found := false
	for _, o := range res.Obligations {
		if o.Jurisdiction == "US-TX" && o.Duty == "individuals" {
			found = true
			if o.Due == nil || *o.Due != "2023-12-30" || o.Affected != 1204 || o.Citation == "" || o.Source == "" || o.Reasoning == "" {
				t.Errorf("Texas individuals: %+v", o)
			}
		}
	}
	if !found {
		t.Fatalf("no Texas individual notice in %s", out)
	}
	if out := e.ok("duties", "--scenario", good, "--format", "ics"); !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") {
		t.Errorf("ics: %.60q", out)
	}

	bad := []struct{ body, field string }{
		{`{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-XX","count":1,"elements":["SSN"]}]}`, "residents[0].jurisdiction"},
		{`{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSNN"]}]}`, "residents[0].elements[0]"},
		{`{"discovered":"31/10/2023","residents":[{"jurisdiction":"US-TX","count":1,"elements":["SSN"]}]}`, "discovered"},
		{`{"discovered":"2023-10-31","residents":[{"jurisdiction":"US-TX","count":-5,"elements":["SSN"]}]}`, "residents[0].count"},
	}
	for i, b := range bad {
		code, _, errs := e.run("duties", "--scenario", write("bad"+string(rune('a'+i))+".json", b.body))
		if code != exitUsage {
			t.Errorf("%s: exit %d, want 2", b.field, code)
		}
		oneErrorLine(t, errs, b.field)
	}
}

func TestDutiesNeedsPeople(t *testing.T) {
	e := newEnv(t)
	e.ok("case", "create", "c", "--discovered", "2023-10-31")
	code, _, errs := e.run("--case", "c", "duties")
	if code != exitError {
		t.Fatalf("exit %d", code)
	}
	oneErrorLine(t, errs, "no people yet")
}

func TestDutiesRoleFlag(t *testing.T) {
	e := newEnv(t)
	for _, args := range [][]string{
		{"duties", "--org-role", "janitor"},
		{"respond", e.dir, "--discovered", "2023-10-31", "--org-role", "janitor", "--out", filepath.Join(t.TempDir(), "r")},
	} {
		code, _, errs := e.run(args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
		oneErrorLine(t, errs, "--org-role")
	}
}
