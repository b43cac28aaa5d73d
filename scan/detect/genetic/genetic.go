// Package genetic recognises genetic data in a table: genotype calls,
// DNA sequences and haplogroups that testing services and research
// files store per person. The rule files of duties/rules with GENETIC in
// their triggers count it, with a name, as personal information. Only a column
// whose header names genetic data is read: "AG" or "H1a" mean nothing
// elsewhere.
package genetic

import "bytes"

// The words of a column header (lower case) that name genetic data:
// Names by themselves, Subjects with Forms ("DNA sequence", "genetic
// markers"); a header with any of Not names a kit's ID, status or date.
var (
	Names    = []string{"genotype", "genotypes", "haplogroup", "haplogroups", "allele", "alleles", "genome", "snps", "snp"}
	Subjects = []string{"dna", "genetic"}
	Forms    = []string{"sequence", "profile", "markers", "marker", "result", "results", "data", "test"}
	Not      = []string{"id", "kit", "barcode", "status", "date", "dt", "consent", "type", "count", "lab", "order", "shipped", "received", "vendor"}
)

// Valid reports whether a value under a genetic header is genetic data:
// a genotype call ("AG", "--", "DI"), a sequence of bases, a list of
// calls, or a haplogroup ("H1a1", "R-M269"), up to 4 KiB.
func Valid(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || len(v) > 4096 {
		return false
	}
	bases := true
	for _, c := range v {
		switch c {
		case 'A', 'C', 'G', 'T', 'N', 'D', 'I', '-', ' ', ',', ';', '/', '|':
		default:
			bases = false
		}
	}
	if bases {
		return bytes.IndexAny(v, "ACGTDI") >= 0 || bytes.Equal(v, []byte("--"))
	}
	// A haplogroup: a capital, then letters, digits, '-', '*' or '+'.
	if len(v) > 16 || v[0] < 'A' || v[0] > 'Z' {
		return false
	}
	digits := 0
	for _, c := range v[1:] {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '*', c == '+':
		default:
			return false
		}
	}
	return digits > 0
}
