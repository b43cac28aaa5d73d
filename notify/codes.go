package notify

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/breachkit/breachkit"
)

// Fingerprinter computes keyed fingerprints; vault.CaseKeys is one.
type Fingerprinter interface {
	Fingerprint(e breachkit.Element, value string) []byte
}

// CodeImport says what an import of activation codes did.
type CodeImport struct {
	Read, Added, Duplicates int
	// Errors name the lines that were not imported, and why; they never
	// quote a code.
	Errors []string
}

// ImportCodes reads a provider's activation codes from CSV and adds them
// to the case's pool, sealed. The file has one code per row: the column
// named code (or activation_code), or the only column when there is no
// such header. Codes already in the pool, or twice in the file, are
// counted as duplicates and not added again.
func ImportCodes(ctx context.Context, store breachkit.Store, caseID int64, keys interface {
	Keys
	Fingerprinter
}, provider string, r io.Reader) (*CodeImport, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	res := &CodeImport{}
	col, line := 0, 0
	seen := map[string]bool{}
	var batch []*breachkit.MonitoringCode
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		n, err := store.AddCodes(ctx, caseID, batch)
		res.Added += n
		res.Duplicates += len(batch) - n
		batch = batch[:0]
		return err
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				res.Errors = append(res.Errors, fmt.Sprintf("line %d: %v", pe.Line, pe.Err))
				continue
			}
			return res, err
		}
		if line == 1 {
			header := false
			for i, h := range rec {
				switch strings.ToLower(strings.TrimSpace(h)) {
				case "code", "activation_code", "activation code", "enrollment_code":
					col, header = i, true
				}
			}
			if header {
				continue
			}
			if len(rec) > 1 {
				return res, errors.New("line 1: several columns and none named code or activation_code")
			}
		}
		if col >= len(rec) {
			res.Errors = append(res.Errors, fmt.Sprintf("line %d: no code column", line))
			continue
		}
		v := strings.TrimSpace(rec[col])
		if v == "" {
			res.Errors = append(res.Errors, fmt.Sprintf("line %d: empty code", line))
			continue
		}
		res.Read++
		if seen[v] {
			res.Duplicates++
			continue
		}
		seen[v] = true
		batch = append(batch, &breachkit.MonitoringCode{CaseID: caseID, Provider: provider,
			Value:       keys.Seal(breachkit.MonitoringCodeElement, []byte(v)),
			Fingerprint: keys.Fingerprint(breachkit.MonitoringCodeElement, v)})
		if len(batch) == 5000 {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	return res, flush()
}
