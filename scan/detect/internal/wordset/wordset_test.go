package wordset

import (
	"fmt"
	"testing"
)

func TestSet(t *testing.T) {
	m := map[string]uint32{}
	for i := 0; i < 500; i++ {
		m[fmt.Sprintf("w%dx", i)] = uint32(i + 1)
	}
	m["ssn"] = 7
	m["sixteen-letters!"] = 16
	m["a-word-longer-than-sixteen"] = 26
	s := New(m)
	for w, v := range m {
		if got, ok := s.Lookup([]byte(w)); !ok || got != v {
			t.Errorf("%s: %d %v", w, got, ok)
		}
	}
	if v, ok := s.LookupFold([]byte("SsN")); !ok || v != 7 {
		t.Errorf("fold: %d %v", v, ok)
	}
	for _, w := range []string{"", "w", "w500x", "ss", "ssnn", "W1x!", "ssn\x00", "sixteen-letters?", "a-word-longer-than-sixteeN"} {
		if _, ok := s.Lookup([]byte(w)); ok {
			t.Errorf("%q found", w)
		}
	}
	// A word in a bigger buffer, with other bytes after it, as the
	// detectors pass them.
	buf := []byte("ssnXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
	if v, ok := s.Lookup(buf[:3]); !ok || v != 7 {
		t.Errorf("ssn in a buffer: %d %v", v, ok)
	}
	buf = []byte("sixteen-letters!XXXXXXXXXXXXXXXX")
	if v, ok := s.Lookup(buf[:16]); !ok || v != 16 {
		t.Errorf("16 letters in a buffer: %d %v", v, ok)
	}
	if _, ok := s.Lookup(buf[:15]); ok {
		t.Errorf("15 of 16 letters found")
	}
	var z Set
	if _, ok := z.LookupFold([]byte("a")); ok {
		t.Error("zero set")
	}
}

// TestOf checks that a set made from a list holds each word with the one
// value, a word listed twice once, and no other.
func TestOf(t *testing.T) {
	words := []string{"value", "island", "a-word-longer-than-sixteen", "value", "x"}
	s := Of(words, 3)
	for _, w := range words {
		if v, ok := s.Lookup([]byte(w)); !ok || v != 3 {
			t.Errorf("%s: %d %v", w, v, ok)
		}
	}
	for _, w := range []string{"valu", "values", "islands", "y", ""} {
		if _, ok := s.Lookup([]byte(w)); ok {
			t.Errorf("%q found", w)
		}
	}
	if e := Of(nil, 1); e == nil {
		t.Fatal("empty list: nil set")
	} else if _, ok := e.Lookup([]byte("x")); ok {
		t.Error("empty list: x found")
	}
}
