package govid

import (
	"testing"

	"github.com/breachkit/breachkit/scan/detect/internal/marked"
)

// TestNationalValid checks each European number's rules with numbers
// made up for the test (their check digits computed by hand, not by the
// code under test), the same with a check digit off by one, and the
// specimens that descriptions print.
func TestNationalValid(t *testing.T) {
	tests := []struct {
		v    string
		want National
	}{
		{"26394601856", DEIdNr},
		{"12 754 394 066", DEIdNr},
		{"26394601857", NoNational},  // check digit
		{"06394601856", NoNational},  // first digit 0
		{"12345678903", NoNational},  // no digit twice
		{"39 211168 S 28 6", DESVNr}, // groups as printed
		{"39211168S286", DESVNr},
		{"39 211168 S 28 7", NoNational},
		{"39 211368 S 28 6", NoNational}, // month 13
		{"8925 191271", ATSVNr},
		{"8925191271", ATSVNr},
		{"8926 191271", NoNational},
		{"1 40 02 46 299 218 08", FRNIR},
		{"140024629921808", FRNIR},
		{"294082A94799140", FRNIR}, // Corsica's 2A
		{"1 40 02 46 299 218 09", NoNational},
		{"3 40 02 46 299 218 08", NoNational}, // sex
		{"67844989A", ESDNI},
		{"67844989-A", ESDNI},
		{"X6876922Z", ESDNI}, // NIE
		{"67844989B", NoNational},
		{"12345678Z", NoNational}, // the specimen card's
		{"CDMTDL80M03L369W", ITCF},
		{"BPVDCB73B49H417J", ITCF}, // a woman's: day plus 40
		{"CDMTDL80M03L369X", NoNational},
		{"CDMTDL80M93L369W", NoNational}, // day 93
		{"RSSMRA85T10A562S", NoNational}, // Mario Rossi
		{"007836193", NLBSN},
		{"007836194", NoNational},
		{"41.05.20-760.21", BENN},
		{"41052076021", BENN},
		{"07030329506", BENN}, // born in 2007: 2 before the number
		{"41.05.20-760.22", NoNational},
		{"63261239299", PLPESEL}, // month 26: born in 2063 or in 1963's…
		{"63261239298", NoNational},
		{"44051401359", NoNational}, // the example
		{"880618-0074", SEPNR},
		{"194610171920", SEPNR},
		{"880618-0075", NoNational},
		{"020642-588X", FIHETU},
		{"020642-588Y", NoNational},
		{"280289-211E", FIHETU},
		{"310289-211C", NoNational}, // 31 February
		{"0104131S", IEPPSN},
		{"5840787KA", IEPPSN},
		{"0104131T", NoNational},
		{"PEGA850214MJCRRN01", MXCURP},
		{"LUMC030718HNLPRSA3", MXCURP}, // born in 2003: a letter before the check
		{"PEGA850214MJCRRN02", NoNational},
		{"PEGA851314MJCRRN08", NoNational}, // month 13
		{"PEGA850214MZZRRN08", NoNational}, // no state ZZ
		{"PEGA850214FJCRRN07", NoNational}, // sex F
		{"PEGA850214MJCRAN03", NoNational}, // a vowel among the consonants
		{"529.982.247-25", BRCPF},
		{"38461720571", BRCPF},
		{"529.982.247-26", NoNational},
		{"111.111.111-11", NoNational}, // equal digits pass the check
		{"756.4820.1739.53", CHAHV},
		{"7564820173953", CHAHV},
		{"756.4820.1739.54", NoNational},
		{"756.1234.5678.97", NoNational}, // the specimen
		{"4821 3759 2064", INAadhaar},
		{"7309-4518-2646", INAadhaar},
		{"4821 3759 2065", NoNational},
		{"S8412937B", SGNRIC},
		{"T0312345B", SGNRIC},
		{"G5821734X", SGNRIC},
		{"S8412937C", NoNational},
		{"S1234567D", NoNational}, // every description's example
		{"482 173 908", AUTFN},
		{"763201949", AUTFN},
		{"850214-1234567", KRRRN},
		{"0307184123458", KRRRN}, // born in 2003: 4 for a woman
		{"850214-1234568", NoNational},
		{"851314-1234569", NoNational}, // month 13
		{"", NoNational},
	}
	for _, tt := range tests {
		if got := NationalValid([]byte(tt.v), nil); got != tt.want {
			t.Errorf("NationalValid(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
	// A CPR number is a date and four digits: only its header says so.
	if got := NationalValid([]byte("060968-2716"), []National{DKCPR}); got != DKCPR {
		t.Errorf("CPR 060968-2716 = %v", got)
	}
	if got := NationalValid([]byte("320968-2716"), []National{DKCPR}); got != NoNational {
		t.Errorf("CPR with day 32 = %v", got)
	}
	for _, tt := range []struct {
		v    string
		want National
	}{
		{"049-353-146", NZIRD},
		{"49-353-146", NZIRD}, // eight digits
		{"123-456-785", NZIRD},
		{"049-353-147", NoNational},
		{"160-000-015", NoNational}, // over 150,000,000
		{"009-000-003", NoNational}, // under 10,000,000
	} {
		if got := NationalValid([]byte(tt.v), []National{NZIRD}); got != tt.want {
			t.Errorf("IRD %s = %v, want %v", tt.v, got, tt.want)
		}
	}
	// The numbers of Africa, Asia and South America, each tried as its
	// own header or label would name it (several share a length).
	for _, tt := range []struct {
		v    string
		k    National
		want bool
	}{
		{"8502145004088", ZAID, true},
		{"850214 5004 088", ZAID, true},
		{"8502145004089", ZAID, false}, // check digit
		{"8513145004082", ZAID, false}, // month 13
		{"8502145004388", ZAID, false}, // citizenship 3
		{"8001015009087", ZAID, false}, // the example
		{"12345678950", TRTCKN, true},
		{"48291736550", TRTCKN, true},
		{"48291736551", TRTCKN, false}, // eleventh digit
		{"48291736540", TRTCKN, false}, // tenth digit
		{"02345678950", TRTCKN, false}, // first digit 0
		{"10000000146", TRTCKN, false}, // the first issued, every example
		{"1103700123458", THPIN, true},
		{"1-1037-00123-45-8", THPIN, true},
		{"1 1037 00123 45 8", THPIN, true},
		{"1103700123459", THPIN, false},     // check digit
		{"9103700123454", THPIN, false},     // kind 9
		{"1-1037-00123 45-8", THPIN, false}, // separators differ
		{"2481937569", SANID, true},
		{"1058529940", SANID, true},
		{"2481937568", SANID, false}, // Luhn
		{"3481937565", SANID, false}, // neither citizen nor resident
		{"318472651", ILID, true},
		{"31847265-1", ILID, true},
		{"318472652", ILID, false},
		{"123456782", ILID, false}, // the example
		{"000000000", ILID, false},
		{"482917365045", JPMyNumber, true},
		{"4829 1736 5045", JPMyNumber, true},
		{"4829-1736-5045", JPMyNumber, true},
		{"482917365046", JPMyNumber, false},
		{"000000000000", JPMyNumber, false},
		{"15.509.661-6", CLRUN, true},
		{"15509661-6", CLRUN, true},
		{"155096616", CLRUN, true},
		{"8.900.960-K", CLRUN, true},
		{"8900960-k", CLRUN, true},
		{"8900960K", CLRUN, true},
		{"15.509.661-7", CLRUN, false}, // check digit
		{"15.509.6616", CLRUN, false},  // dots in thousands only
		{"15.509.661 6", CLRUN, false}, // dotted: a hyphen before the check
		{"76.354.771-K", CLRUN, false}, // a company's (over 50,000,000)
		{"12.345.678-5", CLRUN, false}, // the example
		{"ABCPE1234F", INPAN, true},
		{"BNZPM2501F", INPAN, true},
		{"ABCCE1234F", INPAN, false}, // C: a company
		{"abcpe1234f", INPAN, false}, // capitals only
		{"ABCPE0000F", INPAN, false},
		{"ABCPE1234F5", INPAN, false}, // runs on
		{"AAAPZ1234C", INPAN, false},  // the example
		{"850214-14-5673", MYNRIC, true},
		{"850214145673", MYNRIC, true},
		{"851314-14-5673", MYNRIC, false}, // month 13
		{"850214-18-5673", MYNRIC, false}, // place 18: none
		{"850214-14-56731", MYNRIC, false},
		{"3171015402850003", IDNIK, true}, // a woman born on 14 February 1985
		{"3171011402850003", IDNIK, true},
		{"3171013502850003", IDNIK, false}, // day 35
		{"2071011402850003", IDNIK, false}, // province 20: none
		{"3100011402850003", IDNIK, false}, // regency 00
		{"3171011402850000", IDNIK, false}, // serial 0000
		{"4111111111111111", IDNIK, false}, // a card's test number
		{"38502142714", EEIK, true},
		{"38502142715", EEIK, false}, // check digit
		{"78502142718", EEIK, false}, // no century 7
		{"38502302716", EEIK, false}, // 30 February
		{"49207310120", LTAK, true},
		{"48291736501", NGNIN, true},
		{"4829173650", NGNIN, false},
		{"34-1234567-8", PHSSS, true},
		{"3412345678", PHSSS, true},
		{"34-12345678", PHSSS, false},
		{"0111-1234567-8", PHCRN, true},
		{"12-000015726-6", PHPhilHealth, true},
		{"12-000015726", PHPhilHealth, false},
	} {
		if got := NationalValid([]byte(tt.v), []National{tt.k}); (got == tt.k) != tt.want {
			t.Errorf("%v %s = %v, want %v", tt.k, tt.v, got, tt.want)
		}
	}
	// Nine digits pass the Dutch eleven test as often: a TFN's own check.
	for _, v := range []string{"482 173 907", "123 456 782"} { // off by one; the ATO's example
		if got := NationalValid([]byte(v), []National{AUTFN}); got != NoNational {
			t.Errorf("TFN %s = %v", v, got)
		}
	}
}

func TestNationalHeader(t *testing.T) {
	tests := []struct {
		ws   []string
		want National
	}{
		{[]string{"steuer", "id"}, DEIdNr},
		{[]string{"steuer", "id", "nr"}, DEIdNr},
		{[]string{"steuer", "nummer"}, NoNational}, // a Steuernummer is another number
		{[]string{"codice", "fiscale"}, ITCF},
		{[]string{"fiscale"}, NoNational},
		{[]string{"n", "de", "sécurité", "sociale"}, FRNIR},
		{[]string{"pesel"}, PLPESEL},
		{[]string{"personnummer"}, SEPNR},
		{[]string{"email"}, NoNational},
		{[]string{"tc", "kimlik", "no"}, TRTCKN},
		{[]string{"rsa", "id", "number"}, ZAID},
		{[]string{"my", "number"}, JPMyNumber},
		{[]string{"マイナンバー"}, JPMyNumber},
		{[]string{"phone", "number"}, NoNational},
		{[]string{"תעודת", "זהות"}, ILID},
		{[]string{"pan"}, NoNational}, // a card's primary account number
		{[]string{"run"}, NoNational}, // a job's
		{[]string{"rut", "cliente"}, CLRUN},
		{[]string{"no", "kad", "pengenalan"}, MYNRIC},
		{[]string{"nik"}, IDNIK},
		{[]string{"id", "number"}, ZAID},
		{[]string{"employee", "id", "number"}, NoNational},
		{[]string{"id"}, NoNational},
	}
	for _, tt := range tests {
		got := NoNational
		if k := NationalHeader(tt.ws); k != nil {
			got = k[0]
		}
		if got != tt.want {
			t.Errorf("NationalHeader(%q) = %v, want %v", tt.ws, got, tt.want)
		}
	}
}

func TestNationalLabelled(t *testing.T) {
	tests := []struct{ text, want string }{ // the keyword is between '|'s
		{"Mitarbeiter |Steuer|-ID: 26 394 601 856", "26 394 601 856"},
		{"Mitarbeiter |Steuer|-ID: 263 946 018 56", ""}, // groups of 2-3-3-3 only
		{"Mitarbeiter |Steuer|-ID: 12 754 394 066.", "12 754 394 066"},
		{"Ihre |IdNr| 26394601856", "26394601856"},
		{"|Sozialversicherungsnummer|: 39 211168 S 28 6", "39 211168 S 28 6"},
		{"numéro de sécurité |sociale| : 1 40 02 46 299 218 08", "1 40 02 46 299 218 08"},
		{"|DNI| 67844989A, domicilio en Madrid", "67844989A"},
		{"|NIE|: X6876922Z", "X6876922Z"},
		{"codice |fiscale| CDMTDL80M03L369W", "CDMTDL80M03L369W"},
		{"|BSN| 007836193", "007836193"},
		{"|PESEL| 63261239299", "63261239299"},
		{"|personnummer| 880618-0074", "880618-0074"},
		{"|CPR|-nr. 060968-2716", "060968-2716"},
		{"|HETU| 020642-588X", "020642-588X"},
		{"|PPSN| 0104131S", "0104131S"},
		{"|DNI| 67844989B", ""},                // check letter
		{"die |Steuer| 26394601856", ""},       // tax, not its ID
		{"la |fiscale| CDMTDL80M03L369W", ""},  // not codice fiscale
		{"|PESEL| 632612392991", ""},           // a digit more
		{"|nie| wieder 26394601856", ""},       // German "never"
		{"|BSN| 007836193X", ""},               // run on
		{"|personnummer| 880618-00741 kr", ""}, // run on
		{"|NIR| 1 40 02 46 299 218 08 à Lyon", "1 40 02 46 299 218 08"},
		{"|RSA| ID number: 8502145004088", "8502145004088"},
		{"T.C. |Kimlik| No: 48291736550", "48291736550"},
		{"|TCKN| 48291736551", ""}, // check digit
		{"|Thai| national ID 1-1037-00123-45-8", "1-1037-00123-45-8"},
		{"|Iqama| 2481937569, valid to 1447", "2481937569"},
		{"|Saudi| ID: 1058529940", "1058529940"},
		{"|SA| ID: 1058529940", "1058529940"},
		{"teudat |zehut| 318472651", "318472651"},
		{"the |zehut| 318472651", ""}, // not after teudat or mispar
		{"|MyNumber|: 4829 1736 5045", "4829 1736 5045"},
		{"|RUT|: 15.509.661-6", "15.509.661-6"},
		{"|RUN| 8.900.960-K", "8.900.960-K"},
		{"|run| 8.900.960-K", ""}, // the verb
		{"|PAN|: BNZPM2501F", "BNZPM2501F"},
		{"|PAN|: 4111 1111 1111 1111", ""}, // a card's, not the tax number
		{"|Permanent| Account Number BNZPM2501F", "BNZPM2501F"},
		{"|IC| No: 850214-14-5673", "850214-14-5673"},
		{"|NRIC| 850214-14-5673", "850214-14-5673"},
		{"|NRIC| S8412937B", "S8412937B"},
		{"kad |pengenalan| 850214145673", "850214145673"},
		{"|NIK| 3171015402850003", "3171015402850003"},
		{"nomor induk |kependudukan|: 3171015402850003", "3171015402850003"},
		{"My South |African| ID is 8502145004088.", "8502145004088"},
		{"|TNIN|: 1103700123458", "1103700123458"},
		{"Tax |File| Number: 876 543 210", "876 543 210"},
		{"the |file| 876 543 210", ""}, // a file, not after "tax"
		{"|FIN|: G5821734X", "G5821734X"},
		{"la |fin| de 2024", ""},
		{"Mi |NIE| es X6876922Z", "X6876922Z"},
		{"|Isikukood|: 38502142714", "38502142714"},
		{"asmens |kodas| 49207310120", "49207310120"},
		{"|NIN|: 48291736501", "48291736501"},
		{"the |nin| 48291736501", ""}, // capitals only
		{"|SSS|: 34-1234567-8", "34-1234567-8"},
		{"|UMID| No. 0111-1234567-8", "0111-1234567-8"},
		{"|PhilHealth| number: 12-000015726-6", "12-000015726-6"},
	}
	for _, tt := range tests {
		text, ks, ke := marked.Keyword(tt.text)
		st, en, _ := NationalLabelled(text, ks, ke)
		if got := string(text[st:en]); got != tt.want {
			t.Errorf("NationalLabelled(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzNational(f *testing.F) {
	for _, s := range []string{"26394601856", "39 211168 S 28 6", "294082A94799140", "X6876922Z", "CDMTDL80M03L369W", "41.05.20-760.21", "194610171920", "020642-588X", "5840787KA", "8925 191271"} {
		f.Add([]byte("ID: " + s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		NationalValid(text, nil)
		for _, k := range []National{DKCPR, NLBSN} {
			NationalValid(text, []National{k})
		}
		for ks := 0; ks < len(text) && ks < 8; ks++ {
			for ke := ks + 1; ke <= len(text) && ke-ks < 40; ke++ {
				st, en, k := NationalLabelled(text, ks, ke)
				if en != 0 && (st < ke || en > len(text) || st >= en || k == NoNational) {
					t.Fatalf("NationalLabelled(%q, %d, %d) = %d, %d", text, ks, ke, st, en)
				}
			}
		}
	})
}
