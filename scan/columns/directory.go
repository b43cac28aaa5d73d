package columns

import "strings"

// directoryNames gloss the LDAP attribute names (RFC 4519, and Active
// Directory's) whose short names say nothing to a reader or to the
// detectors: "sn" is a surname, "l" a city. The gloss keeps the name, so
// that a finding's reason still shows the file's own header.
var directoryNames = map[string]string{
	"sn": "sn (surname)",
	"l":  "l (city)",
	"st": "st (state)",
	"c":  "c (country code)",
	"co": "co (country)",
}

// directoryMarks are attributes only a directory export has.
var directoryMarks = map[string]bool{
	"samaccountname": true, "userprincipalname": true, "distinguishedname": true, "objectclass": true,
	"objectguid": true, "objectsid": true, "dn": true, "uid": true, "memberof": true, "cn": true,
}

// Directory glosses the columns of a directory export (an ldifde or
// csvde dump of Active Directory, an LDAP search written as CSV): when
// cols holds an attribute only directories have, the short attribute
// names among them are returned with what they mean ("sn (surname)");
// other rows are returned as they are. cols is not changed.
func Directory(cols []string) []string {
	marked := false
	for _, c := range cols {
		if directoryMarks[strings.ToLower(strings.TrimSpace(c))] {
			marked = true
			break
		}
	}
	if !marked {
		return cols
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = DirectoryName(c)
	}
	return out
}

// DirectoryName glosses one LDAP attribute name (see Directory), for a
// format that is a directory's by itself (LDIF).
func DirectoryName(attr string) string {
	if g, ok := directoryNames[strings.ToLower(strings.TrimSpace(attr))]; ok {
		return g
	}
	return attr
}
