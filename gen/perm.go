package gen

import "math/bits"

// splitmix64 is the SplitMix64 finaliser, used to derive keys and the
// Feistel round function.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// mix combines a seed with labels into one 64-bit key.
func mix(vals ...uint64) uint64 {
	h := uint64(0x6a09e667f3bcc909)
	for _, v := range vals {
		h = splitmix64(h ^ v)
	}
	return h
}

// strKey hashes a label (FNV-1a) so it can be mixed into a key.
func strKey(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// permute maps x in [0, m) to a pseudo-random, unique y in [0, m): a
// balanced Feistel network over the smallest even bit width covering m,
// with cycle walking. Different people (x) therefore never share an
// identifier drawn through the same permutation, without any memory of
// who got what.
func permute(key, x, m uint64) uint64 {
	if m <= 1 {
		return 0
	}
	if x >= m {
		panic("gen: permute input out of range")
	}
	k := bits.Len64(m - 1)
	if k < 2 {
		k = 2
	}
	if k%2 == 1 {
		k++
	}
	half := uint(k / 2)
	mask := uint64(1)<<half - 1
	for {
		l, r := x>>half, x&mask
		for round := uint64(0); round < 4; round++ {
			l, r = r, l^(splitmix64(key^(round<<56)^r)&mask)
		}
		x = l<<half | r
		if x < m {
			return x
		}
	}
}
