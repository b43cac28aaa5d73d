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
	s := New(m)
	for w, v := range m {
		if got, ok := s.Lookup([]byte(w)); !ok || got != v {
			t.Errorf("%s: %d %v", w, got, ok)
		}
	}
	if v, ok := s.LookupFold([]byte("SsN")); !ok || v != 7 {
		t.Errorf("fold: %d %v", v, ok)
	}
	for _, w := range []string{"", "w", "w500x", "ss", "ssnn", "W1x!"} {
		if _, ok := s.Lookup([]byte(w)); ok {
			t.Errorf("%q found", w)
		}
	}
	var z Set
	if _, ok := z.LookupFold([]byte("a")); ok {
		t.Error("zero set")
	}
}
