#!/usr/bin/env bash
# makeform.sh rebuilds form.png, a picture of a filled intake form with
# synthetic values (no real person's data): LibreOffice Writer lays the
# form out as a PDF and pdftocairo renders it at 150 dots per inch, as a
# scanner would. apt-get install -y libreoffice-writer-nogui
# poppler-utils, then run it from this folder. The picture is kept in the
# repository so that the tests need neither.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/form.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body style="font-family: DejaVu Sans; font-size: 14pt">
<p>Patient intake form</p>
<p>Name: Sierra Jefferson</p>
<p>SSN 383-41-8663 &nbsp; DOB 03/09/1971</p>
<p>Email: sierra.jefferson@example.com</p>
</body></html>
HTML
soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$tmp" "$tmp/form.html" >/dev/null 2>&1
pdftocairo -png -r 150 -f 1 -l 1 -y 0 -H 600 -W 1275 -singlefile "$tmp/form.pdf" form
ls -l form.png
