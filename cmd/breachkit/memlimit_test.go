package main

import (
	"runtime/debug"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"10GiB", 10 << 30, true}, {"512MiB", 512 << 20, true}, {"8GB", 8e9, true},
		{"1.5GiB", 3 << 29, true}, {"1000000", 1e6, true}, {"-1GiB", 0, false}, {"ten", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v", tt.in, got, err)
		}
	}
}

func TestApplyMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	if err := applyMemoryLimit("2GiB"); err != nil || debug.SetMemoryLimit(-1) != 2<<30 {
		t.Fatalf("2GiB: %v, limit %d", err, debug.SetMemoryLimit(-1))
	}
	if err := applyMemoryLimit("auto"); err != nil {
		t.Fatal(err)
	}
	if phys := physicalMemory(); phys > 0 && debug.SetMemoryLimit(-1) != int64(float64(phys)*defaultMemoryShare) {
		t.Errorf("auto: limit %d for %d bytes of RAM", debug.SetMemoryLimit(-1), phys)
	}
	if err := applyMemoryLimit("lots"); err == nil {
		t.Error("a bad size was accepted")
	}
}
