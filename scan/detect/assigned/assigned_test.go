package assigned

import "testing"

func TestValid(t *testing.T) {
	for v, want := range map[string]bool{
		"E104512": true, "004512": true, " 7731 ": true, "A-2231": true, "stu_2024.17": true,
		"12": false, "000": false, "N/A": false, "ABCDEF": false, "": false, "E 104512": false,
		"123456789012345678901": false,
	} {
		if got := Valid([]byte(v)); got != want {
			t.Errorf("Valid(%q) = %v, want %v", v, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add([]byte("E104512"))
	f.Fuzz(func(t *testing.T, v []byte) {
		if Valid(v) && len(v) < 3 {
			t.Errorf("Valid(%q) for fewer than three bytes", v)
		}
	})
}
