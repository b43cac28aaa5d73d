package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/people"
	"github.com/breachkit/breachkit/vault"
)

// personOut is one person in json, jsonl and csv output.
type personOut struct {
	ID             int64        `json:"id"`
	Name           string       `json:"name"`
	Jurisdiction   string       `json:"jurisdiction"`
	JurisdictionBy string       `json:"jurisdiction_by"`
	Elements       []string     `json:"elements"`
	AddressQuality string       `json:"address_quality"`
	Flags          []string     `json:"flags"`
	Records        int          `json:"records"`
	Findings       []findingOut `json:"findings"`
}

// findingOut is a finding of a person, located as scan reports it.
type findingOut struct {
	ID    int64  `json:"id"`
	Path  string `json:"path"`
	Type  string `json:"type"`
	Start int64  `json:"start"`
	End   int64  `json:"end"`
}

func newPeopleCmd(g *globals) *cobra.Command {
	opt := people.DefaultOptions()
	var customers string
	var minConf float64
	cmd := &cobra.Command{
		Use:   "people",
		Short: "Resolve the case's findings into the unique affected people",
		Long: `people groups the case's findings into records (a row, a JSON object, an
e-mail, a paragraph), links the records that belong to one person and stores
the people in the case, replacing those of an earlier run (people whose
records did not change keep their IDs).

Links: the same valid SSN or ITIN; the same e-mail with a compatible name;
otherwise a Fellegi–Sunter match weight (log2 odds, m by EM, u from random
pairs, common names down-weighted) of at least --min-weight. Two different
valid SSNs are never put in one person, and identifier values shared by
many different people (placeholders, office phones) are not used.

Records without a name, an address, or with a single identifier are kept
and flagged, never dropped; records that name no one at all (only
diagnoses, card codes, routing numbers: a drug list, a table of bank
branches) are counted and reported, not made into people. Each person gets
a jurisdiction from the best address (customer master first, with
--customers), or the country its IBAN and phone agree on when a postal
code comes without a state.

The table shows counts by jurisdiction and by element combination; json,
jsonl and csv list the people with masked names (--reveal shows them,
audited). 'breachkit people explain ID' shows why records were linked.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			a, err := openApp(ctx, g)
			if err != nil {
				return err
			}
			defer a.Close()
			c, keys, err := a.openCase(ctx, false)
			if err != nil {
				return err
			}
			built, sum, out, err := resolvePeople(ctx, a, c, keys, opt, customers, minConf)
			if err != nil {
				return err
			}
			detail, _ := json.Marshal(map[string]any{"records": sum.Records, "people": sum.People, "threshold": out.Stats.Threshold, "links": out.Stats.Links, "refused": out.Stats.Refused})
			if err := a.audit(ctx, "people.resolve", c.ID, "case "+c.Name, string(detail)); err != nil {
				return err
			}
			if err := a.auditReveal(ctx, c.ID, "people"); err != nil {
				return err
			}
			if g.format == "table" {
				return printPeopleSummary(g, sum, out.Stats)
			}
			locs := map[int64]findingOut{}
			_ = a.store.Findings(ctx, c.ID, breachkit.FindingFilter{}, func(f *breachkit.Finding) error {
				locs[f.ID] = findingOut{ID: f.ID, Path: f.Path, Type: string(f.Type), Start: f.Start, End: f.End}
				return nil
			})
			outs := make([]personOut, 0, len(built))
			for _, p := range built {
				po := personOut{ID: p.ID, Jurisdiction: p.Jurisdiction, JurisdictionBy: p.JurisdictionBy, AddressQuality: p.AddressQuality, Flags: p.Flags, Records: p.Records, Findings: []findingOut{}}
				if po.Flags == nil {
					po.Flags = []string{}
				}
				for _, e := range p.Elements {
					po.Elements = append(po.Elements, string(e))
				}
				if pt, err := keys.Open(breachkit.PersonName, p.Profile); err == nil {
					var prof people.Profile
					if json.Unmarshal(pt, &prof) == nil && prof.FullName() != "" {
						po.Name = a.show(breachkit.PersonName, prof.FullName())
					}
				}
				for _, id := range p.FindingIDs {
					if l, ok := locs[id]; ok {
						po.Findings = append(po.Findings, l)
					}
				}
				outs = append(outs, po)
			}
			return writePeople(g, outs)
		},
	}
	addFormat(cmd, g, "table", "json", "jsonl", "csv")
	f := cmd.Flags()
	f.StringVar(&customers, "customers", "", "customer master (CRM export CSV) to link; authoritative for mailing address")
	f.Float64Var(&opt.MinWeight, "min-weight", 0, "match weight (log2 odds) a probabilistic link needs; 0 = log2(records) + --margin")
	f.Float64Var(&opt.Margin, "margin", opt.Margin, "bits above log2(records) for the automatic --min-weight")
	f.IntVar(&opt.Window, "window", opt.Window, "records each record is compared with per blocking key")
	f.IntVar(&opt.MaxShare, "max-share", opt.MaxShare, "records an identifier value may appear in before it is treated as generic")
	f.Float64Var(&minConf, "min-confidence", 0, "ignore findings below this confidence")
	cmd.AddCommand(newPeopleExplainCmd(g), newPeopleEvalCmd(g))
	return cmd
}

func printPeopleSummary(g *globals, sum people.Summary, st people.Stats) error {
	fmt.Fprintf(g.stdout, "%d records -> %d people (threshold %.1f bits; links %s; refused %s; generic values %s)\n",
		sum.Records, sum.People, st.Threshold, kv(st.Links), kv(st.Refused), kv(st.Generic))
	if st.Unattached > 0 {
		fmt.Fprintf(g.stdout, "%d records name no one (only diagnoses, card codes, routing numbers or the like) and are no people\n", st.Unattached)
	}
	fmt.Fprintln(g.stdout)
	if err := writeRows(g, []string{"jurisdiction", "people"}, countRows(sum.ByJurisdiction)); err != nil {
		return err
	}
	fmt.Fprintln(g.stdout)
	if err := writeRows(g, []string{"elements", "people"}, countRows(sum.ByElements)); err != nil {
		return err
	}
	fmt.Fprintln(g.stdout)
	flags := countRows(sum.ByFlag)
	if len(flags) == 0 {
		flags = [][]string{{"(none)", "0"}}
	}
	return writeRows(g, []string{"flag", "people"}, flags)
}

func kv(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func countRows(m map[string]int) [][]string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	rows := make([][]string, len(keys))
	for i, k := range keys {
		rows[i] = []string{k, strconv.Itoa(m[k])}
	}
	return rows
}

func writePeople(g *globals, outs []personOut) error {
	switch g.format {
	case "json":
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(outs)
	case "jsonl":
		enc := json.NewEncoder(g.stdout)
		for _, o := range outs {
			if err := enc.Encode(o); err != nil {
				return err
			}
		}
		return nil
	}
	rows := make([][]string, len(outs))
	for i, o := range outs {
		rows[i] = []string{strconv.FormatInt(o.ID, 10), o.Name, o.Jurisdiction, strings.Join(o.Elements, "+"), o.AddressQuality, strings.Join(o.Flags, ","), strconv.Itoa(o.Records), strconv.Itoa(len(o.Findings))}
	}
	return writeRows(g, []string{"id", "name", "jurisdiction", "elements", "address_quality", "flags", "records", "findings"}, rows)
}

func newPeopleExplainCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "explain ID",
		Short: "Show the records of a person and why each link was made",
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return usagef("person ID %q is not a number", args[0])
			}
			ctx := cmd.Context()
			a, err := openApp(ctx, g)
			if err != nil {
				return err
			}
			defer a.Close()
			c, keys, err := a.openCase(ctx, false)
			if err != nil {
				return err
			}
			p, err := a.store.Person(ctx, c.ID, id)
			if err != nil {
				return fmt.Errorf("person %d: %w", id, err)
			}
			var ex people.Explanation
			if err := json.Unmarshal(p.Explain, &ex); err != nil {
				return fmt.Errorf("person %d: explanation unreadable: %v", id, err)
			}
			if err := a.auditReveal(ctx, c.ID, fmt.Sprintf("person %d", id)); err != nil {
				return err
			}
			name := ""
			if pt, err := keys.Open(breachkit.PersonName, p.Profile); err == nil {
				var prof people.Profile
				if json.Unmarshal(pt, &prof) == nil {
					name = a.show(breachkit.PersonName, prof.FullName())
				}
			}
			if g.format == "json" {
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"id": p.ID, "name": name, "jurisdiction": p.Jurisdiction, "jurisdiction_by": p.JurisdictionBy,
					"elements": p.Elements, "address_quality": p.AddressQuality, "flags": p.Flags, "explain": ex})
			}
			w := g.stdout
			fmt.Fprintf(w, "person %d %s: %d records, jurisdiction %s (%s), address %s, flags %s\n", p.ID, name, p.Records, p.Jurisdiction, p.JurisdictionBy, p.AddressQuality, strings.Join(p.Flags, ","))
			fmt.Fprintf(w, "elements: %s\n\nrecords:\n", p.Elements)
			for _, r := range ex.Records {
				fmt.Fprintf(w, "  %s\n", r)
			}
			if ex.Address != "" {
				fmt.Fprintf(w, "mailing address from: %s\n", ex.Address)
			}
			fmt.Fprintf(w, "\nlinks:\n")
			if len(ex.Links) == 0 {
				fmt.Fprintln(w, "  (single record)")
			}
			for _, l := range ex.Links {
				fmt.Fprintf(w, "  %s <-> %s: %s", l.A, l.B, l.Rule)
				if l.Rule == "fellegi-sunter" {
					fmt.Fprintf(w, " weight %.1f", l.Weight)
					var fs []string
					for f, v := range l.Fields {
						fs = append(fs, f+"="+v)
					}
					sort.Strings(fs)
					fmt.Fprintf(w, "\n      %s", strings.Join(fs, "\n      "))
				}
				fmt.Fprintln(w)
			}
			return nil
		},
	}
	addFormat(cmd, g, "table", "json")
	return cmd
}

func newPeopleEvalCmd(g *globals) *cobra.Command {
	var genDir string
	var febrl []string
	var noParts bool
	opt := people.DefaultOptions()
	cmd := &cobra.Command{
		Use:   "eval (--gen DIR | --febrl FILE...)",
		Short: "Measure resolution quality against ground truth (gen output or FEBRL)",
		Long: `eval resolves records with known truth and prints pairwise and B-cubed
precision and recall, and the number of people holding two different valid
SSNs. With --gen it reads DIR/truth/occurrences.jsonl of 'breachkit gen'
(records grouped by their record key: this isolates resolution from
scanning); with --febrl one or more FEBRL CSV files (several files are
linked together, e.g. dataset4a.csv and dataset4b.csv). No store is used.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if (genDir == "") == (len(febrl) == 0) {
				return usagef("eval needs exactly one of --gen DIR or --febrl FILE")
			}
			opt.KeepRecords, opt.Explain = false, false
			r := people.NewResolver(opt)
			if genDir != "" {
				if err := people.LoadTruth(genDir, !noParts, r.Add); err != nil {
					return err
				}
			}
			for _, f := range febrl {
				if err := people.LoadFEBRL(f, f+":", r.Add); err != nil {
					return err
				}
			}
			res, err := r.Resolve(cmd.Context())
			if err != nil {
				return err
			}
			m, err := people.Evaluate(res)
			if err != nil {
				return err
			}
			if g.format == "json" {
				enc := json.NewEncoder(g.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"metrics": m, "stats": res.Stats})
			}
			m.Print(g.stdout)
			res.Stats.Print(g.stdout)
			return nil
		},
	}
	addFormat(cmd, g, "table", "json")
	f := cmd.Flags()
	f.StringVar(&genDir, "gen", "", "output folder of 'breachkit gen' (reads truth/occurrences.jsonl)")
	f.StringSliceVar(&febrl, "febrl", nil, "FEBRL CSV file(s); truth from rec_id")
	f.BoolVar(&noParts, "no-parts", false, "ignore the name/address part labels of the truth (scan labels parts only from column names; free text has none)")
	f.Float64Var(&opt.MinWeight, "min-weight", 0, "match weight a probabilistic link needs; 0 = automatic")
	f.Float64Var(&opt.Margin, "margin", opt.Margin, "bits above log2(records) for the automatic --min-weight")
	f.IntVar(&opt.Window, "window", opt.Window, "records each record is compared with per blocking key")
	return cmd
}

// resolvePeople resolves the case's findings (and the customer master, if
// given) into people and stores them, replacing an earlier run's.
func resolvePeople(ctx context.Context, a *app, c *breachkit.Case, keys *vault.CaseKeys, opt people.Options, customers string, minConf float64) ([]*breachkit.Person, people.Summary, *people.Result, error) {
	// Notices name people by ID: re-resolving would change whom a planned
	// letter is for. Refuse once a campaign has been planned.
	counts, err := a.store.CountNotices(ctx, c.ID)
	if err != nil {
		return nil, people.Summary{}, nil, err
	}
	for _, nc := range counts {
		if nc.Channel != breachkit.ChannelRegulator {
			return nil, people.Summary{}, nil, fmt.Errorf("case %q has a notification campaign planned (%s notices and more): people cannot be resolved again without changing whom notices are for; start a new case for a changed data set", c.Name, nc.Channel)
		}
	}
	res := people.NewResolver(opt)
	if err := people.FromStore(ctx, a.store, c.ID, keys.Open, minConf, res.Add); err != nil {
		return nil, people.Summary{}, nil, err
	}
	nFound := res.Len()
	if customers != "" {
		if err := people.LoadCustomers(customers, res.Add); err != nil {
			return nil, people.Summary{}, nil, err
		}
	}
	if nFound == 0 && res.Unattached() == 0 {
		return nil, people.Summary{}, nil, fmt.Errorf("case %q has no findings: run 'breachkit scan' first", c.Name)
	}
	out, err := res.Resolve(ctx)
	if err != nil {
		return nil, people.Summary{}, nil, err
	}
	var built []*breachkit.Person
	seal := func(b []byte) breachkit.Sealed { return keys.Seal(breachkit.PersonName, b) }
	sum, err := out.Build(seal, func(p *breachkit.Person) error { built = append(built, p); return nil })
	if err != nil {
		return nil, people.Summary{}, nil, err
	}
	i := 0
	err = a.store.ReplacePeople(ctx, c.ID, func() (*breachkit.Person, error) {
		if i == len(built) {
			return nil, nil
		}
		i++
		return built[i-1], nil
	})
	return built, sum, out, err
}
