// Package report writes the report of one breach case: the folder that
// counsel, executives and regulators read after `breachkit respond`.
//
// The caller gathers a [Data] (case, dates, evidence manifest, counts,
// obligations, method) and passes streams for the two outputs that grow
// with the breach: the notification list ([PeopleFunc]) and the findings
// ([FindingsFunc]). [Write] then produces, in one folder:
//
//   - index.html: a self-contained, printable report with inline SVG
//     charts (no scripts, fonts or styles fetched from anywhere). It shows
//     aggregates only, never a personal value, so its size does not grow
//     with the number of people;
//   - people.csv: the notification list, one row per person, with names
//     masked unless [Data.Reveal] is set (the caller audits a reveal);
//   - obligations.csv and obligations.ics, written by the duties package;
//   - findings.jsonl, as scan writes it;
//   - sources.csv: every input with its SHA-256, status and skip reason;
//   - report.json: everything machine-readable, with snake_case keys.
//
// Every file is written to a temporary file in the folder, synced and
// renamed into place, so a crash leaves either the old or the new file,
// never half of one. index.html is written last: when it is present and
// new, the rest of the report is complete.
package report
