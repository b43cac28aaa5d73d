package duties

import (
	"fmt"
	"sort"
	"strings"
)

// usJurisdictions maps the US state and territory codes breachkit accepts
// (ISO 3166-2:US) to their names: the 50 states, DC, and the territories.
var usJurisdictions = map[string]string{
	"US-AL": "Alabama", "US-AK": "Alaska", "US-AZ": "Arizona", "US-AR": "Arkansas",
	"US-CA": "California", "US-CO": "Colorado", "US-CT": "Connecticut", "US-DE": "Delaware",
	"US-FL": "Florida", "US-GA": "Georgia", "US-HI": "Hawaii", "US-ID": "Idaho",
	"US-IL": "Illinois", "US-IN": "Indiana", "US-IA": "Iowa", "US-KS": "Kansas",
	"US-KY": "Kentucky", "US-LA": "Louisiana", "US-ME": "Maine", "US-MD": "Maryland",
	"US-MA": "Massachusetts", "US-MI": "Michigan", "US-MN": "Minnesota", "US-MS": "Mississippi",
	"US-MO": "Missouri", "US-MT": "Montana", "US-NE": "Nebraska", "US-NV": "Nevada",
	"US-NH": "New Hampshire", "US-NJ": "New Jersey", "US-NM": "New Mexico", "US-NY": "New York",
	"US-NC": "North Carolina", "US-ND": "North Dakota", "US-OH": "Ohio", "US-OK": "Oklahoma",
	"US-OR": "Oregon", "US-PA": "Pennsylvania", "US-RI": "Rhode Island", "US-SC": "South Carolina",
	"US-SD": "South Dakota", "US-TN": "Tennessee", "US-TX": "Texas", "US-UT": "Utah",
	"US-VT": "Vermont", "US-VA": "Virginia", "US-WA": "Washington", "US-WV": "West Virginia",
	"US-WI": "Wisconsin", "US-WY": "Wyoming",
	"US-DC": "District of Columbia", "US-PR": "Puerto Rico", "US-GU": "Guam",
	"US-VI": "U.S. Virgin Islands", "US-AS": "American Samoa", "US-MP": "Northern Mariana Islands",
}

// iso3166 is the list of ISO 3166-1 alpha-2 country codes (officially
// assigned), used to check the jurisdiction of residents outside the US.
const iso3166 = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN
GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM
MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG
PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO
SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA
VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`

var countries = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(iso3166) {
		m[c] = true
	}
	return m
}()

// euMembers are the 27 EU member states (ISO 3166-1; Greece is GR).
var euMembers = strings.Fields("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE")

// countryNames names the non-US jurisdictions that appear in rule files
// and reasoning; other codes are shown as codes.
var countryNames = map[string]string{
	"EU": "EU", "EEA": "EEA", "GB": "United Kingdom", "CA": "Canada", "AU": "Australia", "US": "United States",
}

// Organisation kinds a scenario may state and rule files may be limited to.
const (
	KindFinancialInstitution   = "financial-institution"
	KindPublicCompany          = "public-company"
	KindHIPAACoveredEntity     = "hipaa-covered-entity"
	KindHIPAABusinessAssociate = "hipaa-business-associate"
	KindNYDFSLicensee          = "nydfs-licensee"
	// KindInformationBroker: a business that collects and sells information
	// about individuals to non-affiliated third parties (Georgia's
	// "information broker"). breachkit cannot infer it; counsel states it.
	KindInformationBroker = "information-broker"
	// KindGovernmentAgency: a state or local government body (Georgia's
	// "data collector").
	KindGovernmentAgency = "government-agency"
	// KindBank: an insured bank or savings association supervised by the
	// OCC, the Federal Reserve or the FDIC (the 2005 Interagency Guidance).
	KindBank = "bank"
	// KindCreditUnion: a federally insured credit union (NCUA, 12 CFR 748).
	KindCreditUnion = "credit-union"
	// The covered institutions of SEC Regulation S-P (17 CFR 248.30).
	KindBrokerDealer      = "broker-dealer"
	KindInvestmentAdviser = "investment-adviser"
	KindInvestmentCompany = "investment-company"
	KindTransferAgent     = "transfer-agent"
	// KindPHRVendor: a vendor of personal health records or a PHR related
	// entity not covered by HIPAA (FTC Health Breach Notification Rule).
	KindPHRVendor = "phr-vendor"
	// KindTelecomCarrier: a telecommunications carrier or interconnected
	// VoIP provider (FCC, 47 CFR 64.2011).
	KindTelecomCarrier = "telecom-carrier"
	// KindInsuranceLicensee: a person licensed by a state's insurance
	// department (insurance data security laws after NAIC Model 668).
	KindInsuranceLicensee = "insurance-licensee"
	// KindNonbankLicensee: a mortgage lender or servicer, money
	// transmitter or consumer lender licensed by a state's financial
	// regulator, not a bank or credit union (state nonbank data security
	// laws such as Minnesota's ch. 46A); a GLBA financial institution
	// under the FTC's Safeguards Rule.
	KindNonbankLicensee = "nonbank-financial-licensee"
)

// Organisation roles a scenario may state: the organisation owns or
// licenses the data (the default), or maintains it for another (a
// service provider, vendor or processor), whose duty under most breach
// laws is to tell the owner.
const (
	RoleOwner      = "owner"
	RoleMaintainer = "maintainer"
)

// roleAliases are the words statutes and counsel use for the two roles:
// GDPR's controller and processor, the service provider, vendor or
// third-party agent of the state laws, their owner or licensee.
var roleAliases = map[string]string{
	"owner": RoleOwner, "licensee": RoleOwner, "licensor": RoleOwner, "data-owner": RoleOwner,
	"controller": RoleOwner, "covered-entity": RoleOwner,
	"maintainer": RoleMaintainer, "processor": RoleMaintainer, "service-provider": RoleMaintainer,
	"vendor": RoleMaintainer, "third-party": RoleMaintainer, "third-party-agent": RoleMaintainer,
	"data-processor": RoleMaintainer, "operator": RoleMaintainer, "data-intermediary": RoleMaintainer,
}

// ParseRole returns the role a word names ("processor" and "vendor" are
// the maintainer, "controller" the owner; case, blanks and underscores do
// not matter), or an error listing the roles.
func ParseRole(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "-", "_", "-").Replace(k)
	if r, ok := roleAliases[k]; ok {
		return r, nil
	}
	return "", fmt.Errorf("unknown role %q (owner or maintainer; also controller, processor, service-provider, vendor)", s)
}

// glbaInstitution marks the kinds that are financial institutions under
// the Gramm-Leach-Bliley Act, whose Title V each names with its federal
// regulator (15 U.S.C. § 6805(a)), and a state-licensed nonbank lender,
// under the FTC's: a scenario that states one is also a
// financial-institution, so the state laws' GLBA exemptions and deemed
// compliance reach it. Insurance licensees are left to counsel.
var glbaInstitution = map[string]bool{KindBank: true, KindCreditUnion: true, KindBrokerDealer: true,
	KindInvestmentAdviser: true, KindInvestmentCompany: true, KindNonbankLicensee: true}

// Kinds lists the organisation kinds breachkit knows, in output order.
var Kinds = []string{KindFinancialInstitution, KindPublicCompany, KindHIPAACoveredEntity,
	KindHIPAABusinessAssociate, KindNYDFSLicensee, KindInformationBroker, KindGovernmentAgency,
	KindBank, KindCreditUnion, KindBrokerDealer, KindInvestmentAdviser, KindInvestmentCompany,
	KindTransferAgent, KindPHRVendor, KindTelecomCarrier, KindInsuranceLicensee, KindNonbankLicensee}

var regimes = []string{"state-breach-law", "hipaa", "glba-ftc", "sec-8k", "nydfs-500",
	"sec-reg-s-p", "ftc-hbnr", "bank-guidance", "ncua-748", "fcc-breach",
	"gdpr", "uk-gdpr", "pipeda", "au-ndb", "ch-fadp", "br-lgpd", "mx-lfpdppp",
	"jp-appi", "sg-pdpa", "nz-privacy", "za-popia", "in-dpdp", "ph-dpa", "kr-pipa", "il-ppl",
	"th-pdpa", "my-pdpa", "id-pdp", "vn-pdp", "tr-kvkk", "sa-pdpl", "ke-dpa", "ng-ndpa", "cl-pdp"}

// dutyNames are the duties a rule file may name; "data-owner" is a
// maintainer's notice to the data's owner (data_owner); "covered-entity" is a
// business associate's notice to its HIPAA covered entity.
var dutyNames = []string{"individuals", "regulator", "consumer-reporting-agencies", "media",
	"sec-8k", "ftc", "supervisory-authority", "substitute-notice", "covered-entity", "data-owner"}

var clocks = []string{"discovery", "determination", "notification", "materiality", "calendar-year-end"}

var letterItems = []string{"description", "breach-date", "discovery-date", "information-types",
	"steps-taken", "steps-individual", "contact", "toll-free-number", "cra-contacts",
	"ftc-contact", "ag-contact", "fraud-alert", "security-freeze", "credit-monitoring-offer",
	"police-report-right", "law-enforcement-delay", "right-to-information", "likely-consequences"}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// validResidentJurisdiction reports whether code may be a resident's
// jurisdiction: a US state or territory (US-TX) or a country other than
// the US itself.
func validResidentJurisdiction(code string) bool {
	if strings.HasPrefix(code, "US-") {
		_, ok := usJurisdictions[code]
		return ok
	}
	return code != "US" && countries[code]
}

// validRuleJurisdiction reports whether code may head a rule file:
// a resident jurisdiction, "US" for federal regimes, "EU", or "EEA" for
// the EEA EFTA States (Iceland, Liechtenstein, Norway) that apply EU law
// through the EEA Agreement.
func validRuleJurisdiction(code string) bool {
	return code == "US" || code == "EU" || code == "EEA" || validResidentJurisdiction(code)
}

// JurisdictionName returns a readable name for a jurisdiction code.
func JurisdictionName(code string) string {
	if n, ok := usJurisdictions[code]; ok {
		return n
	}
	if code == UnknownResidence {
		return "unknown-residence"
	}
	if n, ok := countryNames[code]; ok {
		return n
	}
	return code
}

// UnknownResidence is the resident jurisdiction of people whose residence
// could not be found: no state's law applies to them, the federal
// regimes (HIPAA, GLBA) count them.
const UnknownResidence = "UNKNOWN"

// USJurisdictions returns the accepted US state and territory codes, sorted.
func USJurisdictions() []string {
	out := make([]string, 0, len(usJurisdictions))
	for c := range usJurisdictions {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// expandResidents turns a residents_of entry into the resident
// jurisdictions it stands for: "US" is every US state and territory, "EU"
// the member states, "*" anyone (returned as nil with all=true).
func expandResidents(code string) (codes []string, all bool) {
	switch code {
	case "*":
		return nil, true
	case "US":
		// People whose residence is unknown count for the federal
		// regimes, which do not turn on the state a person lives in.
		return append(USJurisdictions(), UnknownResidence), false
	case "EU":
		return append([]string(nil), euMembers...), false
	}
	return []string{code}, false
}
