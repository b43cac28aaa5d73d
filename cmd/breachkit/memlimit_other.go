//go:build !linux

package main

// physicalMemory returns 0 where breachkit does not read the RAM size:
// no limit is set by default there (set GOMEMLIMIT or --memory-limit).
func physicalMemory() uint64 { return 0 }
