#!/usr/bin/env bash
# makedbf.sh rebuilds the dBase test tables from synthetic rows (no real
# person's data) with Perl's XBase module: apt-get install -y
# libdbd-xbase-perl, then run it from this folder. The tables are kept in
# the repository so that the tests need no Perl.
set -euo pipefail
cd "$(dirname "$0")"
rm -f clients.dbf clients.dbt
perl -MXBase -e '
	my $t = XBase->create(name => "clients.dbf", version => 3,
		field_names    => [qw(LASTNAME FIRSTNAME SSN BIRTHDATE PHONE BALANCE NOTES)],
		field_types    => [qw(C C C D C N M)],
		field_lengths  => [20, 15, 11, 8, 14, 10, 10],
		field_decimals => [undef, undef, undef, undef, undef, 2, undef]) or die XBase->errstr;
	$t->set_record(0, "Jefferson", "Sierra", "383-41-8663", "19710309", "(415) 867-5309", 1250.5, "Called about escrow; verified DOB 03/09/1971") or die $t->errstr;
	$t->set_record(1, "Whitfield", "Dana", "", "19841130", "937-555-0142", 99.25, "") or die $t->errstr;
	$t->set_record(2, "Souza", "Ana", "601-23-4455", "19660721", "", 0, "") or die $t->errstr;
	$t->delete_record(2) or die $t->errstr;
	$t->close;
'
ls -l clients.dbf clients.dbt
