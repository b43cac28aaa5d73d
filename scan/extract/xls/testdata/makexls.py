#!/usr/bin/python3
"""makexls.py rebuilds the legacy Excel (BIFF8) test workbooks from
synthetic values (no real person's data): apt-get install -y python3-xlwt,
then run it from this folder with Debian's /usr/bin/python3. The workbooks
are kept in the repository so that the tests need neither."""
import datetime
import xlwt

book = xlwt.Workbook(encoding="utf-8")

# A customer export with a header row, the ways Excel stores the values:
# an SSN as text, an SSN as a number with the "Social Security Number"
# format (leading zero lost), a date of birth as a date serial, a ZIP as a
# number with the "Zip Code" format, an accented name.
s = book.add_sheet("Customers")
ssn_fmt = xlwt.easyxf(num_format_str="000-00-0000")
zip_fmt = xlwt.easyxf(num_format_str="00000")
date_fmt = xlwt.easyxf(num_format_str="m/d/yyyy")
for c, h in enumerate(["Full Name", "SSN", "Date of Birth", "Email", "ZIP", "Balance"]):
    s.write(0, c, h)
rows = [
    ("Sierra Jefferson", "383-41-8663", datetime.date(1980, 5, 17), "sierra.jefferson@example.com", 2110, 1250.5),
    ("José Álvarez", 12448721, datetime.date(1975, 12, 1), "jose.alvarez@example.org", 94103, 88.0),
]
for r, (name, ssn, dob, email, zipc, bal) in enumerate(rows, start=1):
    s.write(r, 0, name)
    if isinstance(ssn, int):
        s.write(r, 1, ssn, ssn_fmt)
    else:
        s.write(r, 1, ssn)
    s.write(r, 2, dob, date_fmt)
    s.write(r, 3, email)
    s.write(r, 4, zipc, zip_fmt)
    s.write(r, 5, bal)

# A sheet without a header row, named from its values.
n = book.add_sheet("Sheet2")
for r, (first, last, ssn) in enumerate([("Anna", "Berg", "412-55-8901"), ("John", "Miller", "523-44-9012"), ("Maria", "Garcia", "601-23-4455")]):
    n.write(r, 0, first)
    n.write(r, 1, last)
    n.write(r, 2, ssn)

book.save("customers.xls")

# Enough shared strings (about 55 kB) that the SST record runs on through CONTINUE
# records, cutting strings in the middle, some in one byte per
# character and some in two (Ł is not Latin-1).
many = xlwt.Workbook(encoding="utf-8")
m = many.add_sheet("Notes")
for i in range(1200):
    name = "Łukasz" if i % 3 == 0 else "Lukas"
    m.write(i, 0, "note %d for %s Nowak, callback %03d-555-%04d" % (i, name, 200 + i % 700, i))
many.save("many-strings.xls")
