// Package sample recognises the numbers that documentation, test data and
// placeholders are made of: digits counting up or down (123456789012,
// 987654321098), one digit repeated in runs (111122223333), or a short
// block said over and over (123123123). Such a number is an example in a
// manual or a fixture, not an account, licence or card that was issued to
// someone; the detectors of those numbers refuse it.
package sample

// Number reports whether digits (ASCII '0'–'9' only) are a sample: a run
// of seven or more counting up or down (9 to 0 and back wraps; six when
// they are the whole number), runs of
// one digit each at least three long, a block of two to four digits
// repeated three times or more (after leading zeros), or a round number
// (1000000). Limit is apart: only a phone's rule asks it.
func Number(d []byte) bool {
	return counting(d) || runs(d) || repeated(d) || round(d)
}

// Limit reports a power of two or one less, of seven digits or more
// (1048576, 2147483647, 4294967295): a program's limit or buffer size,
// which as ten bare digits reads as a phone number. Anything but digits
// is none.
func Limit(d []byte) bool {
	if len(d) < 7 || len(d) > 19 {
		return false
	}
	var x uint64
	for _, c := range d {
		if c < '0' || c > '9' {
			return false
		}
		x = x*10 + uint64(c-'0')
	}
	return x&(x-1) == 0 || x&(x+1) == 0
}

// round reports a digit and five zeros or more: 100000, 1048576 is not.
func round(d []byte) bool {
	if len(d) < 6 {
		return false
	}
	for _, c := range d[1:] {
		if c != '0' {
			return false
		}
	}
	return true
}

// counting reports seven digits or more in a row that count up or down,
// or a whole number of six that does (123456, 654321).
func counting(d []byte) bool {
	up, down := 1, 1
	for i := 1; i < len(d); i++ {
		a, b := d[i-1], d[i]
		if b == a+1 || a == '9' && b == '0' {
			up++
		} else {
			up = 1
		}
		if b+1 == a || a == '0' && b == '9' {
			down++
		} else {
			down = 1
		}
		if up >= 7 || down >= 7 {
			return true
		}
	}
	return len(d) == 6 && (up == 6 || down == 6)
}

// runs reports digits made only of runs of one digit, each at least three
// long: 111122223333, 000999.
func runs(d []byte) bool {
	if len(d) == 0 {
		return false
	}
	for i := 0; i < len(d); {
		j := i
		for j < len(d) && d[j] == d[i] {
			j++
		}
		if j-i < 3 {
			return false
		}
		i = j
	}
	return true
}

// repeated reports digits that, after leading zeros, are one block of two
// to four digits said three times or more: 123123123, 000123123123.
func repeated(d []byte) bool {
	for len(d) > 0 && d[0] == '0' {
		d = d[1:]
	}
	for n := 2; n <= 4; n++ {
		if len(d) < 3*n || len(d)%n != 0 {
			continue
		}
		same := true
		for i := n; i < len(d) && same; i++ {
			same = d[i] == d[i-n]
		}
		if same {
			return true
		}
	}
	return false
}
