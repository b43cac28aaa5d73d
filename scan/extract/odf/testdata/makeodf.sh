#!/usr/bin/env bash
# makeodf.sh rebuilds the OpenDocument test files from synthetic content
# (no real person's data): apt-get install -y libreoffice-calc-nogui
# libreoffice-writer-nogui, then run it from this folder. The files are
# kept in the repository so that the tests need no LibreOffice.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A customer export: a header row, numbers, dates, an empty column
# between filled ones, and a blank row before the last customer.
cat >"$tmp/customers.csv" <<'CSV'
First Name,Last Name,SSN,Date of Birth,Email,,Balance
Sierra,Jefferson,383-41-8663,1971-03-09,sierra.jefferson@example.com,,1250.5
Dana,Whitfield,412558901,1984-11-30,dana.whitfield@example.org,,99
,,,,,,
José,Álvarez,512-44-7081,1990-01-02,jose.alvarez@example.net,,0
CSV
soffice --headless --infilter="CSV:44,34,76,1" --convert-to ods --outdir "$tmp" "$tmp/customers.csv" >/dev/null 2>&1
cp "$tmp/customers.ods" .
cat >"$tmp/letter.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<h1>Notice of data incident</h1>
<p>Dear José Álvarez, your SSN 512-44-7081 was in the files.</p>
<ul><li>Call back at (415) 867-5309.</li></ul>
<table border="1">
<tr><td>Name</td><td>SSN</td><td>Email</td></tr>
<tr><td>Sierra Jefferson</td><td>383-41-8663</td><td>sierra.jefferson@example.com</td></tr>
<tr><td>Dana Whitfield<br>second line</td><td>412-55-8901</td><td>dana.whitfield@example.org</td></tr>
</table>
<p>Signed, the servicing team.</p>
</body></html>
HTML
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt:writer8 --outdir "$tmp" "$tmp/letter.html" >/dev/null 2>&1
cp "$tmp/letter.odt" .
ls -l ./*.ods ./*.odt
