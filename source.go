package breachkit

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// SourceStatus says how far the scan of one source got.
type SourceStatus string

// The states of a source. A source in SourceScanning was interrupted; a
// resumed scan deletes its findings and scans it again.
const (
	SourceScanning SourceStatus = "scanning"
	SourceDone     SourceStatus = "done"
	SourceSkipped  SourceStatus = "skipped" // not scanned at all; Reason says why
	SourcePartial  SourceStatus = "partial" // scanned in part (e.g. pages that need OCR); Reason says what is missing
)

// Source is one scanned input: a file, or a member of an archive written
// as "outer.zip!/inner/file.csv". Together the sources of a case are its
// evidence manifest.
type Source struct {
	ID        int64
	CaseID    int64
	Path      string
	SHA256    string // hex digest of the source's own bytes
	Size      int64
	Format    string // csv, json, xlsx, pdf, zip, ...
	Status    SourceStatus
	Reason    string // why skipped or partial; empty when done
	Findings  int64
	ScannedAt time.Time
	// Settings are what the scan that recorded the source was limited
	// to, as ScanSettings writes them; empty for a full scan. A later
	// scan resumes a done source only if these settings found all it
	// asks for (SettingsCover).
	Settings string
}

// ScanSettings describes the limits of a scan, for Source.Settings: the
// types reported (sorted), a minimum confidence other than the default
// 0.5, the digest of a custom-identifier configuration, and whether a
// health organisation's columns were read as such. It is empty for a
// full scan with the defaults.
func ScanSettings(types []Element, minConfidence float64, customDigest string, healthOrg bool) string {
	var parts []string
	if len(types) > 0 {
		names := make([]string, len(types))
		for i, t := range types {
			names[i] = string(t)
		}
		sort.Strings(names)
		parts = append(parts, "types="+strings.Join(names, ","))
	}
	if minConfidence > 0.5 {
		parts = append(parts, "min="+strconv.FormatFloat(minConfidence, 'f', -1, 64))
	}
	if customDigest != "" {
		parts = append(parts, "custom="+customDigest)
	}
	if healthOrg {
		parts = append(parts, "health")
	}
	return strings.Join(parts, ";")
}

// SettingsCover reports whether a source done with the settings done
// holds everything a scan with the settings want would find: the same
// settings, or a full scan when the new one only narrows it (fewer
// types, a higher minimum; no custom identifiers or health reading it
// did not have). A scan after a narrower one ("scan --types SSN", then
// "scan") reads the source again rather than report three findings of
// forty-five.
func SettingsCover(done, want string) bool {
	if done == want {
		return true
	}
	if done != "" {
		return false
	}
	for _, p := range strings.Split(want, ";") {
		if strings.HasPrefix(p, "custom=") || p == "health" {
			return false
		}
	}
	return true
}
