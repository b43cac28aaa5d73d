package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"text/tabwriter"
)

// writeRows writes a simple table in the format chosen by --format.
func writeRows(g *globals, header []string, rows [][]string) error {
	switch g.format {
	case "json", "jsonl":
		objs := make([]map[string]string, len(rows))
		for i, r := range rows {
			objs[i] = map[string]string{}
			for j, h := range header {
				objs[i][h] = r[j]
			}
		}
		enc := json.NewEncoder(g.stdout)
		if g.format == "json" {
			enc.SetIndent("", "  ")
			return enc.Encode(objs)
		}
		for _, o := range objs {
			if err := enc.Encode(o); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		w := csv.NewWriter(g.stdout)
		w.Write(header)
		w.WriteAll(rows)
		return w.Error()
	}
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	for i, h := range header {
		if i > 0 {
			fmt.Fprint(tw, "\t")
		}
		fmt.Fprint(tw, h)
	}
	fmt.Fprintln(tw)
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
