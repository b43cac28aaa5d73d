package main

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	lpdf "github.com/ledongthuc/pdf"
)

func main() {
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 10)
	rows := [][]string{{"Employee Name", "Apt", "SSN", "Date of Birth"}, {"Sierra Jefferson", "4B", "361-55-9684", "08/25/1965"}, {"Dana Whitfield", "", "260-24-7091", "04/13/1984"}, {"Ana Souza", "12", "355-11-4550", "05/06/1999"}}
	for _, r := range rows {
		for i, c := range r {
			w := []float64{50, 15, 35, 35}[i]
			p.CellFormat(w, 7, c, "1", 0, "L", false, 0, "")
		}
		p.Ln(-1)
	}
	var b bytes.Buffer
	p.Output(&b)
	r, err := lpdf.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		panic(err)
	}
	pg := r.Page(1)
	txt, _ := pg.GetPlainText(nil)
	fmt.Printf("PLAIN %q\n", txt)
	c := pg.Content()
	for i, t := range c.Text {
		if i > 40 {
			break
		}
		fmt.Printf("%.1f %.1f %.1f %q\n", t.X, t.Y, t.W, t.S)
	}
	fmt.Println(len(c.Text))
}
