#!/usr/bin/perl
# makemsg.pl rebuilds the Outlook .msg test messages from synthetic
# content (no real person's data): apt-get install -y
# libole-storage-lite-perl, then run it from this folder. The messages
# are kept in the repository so that the tests need no Perl.
use strict;
use warnings;
use utf8;
use Encode qw(encode);
use OLE::Storage_Lite;

my @t = (0, 0, 0, 1, 0, 100); # 1 Jan 2000, fixed: the files do not change from run to run

sub name { OLE::Storage_Lite::Asc2Ucs($_[0]) }
sub file { OLE::Storage_Lite::PPS::File->new(name($_[0]), $_[1]) }
sub dir  { OLE::Storage_Lite::PPS::Dir->new(name($_[0]), \@t, \@t, $_[1]) }
sub uni  { file(sprintf("__substg1.0_%04X001F", $_[0]), encode("UTF-16LE", $_[1])) }
sub bin  { file(sprintf("__substg1.0_%04X0102", $_[0]), $_[1]) }
sub str8 { file(sprintf("__substg1.0_%04X001E", $_[0]), encode("iso-8859-1", $_[1])) }
sub save {
	my ($out, @children) = @_;
	OLE::Storage_Lite::PPS::Root->new(\@t, \@t, [file("__properties_version1.0", "\0" x 32), @children])->save($out);
}

# A message with a plain body, a recipient table and a CSV attachment.
save("letter.msg",
	uni(0x0037, "Escrow refund for José Álvarez"),
	uni(0x0C1A, "Dana Whitfield"),
	uni(0x0C1F, "dana.whitfield\@example.org"),
	uni(0x0E04, "Sierra Jefferson"),
	uni(0x1000, "Sierra,\r\nyour SSN 383-41-8663 is on file; call (415) 867-5309.\r\n"),
	uni(0x007D, "Received: from mail.example.org\r\nX-Customer-DOB: 1980-05-17\r\n"),
	dir("__recip_version1.0_#00000000", [
		file("__properties_version1.0", "\0" x 8),
		uni(0x3001, "Sierra Jefferson"),
		uni(0x39FE, "sierra.jefferson\@example.com"),
		bin(0x0C15, pack("V", 1)),
	]),
	dir("__recip_version1.0_#00000001", [
		uni(0x3001, "Ana Souza"),
		uni(0x3003, "ana.souza\@example.net"),
		bin(0x0C15, pack("V", 2)),
	]),
	dir("__attach_version1.0_#00000000", [
		file("__properties_version1.0", "\0" x 8),
		uni(0x3707, "customers.csv"),
		bin(0x3701, "name,ssn\r\nMaria Garcia,601-23-4455\r\n"),
	]),
);

# An older message: 8-bit strings, an HTML body only, no recipient table.
save("html.msg",
	str8(0x0037, "Account for Renée Dubois"),
	str8(0x0E04, "Renée Dubois"),
	bin(0x1013, "<html><body><p>SSN: <b>512-44-7081</b></p><script>var x = 1;</script></body></html>"),
);

# A contact (IPM.Contact): its person in the contact properties, and a
# business address that is not the person's.
save("contact.msg",
	str8(0x001A, "IPM.Contact"),
	uni(0x3001, "Marisol Okafor"),
	uni(0x3A06, "Marisol"),
	uni(0x3A11, "Okafor"),
	uni(0x3A07, "431-27-5569"),
	uni(0x3A5D, "4417 Birchwood Lane"),
	uni(0x3A59, "Dayton"),
	uni(0x3A5C, "OH"),
	uni(0x3A5B, "45402"),
	uni(0x3A1C, "(937) 422-6718"),
	uni(0x3A16, "Okafor Landscaping LLC"),
	uni(0x8083, "marisol.okafor\@example.net"),
	uni(0x8084, "Marisol Okafor (marisol.okafor\@example.net)"),
	uni(0x3A29, "200 Commerce Park Dr"),
	uni(0x3A27, "Columbus"),
	uni(0x3A28, "OH"),
	uni(0x3A2A, "43215"),
	uni(0x1000, "Met at the closing; prefers text messages.\r\n"),
);

# A message forwarded as an attachment (Outlook's "Forward as
# Attachment"): the attached message has its own sender, body and a CSV
# attachment of its own.
save("forwarded.msg",
	uni(0x0037, "FW: suspicious request"),
	uni(0x0C1A, "Dana Whitfield"),
	uni(0x0C1F, "dana.whitfield\@example.org"),
	uni(0x1000, "See the attached message.\r\n"),
	dir("__attach_version1.0_#00000000", [
		file("__properties_version1.0", "\0" x 8),
		uni(0x3707, "Wire instructions.msg"),
		dir("__substg1.0_3701000D", [
			file("__properties_version1.0", "\0" x 24),
			uni(0x0037, "Wire instructions"),
			uni(0x0C1A, "Marisol Okafor"),
			uni(0x0C1F, "marisol.okafor\@example.net"),
			uni(0x1000, "My SSN is 431-27-5569 and my routing number 021000021.\r\n"),
			dir("__attach_version1.0_#00000000", [
				file("__properties_version1.0", "\0" x 8),
				uni(0x3707, "payees.csv"),
				bin(0x3701, "name,account\r\nAna Souza,000123456789\r\n"),
			]),
		]),
	]),
);
