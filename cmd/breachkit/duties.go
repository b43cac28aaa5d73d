package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/duties"
)

type dutiesFlags struct {
	scenario       string
	rulesDir       string
	discovered     string
	kinds          []string
	role           string
	kindsSet       bool // --org-kind was given: record it on the case
	roleSet        bool // --org-role was given
	encrypted      bool
	keyCompromised bool
}

func newDutiesCmd(g *globals) *cobra.Command {
	var f dutiesFlags
	cmd := &cobra.Command{
		Use:   "duties",
		Short: "Who must be told, by when, under which law (with citations)",
		Long: `duties computes the notification obligations of a breach from the case's
people (their jurisdictions and exposed elements), or from a what-if
scenario file (--scenario). Each obligation carries its citation, the
public source and the date it was read, and one sentence of reasoning.
Jurisdictions with residents but no obligation are listed with the reason.

` + duties.Disclaimer,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.kindsSet, f.roleSet = cmd.Flags().Changed("org-kind"), cmd.Flags().Changed("org-role")
			return runDuties(cmd.Context(), g, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.scenario, "scenario", "", "evaluate a scenario JSON file instead of the case (nothing is stored)")
	fl.StringVar(&f.rulesDir, "rules", "", "use the rule files in this folder instead of the built-in ones (for review)")
	fl.StringVar(&f.discovered, "discovered", "", "discovery date (YYYY-MM-DD); default: the case's")
	fl.StringSliceVar(&f.kinds, "org-kind", nil, "organisation kind, repeatable, recorded on the case for later runs: "+strings.Join(duties.Kinds, ", "))
	fl.StringVar(&f.role, "org-role", duties.RoleOwner, "the organisation's role, recorded on the case for later runs: owner (it owns or licenses the data) or maintainer (it keeps the data for another, as a service provider or processor, and tells the owner)")
	fl.BoolVar(&f.encrypted, "encrypted", false, "the stolen data was encrypted")
	fl.BoolVar(&f.keyCompromised, "key-compromised", false, "the encryption key was taken too")
	addFormat(cmd, g, duties.Formats...)
	return cmd
}

func loadRules(dir string) (*duties.Rules, error) {
	if dir == "" {
		return duties.Load()
	}
	return duties.LoadFS(os.DirFS(dir))
}

func runDuties(ctx context.Context, g *globals, f *dutiesFlags) error {
	if err := checkOrganisation(f.kinds, f.role); err != nil {
		return err
	}
	rules, err := loadRules(f.rulesDir)
	if err != nil {
		return err
	}
	if f.scenario != "" {
		if f.kindsSet || f.roleSet {
			return usagef("--org-kind and --org-role describe the case's organisation; a scenario file states its own (\"organization\")")
		}
		data, err := os.ReadFile(f.scenario)
		if err != nil {
			return err
		}
		sc, err := duties.ParseScenario(data)
		if err != nil {
			return usageError{fmt.Errorf("%s: %w", f.scenario, err)}
		}
		return duties.Write(g.stdout, g.format, duties.Evaluate(rules, sc))
	}
	a, err := openApp(ctx, g)
	if err != nil {
		return err
	}
	defer a.Close()
	c, _, err := a.openCase(ctx, false)
	if err != nil {
		return err
	}
	if err := caseOrganisation(ctx, a, c, f); err != nil {
		return err
	}
	res, err := caseDuties(ctx, a, c, rules, f)
	if err != nil {
		return err
	}
	if err := a.store.ReplaceObligations(ctx, c.ID, res.Obligations, res.Exemptions); err != nil {
		return err
	}
	detail := fmt.Sprintf("%d obligations, %d exemptions", len(res.Obligations), len(res.Exemptions))
	if err := a.audit(ctx, "duties", c.ID, "case "+c.Name, detail); err != nil {
		return err
	}
	a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: time.Now(), Kind: "duties", Actor: g.actor, Text: "duties computed: " + detail})
	return duties.Write(g.stdout, g.format, res)
}

// checkOrganisation checks the --org-kind and --org-role values.
func checkOrganisation(kinds []string, role string) error {
	for _, k := range kinds {
		if !contains(duties.Kinds, k) {
			return usagef("--org-kind %q: want one of %s", k, joinKinds())
		}
	}
	if _, err := duties.ParseRole(role); err != nil {
		return usagef("--org-role: %v", err)
	}
	return nil
}

// caseOrganisation records on the case the organisation kinds and role
// given on the command line (audited, and on the timeline), so that a
// later duties or respond run without them computes the same law; flags
// not given leave the case's as they were.
func caseOrganisation(ctx context.Context, a *app, c *breachkit.Case, f *dutiesFlags) error {
	changed := false
	if f.kindsSet && !slices.Equal(f.kinds, c.OrgKinds) {
		c.OrgKinds, changed = slices.Clone(f.kinds), true
	}
	if role, _ := duties.ParseRole(f.role); f.roleSet && role != c.OrgRole {
		c.OrgRole, changed = role, true
	}
	if !changed {
		return nil
	}
	if err := a.store.UpdateCase(ctx, c); err != nil {
		return err
	}
	kinds := strings.Join(c.OrgKinds, ", ")
	if kinds == "" {
		kinds = "none stated"
	}
	text := fmt.Sprintf("organisation recorded: kinds %s; role %s", kinds, orgRole(c))
	if err := a.audit(ctx, "organisation", c.ID, "case "+c.Name, text); err != nil {
		return err
	}
	return a.store.AddEvent(ctx, &breachkit.Event{CaseID: c.ID, At: time.Now(), Kind: "note", Actor: a.g.actor, Text: text})
}

// orgRole is the case's organisation role, owner when none was recorded.
func orgRole(c *breachkit.Case) string {
	if c.OrgRole == "" {
		return duties.RoleOwner
	}
	return c.OrgRole
}

// caseDuties builds the scenario from the case's people and evaluates it.
// People whose residence is unknown cannot be assigned a law; they are
// reported as an exemption for counsel to review, never dropped.
func caseDuties(ctx context.Context, a *app, c *breachkit.Case, rules *duties.Rules, f *dutiesFlags) (duties.Result, error) {
	discovered := dateOrEmpty(c.Discovered)
	if f.discovered != "" {
		discovered = f.discovered
	}
	if discovered == "" {
		return duties.Result{}, usagef("the case has no discovery date: give --discovered YYYY-MM-DD (or 'case create --discovered')")
	}
	type group struct {
		jur   string
		elems string
	}
	on, err := duties.ParseDate(discovered)
	if err != nil {
		return duties.Result{}, usagef("--discovered: %v", err)
	}
	counts, unreachable, withEmail := map[group]int64{}, map[group]int64{}, map[group]int64{}
	var unknown, substitute, total int64
	err = a.store.People(ctx, c.ID, false, func(p *breachkit.Person) error {
		total++
		// Substitute notice is for people who must be told and cannot
		// be reached: not a letter's signatory, whose name alone was
		// found.
		cut := slices.Contains(p.Flags, "substitute-notice") && rules.Notifiable(p.Elements, on)
		if cut {
			substitute++
		}
		jur := p.Jurisdiction
		if jur == "" || jur == "unknown" {
			// No state's law can be applied; the federal regimes,
			// which do not turn on residence, count them.
			unknown++
			jur = duties.UnknownResidence
		}
		k := group{jur, p.Elements.String()}
		counts[k]++
		if cut {
			unreachable[k]++
			if p.Elements.Has(breachkit.Email) {
				withEmail[k]++
			}
		}
		return nil
	})
	if err != nil {
		return duties.Result{}, err
	}
	if total == 0 {
		return duties.Result{}, fmt.Errorf("case %q has no people yet: run 'breachkit people' first, or give --scenario", c.Name)
	}
	in := duties.ScenarioInput{
		Discovered:              discovered,
		Organization:            duties.OrganizationInput{Kinds: c.OrgKinds, Role: orgRole(c)},
		Encrypted:               f.encrypted,
		KeyCompromised:          f.keyCompromised,
		SubstituteNoticePersons: substitute,
	}
	keys := make([]group, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].jur != keys[j].jur {
			return keys[i].jur < keys[j].jur
		}
		return keys[i].elems < keys[j].elems
	})
	for _, k := range keys {
		var elems []string
		if k.elems != "" {
			elems = strings.Split(k.elems, "+")
		}
		in.Residents = append(in.Residents, duties.ResidentInput{Jurisdiction: k.jur, Count: counts[k], Elements: elems,
			Unreachable: unreachable[k], UnreachableWithEmail: withEmail[k]})
	}
	var res duties.Result
	if len(in.Residents) == 0 {
		// Nobody's residence is known: no law can be applied yet, and the
		// exemption below says so; the report is still written.
		d, err := time.Parse("2006-01-02", discovered)
		if err != nil {
			return duties.Result{}, usagef("--discovered %q: want YYYY-MM-DD", discovered)
		}
		res.Scenario = &duties.Scenario{Discovered: duties.Date{Time: d}}
	} else {
		sc, err := in.Scenario()
		if err != nil {
			return duties.Result{}, err
		}
		res = duties.Evaluate(rules, sc)
	}
	if unknown > 0 {
		res.Exemptions = append(res.Exemptions, breachkit.Exemption{Jurisdiction: "unknown", Regime: "-", Affected: unknown,
			Reason: fmt.Sprintf("%d people have no known residence; no state's or country's law could be applied: counsel must review (substitute notice, or research their addresses); federal regimes above (HIPAA, GLBA) count them", unknown)})
	}
	return res, nil
}
