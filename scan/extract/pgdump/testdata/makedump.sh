#!/usr/bin/env bash
# makedump.sh rebuilds the pg_dump test archives from synthetic rows (no
# real person's data), with the PostgreSQL server and pg_dump at hand
# (apt-get install -y postgresql-client; a server at PGHOST). The
# archives are kept in the repository so that the tests need neither.
set -euo pipefail
cd "$(dirname "$0")"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
psql -d postgres -qc "DROP DATABASE IF EXISTS bkdump" -qc "CREATE DATABASE bkdump"
psql -d bkdump -q <<'SQL'
CREATE SCHEMA crm;
CREATE TABLE crm.customers (id serial primary key, full_name text, ssn text, dob date, email text, note text);
INSERT INTO crm.customers (full_name, ssn, dob, email, note) VALUES
 ('Sierra Jefferson', '383-41-8663', '1971-03-09', 'sierra.jefferson@example.com', 'called re: escrow'),
 ('José Álvarez', '512-44-7081', '1990-01-02', 'jose.alvarez@example.net', E'tab\there and newline\nthere'),
 ('Dana Whitfield', NULL, '1984-11-30', 'dana.whitfield@example.org', 'back\\slash');
CREATE TABLE public.empty_t (a int);
CREATE TABLE public.cards (holder text, pan text);
INSERT INTO public.cards VALUES ('Ana Souza', '4111111111111111');
SELECT lo_from_bytea(0, convert_to('Scanned form: SSN 601-23-4455', 'UTF8'));
SQL
pg_dump -Fc -f gzip.dump bkdump
pg_dump -Fc -Z0 -f plain.dump bkdump
pg_dump -Fc -Z zstd -f zstd.dump bkdump 2>/dev/null || rm -f zstd.dump # pg_dump 16 and later
# The directory format: toc.dat and a data file per table (gzip by default).
rm -rf dir.d plaindir.d
pg_dump -Fd -f dir.d bkdump
pg_dump -Fd -Z0 -f plaindir.d bkdump
psql -d postgres -qc "DROP DATABASE bkdump"
ls -l ./*.dump ./*.d
