// Package duties turns a breach scenario into the legal duties to notify
// that follow from it. The law lives in YAML rule files under rules/ (one
// per jurisdiction or regime, embedded in the binary); this package loads
// and validates them, picks the version in force on the discovery date,
// matches the exposed data elements against each law's triggers, computes
// deadlines and writes the result as a table, JSON, CSV or an iCalendar
// file.
//
// Every obligation carries its citation, source URL, the date the source
// was read, the rule file and a one-sentence reasoning, so that counsel can
// check it. breachkit supports counsel; it is not legal advice.
package duties
