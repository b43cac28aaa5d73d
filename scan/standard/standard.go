// Package standard wires the extractors and detectors that breachkit
// ships into a scan: containers and documents first (they are recognised
// by their magic bytes), then structured text, then plain text as the
// fallback for anything that looks like text.
package standard

import (
	"github.com/breachkit/breachkit/scan"
	"github.com/breachkit/breachkit/scan/extract/archive"
	"github.com/breachkit/breachkit/scan/extract/bson"
	"github.com/breachkit/breachkit/scan/extract/csv"
	"github.com/breachkit/breachkit/scan/extract/dbf"
	"github.com/breachkit/breachkit/scan/extract/doc"
	"github.com/breachkit/breachkit/scan/extract/docx"
	"github.com/breachkit/breachkit/scan/extract/email"
	"github.com/breachkit/breachkit/scan/extract/fire"
	"github.com/breachkit/breachkit/scan/extract/fixed"
	"github.com/breachkit/breachkit/scan/extract/hl7"
	"github.com/breachkit/breachkit/scan/extract/image"
	"github.com/breachkit/breachkit/scan/extract/json"
	"github.com/breachkit/breachkit/scan/extract/ldif"
	"github.com/breachkit/breachkit/scan/extract/metro2"
	"github.com/breachkit/breachkit/scan/extract/nacha"
	"github.com/breachkit/breachkit/scan/extract/odf"
	"github.com/breachkit/breachkit/scan/extract/parquet"
	"github.com/breachkit/breachkit/scan/extract/pdf"
	"github.com/breachkit/breachkit/scan/extract/pgdump"
	"github.com/breachkit/breachkit/scan/extract/ppt"
	"github.com/breachkit/breachkit/scan/extract/ps"
	"github.com/breachkit/breachkit/scan/extract/raw"
	"github.com/breachkit/breachkit/scan/extract/rtf"
	"github.com/breachkit/breachkit/scan/extract/sql"
	"github.com/breachkit/breachkit/scan/extract/sqlitedb"
	"github.com/breachkit/breachkit/scan/extract/text"
	"github.com/breachkit/breachkit/scan/extract/unread"
	"github.com/breachkit/breachkit/scan/extract/vcard"
	"github.com/breachkit/breachkit/scan/extract/x12"
	"github.com/breachkit/breachkit/scan/extract/xls"
	"github.com/breachkit/breachkit/scan/extract/xlsb"
	"github.com/breachkit/breachkit/scan/extract/xlsx"
	"github.com/breachkit/breachkit/scan/extract/xml"
	"github.com/breachkit/breachkit/scan/extract/yaml"
)

// Extractors returns the shipped extractors in the order they are tried.
func Extractors() []scan.Extractor {
	return []scan.Extractor{
		pgdump.DataFile{}, archive.Zip{}, archive.Tar{}, archive.Gzip{}, archive.Bzip2{}, archive.Xz{}, archive.Zstd{}, archive.SevenZip{}, archive.Rar{}, parquet.Extractor{},
		xlsb.Extractor{}, xlsx.Extractor{}, xls.Extractor{}, sqlitedb.Extractor{}, sqlitedb.WAL{}, pgdump.Extractor{}, bson.Extractor{}, dbf.Extractor{}, dbf.Memo{}, docx.Extractor{}, docx.Presentation{}, odf.Extractor{}, doc.Extractor{}, ppt.Extractor{}, rtf.Extractor{}, pdf.Extractor{}, ps.Extractor{}, email.EML{}, email.EMLX{}, email.MBOX{}, email.MSG{}, email.PST{}, email.TNEF{}, vcard.Extractor{}, ldif.Extractor{}, nacha.Extractor{}, metro2.Extractor{}, fire.Extractor{}, hl7.Extractor{}, x12.Extractor{},
		yaml.Extractor{}, json.Extractor{}, sql.Extractor{}, xml.Extractor{}, csv.Extractor{}, fixed.Extractor{},
		unread.Extractor{}, image.Extractor{}, text.Extractor{}, raw.Extractor{},
	}
}
