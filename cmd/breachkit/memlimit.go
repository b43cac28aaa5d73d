package main

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryShare is the share of physical memory breachkit lets its
// heap grow to before the garbage collector works harder. Resolving 15
// million people peaks at about 10 GB this way instead of about 12.5 GB
// (docs/PERFORMANCE.md); the limit is soft, so a bigger job still runs.
const defaultMemoryShare = 0.4

// applyMemoryLimit sets the Go runtime's soft memory limit from
// --memory-limit: "auto" (the default: 40% of physical memory, unless
// GOMEMLIMIT is set), "off", or a size such as 10GiB or 8000MB.
func applyMemoryLimit(v string) error {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "off", "none", "0":
		debug.SetMemoryLimit(math.MaxInt64)
		return nil
	case "", "auto":
		if os.Getenv("GOMEMLIMIT") != "" {
			return nil // the runtime already read it
		}
		if phys := physicalMemory(); phys > 0 {
			debug.SetMemoryLimit(int64(float64(phys) * defaultMemoryShare))
		}
		return nil
	}
	n, err := parseSize(v)
	if err != nil {
		return usagef("--memory-limit %q: want auto, off or a size such as 10GiB", v)
	}
	debug.SetMemoryLimit(n)
	return nil
}

// parseSize reads 10GiB, 512MiB, 8GB, 1000000 (bytes).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   float64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || f <= 0 {
				return 0, fmt.Errorf("bad size %q", s)
			}
			return int64(f * u.mult), nil
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n, nil
}
