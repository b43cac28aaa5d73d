// Package people resolves the findings of a case into the unique people
// they belong to: the unit that breach laws count and that receives a
// notice.
//
// The core works on an in-memory Record, one record's partial view of a
// person (a CSV row, a JSON object, an e-mail, a paragraph): name parts,
// tax ID, date of birth, e-mails, phones, addresses and account numbers.
// Records come from the case store (FromStore decrypts findings with the
// case keys, in memory only, and splits a free-text record that names
// several people at each name), from generator ground truth (LoadTruth) or
// from a CSV import such as FEBRL (LoadFEBRL); all feed the same Resolver.
//
// Resolution has four steps:
//
//  1. Deterministic links on strong identifiers: the same valid SSN or
//     ITIN, or the same e-mail address with a compatible name.
//  2. Probabilistic (Fellegi–Sunter) links for the rest. Candidate pairs
//     come from several blocking passes (tax ID, e-mail, phone, account
//     numbers, DOB + surname Soundex, ZIP + given initial, surname NYSIIS +
//     given initial + birth year, street). Each pair is compared field by
//     field (Jaro–Winkler, NYSIIS, nicknames, DOB with day/month
//     transposition, USPS-normalised addresses); u-probabilities come from
//     random record pairs, m-probabilities from EM over candidate pairs,
//     and agreement on a common name is down-weighted by its frequency.
//  3. Clustering by union-find over accepted links, strongest first, with
//     guards against over-merging: a union that would put two different
//     valid SSNs (or ITINs) in one person is refused, so is a
//     probabilistic link between different given names with nothing of
//     one person's own in common (a household's surname and address), and
//     identifier values shared by implausibly many different people (a
//     placeholder SSN, an office phone, noreply@) are detected and not
//     used.
//  4. Building each person: elements exposed, residence jurisdiction from
//     the best address, address quality, flags and an explanation of the
//     links (fields and weights, never values).
//
// The result depends only on the set of records, not on the order they
// were added in or on finding IDs: Resolve first sorts the records into a
// canonical order by content, and every tie after that (blocking windows,
// group anchors, the random pairs for u, union order, a person's mailing
// address) is broken by that order; the random pairs come from a fixed
// seed and EM sums in a fixed order. A parallel scan of the same files
// therefore yields the same people and the same counts every run.
//
// No function of this package logs or returns plaintext personal values;
// errors and explanations name fields, never their contents.
package people
