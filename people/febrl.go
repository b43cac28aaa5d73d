package people

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/breachkit/breachkit"
)

// LoadFEBRL reads a FEBRL data set (columns rec_id, given_name, surname,
// street_number, address_1, address_2, suburb, postcode, state,
// date_of_birth, soc_sec_id) and calls fn with a Record per row, built
// through BuildRecord like every other input. The ground truth person is
// N of "rec-N-org" / "rec-N-dup-K", prefixed with prefix. Addresses are
// Australian (Country "AU"); soc_sec_id, not a US SSN, is an account-like
// identifier (CUSTOM_SOC_SEC_ID).
func LoadFEBRL(path, prefix string, fn func(*Record)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"rec_id", "given_name", "surname", "date_of_birth"} {
		if _, ok := col[need]; !ok {
			return fmt.Errorf("%s: no column %q", path, need)
		}
	}
	get := func(row []string, name string) string {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	line := 1
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line++
		if err != nil {
			return fmt.Errorf("%s line %d: %v", path, line, err)
		}
		id := get(row, "rec_id")
		var vals []Value
		add := func(e breachkit.Element, part, v string) {
			if v != "" {
				vals = append(vals, Value{Type: e, Part: part, Value: v, Order: int64(len(vals))})
			}
		}
		add(breachkit.PersonName, "given", get(row, "given_name"))
		add(breachkit.PersonName, "surname", get(row, "surname"))
		add(breachkit.DOB, "", get(row, "date_of_birth"))
		street := strings.TrimSpace(get(row, "street_number") + " " + get(row, "address_1"))
		add(breachkit.Address, "street", street)
		add(breachkit.Address, "city", get(row, "suburb"))
		add(breachkit.Address, "state", get(row, "state"))
		add(breachkit.Address, "zip", get(row, "postcode"))
		add(breachkit.Address, "country", "AU")
		add(breachkit.Element("CUSTOM_SOC_SEC_ID"), "", get(row, "soc_sec_id"))
		r := BuildRecord(prefix+id, vals)
		r.Truth = febrlTruth(id)
		fn(&r)
	}
}

// febrlTruth returns N of rec-N-org / rec-N-dup-K.
func febrlTruth(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) >= 2 {
		return parts[1]
	}
	return id
}
