package duties

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/breachkit/breachkit"
)

// Disclaimer heads the table and JSON output: breachkit computes duties
// from rule files for counsel to check; it does not give legal advice.
const Disclaimer = "Not legal advice: breachkit supports counsel. Every obligation and exemption below " +
	"was computed from rule files and must be checked by counsel against the cited source."

// shortDisclaimer ends each calendar event's description.
const shortDisclaimer = "Not legal advice: breachkit supports counsel; check this against the cited source."

// Formats are the output formats Write accepts.
var Formats = []string{"table", "json", "csv", "ics"}

// Write writes the result in the named format (table, json, csv or ics).
func Write(w io.Writer, format string, r Result) error {
	switch format {
	case "table":
		return WriteTable(w, r)
	case "json":
		return WriteJSON(w, r)
	case "csv":
		return WriteCSV(w, r)
	case "ics":
		return WriteICS(w, r)
	}
	return fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(Formats, ", "))
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// WriteTable writes a human-readable table: the disclaimer, one row per
// obligation, the reasoning and sources by row number, then the exemptions.
func WriteTable(w io.Writer, r Result) error {
	var b strings.Builder
	b.WriteString(Disclaimer + "\n")
	if r.Scenario != nil {
		fmt.Fprintf(&b, "Discovered %s; %d obligations, %d exemptions.\n", r.Scenario.Discovered, len(r.Obligations), len(r.Exemptions))
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tDUE\tTARGET\tJURISDICTION\tDUTY\tRECIPIENT\tAFFECTED\tCITATION")
	for i, o := range r.Obligations {
		due := isoDate(o.Due)
		if due == "" {
			due = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, due, isoDate(o.Target), o.Jurisdiction,
			o.Duty, o.Recipient, comma(o.Affected), o.Citation)
	}
	tw.Flush()
	if len(r.Obligations) > 0 {
		b.WriteString("\nReasoning and sources:\n")
		for i, o := range r.Obligations {
			fmt.Fprintf(&b, "%d. %s\n   %s (read %s); %s\n", i+1, o.Reasoning, o.Source, o.SourceRead, o.RuleFile)
			if o.Due.IsZero() && o.DeadlineText != "" {
				fmt.Fprintf(&b, "   Deadline: %s\n", o.DeadlineText)
			}
		}
	}
	if len(r.Exemptions) > 0 {
		b.WriteString("\nNo obligation found (check these too):\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "JURISDICTION\tREGIME\tAFFECTED\tREASON")
		for _, e := range r.Exemptions {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Jurisdiction, e.Regime, comma(e.Affected), e.Reason)
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonObligation is the JSON form of an obligation (snake_case keys; due
// is null when the law sets no fixed day).
type jsonObligation struct {
	Jurisdiction string  `json:"jurisdiction"`
	Regime       string  `json:"regime"`
	Duty         string  `json:"duty"`
	Recipient    string  `json:"recipient"`
	Due          *string `json:"due"`
	DeadlineText string  `json:"deadline_text"`
	Target       string  `json:"target"`
	Affected     int64   `json:"affected"`
	Citation     string  `json:"citation"`
	Source       string  `json:"source"`
	SourceRead   string  `json:"source_read"`
	Reasoning    string  `json:"reasoning"`
	RuleFile     string  `json:"rule_file"`
}

type jsonExemption struct {
	Jurisdiction string `json:"jurisdiction"`
	Regime       string `json:"regime"`
	Affected     int64  `json:"affected"`
	Reason       string `json:"reason"`
}

// jsonResult is the top-level JSON object.
type jsonResult struct {
	Disclaimer  string           `json:"disclaimer"`
	Discovered  string           `json:"discovered,omitempty"`
	Obligations []jsonObligation `json:"obligations"`
	Exemptions  []jsonExemption  `json:"exemptions"`
}

func toJSON(o breachkit.Obligation) jsonObligation {
	j := jsonObligation{Jurisdiction: o.Jurisdiction, Regime: o.Regime, Duty: string(o.Duty),
		Recipient: o.Recipient, DeadlineText: o.DeadlineText, Target: isoDate(o.Target),
		Affected: o.Affected, Citation: o.Citation, Source: o.Source, SourceRead: o.SourceRead,
		Reasoning: o.Reasoning, RuleFile: o.RuleFile}
	if !o.Due.IsZero() {
		d := isoDate(o.Due)
		j.Due = &d
	}
	return j
}

// WriteJSON writes {"disclaimer", "discovered", "obligations": [...],
// "exemptions": [...]}, indented, with snake_case keys.
func WriteJSON(w io.Writer, r Result) error {
	out := jsonResult{Disclaimer: Disclaimer, Obligations: []jsonObligation{}, Exemptions: []jsonExemption{}}
	if r.Scenario != nil {
		out.Discovered = r.Scenario.Discovered.String()
	}
	for _, o := range r.Obligations {
		out.Obligations = append(out.Obligations, toJSON(o))
	}
	for _, e := range r.Exemptions {
		out.Exemptions = append(out.Exemptions, jsonExemption{e.Jurisdiction, e.Regime, e.Affected, e.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteCSV writes one row per obligation with the JSON keys as header.
// Exemptions are not included; use table or json for them.
func WriteCSV(w io.Writer, r Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"jurisdiction", "regime", "duty", "recipient", "due", "deadline_text", "target",
		"affected", "citation", "source", "source_read", "reasoning", "rule_file"})
	for _, o := range r.Obligations {
		cw.Write([]string{o.Jurisdiction, o.Regime, string(o.Duty), o.Recipient, isoDate(o.Due),
			o.DeadlineText, isoDate(o.Target), strconv.FormatInt(o.Affected, 10), o.Citation, o.Source,
			o.SourceRead, o.Reasoning, o.RuleFile})
	}
	cw.Flush()
	return cw.Error()
}

// WriteICS writes an RFC 5545 calendar with one all-day event per
// obligation: on the due date, or on the target date when the law sets no
// fixed day. UIDs are derived from the obligation, so re-running breachkit
// updates events instead of duplicating them.
func WriteICS(w io.Writer, r Result) error {
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	add("BEGIN:VCALENDAR")
	add("VERSION:2.0")
	add("PRODID:-//breachkit//duties//EN")
	add("CALSCALE:GREGORIAN")
	add("METHOD:PUBLISH")
	stamp := "19700101T000000Z"
	if r.Scenario != nil {
		stamp = r.Scenario.Discovered.Format("20060102") + "T000000Z"
	}
	for _, o := range r.Obligations {
		day, kind := o.Due, "Due"
		if day.IsZero() {
			day, kind = o.Target, "Target"
		}
		if day.IsZero() {
			continue
		}
		h := sha256.Sum256([]byte(strings.Join([]string{o.Jurisdiction, o.Regime, string(o.Duty), o.Recipient, o.RuleFile}, "\x00")))
		add("BEGIN:VEVENT")
		add("UID:" + hex.EncodeToString(h[:12]) + "@breachkit")
		add("DTSTAMP:" + stamp)
		add("DTSTART;VALUE=DATE:" + day.Format("20060102"))
		add("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
		add("SUMMARY:" + icsText(fmt.Sprintf("%s: %s %s – %s", kind, o.Jurisdiction, o.Duty, o.Recipient)))
		desc := o.Reasoning + "\n" + o.Citation + "\n" + o.Source + " (read " + o.SourceRead + ")\n" + o.RuleFile
		if o.Due.IsZero() && o.DeadlineText != "" {
			desc += "\nThe law sets no fixed day: " + o.DeadlineText + ". This is the organisation's target."
		}
		desc += "\n" + shortDisclaimer
		add("DESCRIPTION:" + icsText(desc))
		add("CATEGORIES:" + icsText(string(o.Duty)))
		add("TRANSP:TRANSPARENT")
		add("END:VEVENT")
	}
	add("END:VCALENDAR")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(foldICS(l))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// icsText escapes a TEXT value (RFC 5545 § 3.3.11).
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	return r.Replace(s)
}

// foldICS ends a content line with CRLF, folding it so that no line is
// longer than 75 octets without splitting a UTF-8 sequence (§ 3.1).
func foldICS(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
