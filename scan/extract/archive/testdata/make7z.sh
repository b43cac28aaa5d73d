#!/usr/bin/env bash
# make7z.sh rebuilds the 7-Zip test archives from synthetic content (no
# real person's data): apt-get install -y p7zip-full, then run it from
# this folder. The archives are kept in the repository so the tests need
# no 7z program.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/export/notes"
printf 'name,ssn,email\nSierra Jefferson,383-41-8663,sierra.jefferson@example.com\n' >"$tmp/export/customers.csv"
printf 'Spoke with Dana Whitfield, SSN 512-44-7081, about her escrow.\n' >"$tmp/export/notes/call.txt"
( cd "$tmp/export" && printf 'Borrower Ana Souza, DOB 1971-03-09.\n' >inner.txt && zip -q -X inner.zip inner.txt && rm inner.txt )
rm -f plain.7z encrypted.7z encrypted-headers.7z zeros.7z
( cd "$tmp/export" && 7z a -bd -mx=9 -ms=on "$OLDPWD/plain.7z" . >/dev/null )
( cd "$tmp/export" && 7z a -bd -psecret "$OLDPWD/encrypted.7z" customers.csv >/dev/null )
( cd "$tmp/export" && 7z a -bd -psecret -mhe=on "$OLDPWD/encrypted-headers.7z" customers.csv >/dev/null )
head -c $((16 << 20)) /dev/zero >"$tmp/zeros.bin"
( cd "$tmp" && 7z a -bd -mx=9 "$OLDPWD/zeros.7z" zeros.bin >/dev/null )
ls -l ./*.7z
