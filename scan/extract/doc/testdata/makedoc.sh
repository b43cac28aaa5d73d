#!/usr/bin/env bash
# makedoc.sh rebuilds the Word 97-2003 test documents from synthetic
# content (no real person's data): apt-get install -y
# libreoffice-writer-nogui, then run it from this folder. The documents
# are kept in the repository so that the tests need no LibreOffice.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# latin.html has only Windows-1252 text (Word stores it one byte a
# character); unicode.html has Cyrillic too (two bytes a character).
cat >"$tmp/latin.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<p>Re: escrow shortage for José Álvarez, SSN 512-44-7081.</p>
<p>Call back at (415) 867-5309 about the “loan modification”.</p>
<table border="1">
<tr><td>Name</td><td>SSN</td><td>Email</td></tr>
<tr><td>Sierra Jefferson</td><td>383-41-8663</td><td>sierra.jefferson@example.com</td></tr>
<tr><td>Dana Whitfield</td><td>412-55-8901</td><td>dana.whitfield@example.org</td></tr>
</table>
<p>Signed, the servicing team.</p>
</body></html>
HTML
cat >"$tmp/unicode.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<p>Клиент Иван Петров, SSN 601-23-4455, DOB 03/09/1971.</p>
</body></html>
HTML
for f in latin unicode; do
	soffice --headless --convert-to doc:"MS Word 97" --outdir "$tmp" "$tmp/$f.html" >/dev/null 2>&1
	cp "$tmp/$f.doc" "./$f.doc"
done
ls -l ./*.doc
