package xml

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/xlsx"
)

// spreadsheetNS is the namespace of Excel 2003 XML (SpreadsheetML), the
// "XML Spreadsheet" that reporting servers and older ERP systems export
// as .xml or .xls.
const spreadsheetNS = "urn:schemas-microsoft-com:office:spreadsheet"

// extractSpreadsheet reads an Excel 2003 XML workbook as its sheets: each
// Worksheet's rows through xlsx.Rows, as the same sheet saved as .xlsx
// reads, with headers, sheet and cell. Read as plain XML, the whole
// workbook was one record and its header row named nothing.
func extractSpreadsheet(ctx context.Context, in *scan.Input, br *bufio.Reader, emit func(scan.Segment) error) error {
	dec := xml.NewDecoder(br)
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var (
		rows           *xlsx.Rows
		row            []xlsx.Cell
		rowNum, col    int
		inData         bool
		typ            string
		text           strings.Builder
		sheet          string
		sheets, inCell int
	)
	index := func(t xml.StartElement) int {
		for _, a := range t.Attr {
			if a.Name.Local == "Index" {
				if n, err := strconv.Atoi(a.Value); err == nil && n > 0 && n <= 1<<20 {
					return n
				}
			}
		}
		return 0
	}
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if rows != nil {
				return rows.Finish()
			}
			return nil
		}
		if err != nil {
			if rows != nil {
				if ferr := rows.Finish(); ferr != nil {
					return ferr
				}
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Worksheet":
				sheets++
				sheet = "Sheet" + strconv.Itoa(sheets)
				for _, a := range t.Attr {
					if a.Name.Local == "Name" && a.Value != "" {
						sheet = a.Value
					}
				}
				rows, rowNum = xlsx.NewRows(in, sheet, emit), 0
			case "Row":
				rowNum++
				if i := index(t); i > rowNum {
					rowNum = i
				}
				row, col = row[:0], 0
			case "Cell":
				col++
				if i := index(t); i > col {
					col = i
				}
				inCell++
			case "Data":
				inData, typ = inCell > 0, ""
				text.Reset()
				for _, a := range t.Attr {
					if a.Name.Local == "Type" {
						typ = a.Value
					}
				}
			}
		case xml.CharData:
			if inData && text.Len() < 1<<20 {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Data":
				inData = false
				v := strings.TrimSpace(text.String())
				if typ == "DateTime" {
					v = strings.TrimSuffix(strings.TrimSuffix(v, "T00:00:00.000"), "T00:00:00")
				}
				if v != "" && rows != nil {
					row = append(row, xlsx.Cell{Ref: xlsx.ColName(col) + strconv.Itoa(rowNum), Col: col, Text: v, IsText: typ == "String"})
				}
			case "Cell":
				inCell = max(0, inCell-1)
			case "Row":
				if rows != nil && len(row) > 0 {
					if err := rows.Row(rowNum, append([]xlsx.Cell(nil), row...)); err != nil {
						return err
					}
				}
			case "Worksheet":
				if rows != nil {
					if err := rows.Finish(); err != nil {
						return err
					}
					rows = nil
				}
			}
		}
	}
}
