#!/usr/bin/perl
# makeppt.pl rebuilds the PowerPoint 97-2003 test presentations from
# synthetic content (no real person's data): apt-get install -y
# libole-storage-lite-perl, then run it from this folder. The files are
# kept in the repository so that the tests need no Perl. They hold the
# records breachkit reads ([MS-PPT]), not everything PowerPoint writes.
use strict;
use warnings;
use utf8;
use Encode qw(encode);
use OLE::Storage_Lite;

my @t = (0, 0, 0, 1, 0, 100); # 1 Jan 2000, fixed: the files do not change from run to run

sub name { OLE::Storage_Lite::Asc2Ucs($_[0]) }
sub file { OLE::Storage_Lite::PPS::File->new(name($_[0]), $_[1]) }
# rec(version, instance, type, body)
sub rec  { my ($ver, $inst, $type, $body) = @_; pack("vvV", ($inst << 4) | $ver, $type, length($body)) . $body }
sub cont { my ($inst, $type, @children) = @_; rec(0xF, $inst, $type, join("", @children)) }
sub chars { rec(0, 0, 0x0FA0, encode("UTF-16LE", $_[0])) }
sub bytes8 { rec(0, 0, 0x0FA8, encode("iso-8859-1", $_[0])) }
sub cstr  { rec(0, 0, 0x0FBA, encode("UTF-16LE", $_[0])) }
sub persist { rec(0, 0, 0x03F3, "\0" x 20) }
sub header  { rec(0, 0, 0x0F9F, pack("V", $_[0])) }
sub save {
	my ($out, @records) = @_;
	OLE::Storage_Lite::PPS::Root->new(\@t, \@t, [
		file("PowerPoint Document", join("", @records)),
		file("Current User", "\0" x 20),
	])->save($out);
}

# A roster: slide text in the slide list (UTF-16 and 8-bit atoms), a
# text box drawn on the second slide, a notes page and a footer.
save("roster.ppt",
	cont(0, 0x03E8,                       # DocumentContainer
		rec(0, 0, 0x03E9, "\0" x 40),     # DocumentAtom
		cont(0, 0x0FF0,                   # SlideListWithText, slides
			persist(), header(0), chars("Employee roster\rQ3 2023"),
			persist(), header(1), bytes8("Ana Souza\x0bSSN 383-41-8663"),
		),
		cont(2, 0x0FF0,                   # SlideListWithText, notes
			persist(),
		),
		cont(0, 0x0FD9,                   # HeadersFooters
			cstr("Company Confidential"),
		),
	),
	cont(0, 0x03EE,                       # Slide 1
		rec(0, 0, 0x03EF, "\0" x 24),
	),
	cont(0, 0x03EE,                       # Slide 2
		rec(0, 0, 0x03EF, "\0" x 24),
		cont(0, 0x040C,                   # PPDrawing
			cont(0, 0xF002,               # OfficeArtDgContainer
				cont(0, 0xF00D,           # ClientTextbox
					header(4), chars("Dana Whitfield, DOB 03/14/1987\rRenée Dubois 512-44-7081"),
				),
			),
		),
	),
	cont(0, 0x03F0,                       # Notes 1
		cont(0, 0x040C, cont(0, 0xF002, cont(0, 0xF00D, chars("Call Sierra Jefferson at (415) 867-5309")))),
	),
);

# A password-protected presentation: its CryptSession10Container.
save("locked.ppt",
	cont(0, 0x03E8, rec(0, 0, 0x03E9, "\0" x 40)),
	cont(0, 0x2F14, rec(0, 0, 0x0000, "\0" x 16)),
);
