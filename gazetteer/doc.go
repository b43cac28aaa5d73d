// Package gazetteer is breachkit's shipped reference data about people and
// places in the United States: states and territories, USPS ZIP Code
// prefixes, USPS street suffixes and secondary unit designators, given names
// and surnames with their population frequencies, and English nickname
// equivalences.
//
// The scanner uses it to recognise names and addresses in free text, the
// people resolver to normalise addresses, match nicknames and weight name
// agreement by rarity, and the synthetic data generator to produce realistic
// records.
//
// All data is embedded in the binary from the files under data/ (see
// data/SOURCES.md for where each file comes from); nothing is downloaded at
// run time. Each data set is parsed once, lazily, on first use, and every
// function is safe for concurrent use. Functions that return slices return a
// fresh copy the caller may modify.
package gazetteer
