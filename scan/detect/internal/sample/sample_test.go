package sample

import "testing"

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		d    string
		want bool
	}{
		{"123456789012", true},
		{"223456789012", true}, // counting on past 9
		{"987654321098", true},
		{"6543210123456788", true},
		{"171234567890123", true},
		{"111122223333", true},
		{"444455556666", true},
		{"000123123123", true},
		{"123123123", true},
		{"1234567800", true},
		{"388590921", false},
		{"50788799689", false},
		{"4754637771192332", false},
		{"0012345", false}, // six counting up in seven: not enough
		{"123456", true},
		{"654321", true},
		{"112233", false}, // runs of two
		{"1000000", true},
		{"1048576", false},
		{"", false},
	} {
		if got := Number([]byte(tt.d)); got != tt.want {
			t.Errorf("Number(%q) = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func FuzzNumber(f *testing.F) {
	f.Add([]byte("123456789012"))
	f.Fuzz(func(t *testing.T, d []byte) { Number(d) })
}

func TestLimit(t *testing.T) {
	for _, c := range []struct {
		d    string
		want bool
	}{
		{"2147483647", true}, // 2^31 - 1
		{"4294967296", true}, // 2^32
		{"1048576", true},
		{"2147483645", false},
		{"65535", false}, // too short to be mistaken for anything
		{"21474836-7", false},
	} {
		if got := Limit([]byte(c.d)); got != c.want {
			t.Errorf("Limit(%q) = %v, want %v", c.d, got, c.want)
		}
	}
}
