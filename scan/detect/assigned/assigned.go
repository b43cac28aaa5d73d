// Package assigned recognises the numbers an organisation assigns to its
// people: employee IDs (Workday's Employee_ID, PeopleSoft's EMPLID, ADP's
// Associate ID) and student IDs (a district's local or a state's assigned
// student ID). The rule files of duties/rules name them with other
// elements: an employee ID with its access code or password, a student ID
// with a name. Their shapes are any short code, so only a column whose
// header names them is read.
package assigned

import "bytes"

// Valid reports whether a column value is such a number: three to twenty
// letters, digits, hyphens, dots or underscores, at least one a digit,
// and not all zeros.
func Valid(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < 3 || len(v) > 20 {
		return false
	}
	digits, nonzero := 0, false
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			digits++
			nonzero = nonzero || c != '0'
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
			nonzero = true
		case c == '-', c == '.', c == '_':
		default:
			return false
		}
	}
	return digits > 0 && nonzero
}

// Employee are header words for an employee; with a word for a number
// ("id", "number", "no") they name an employee ID. EmployeeIDs are single
// header words that do by themselves.
var (
	Employee    = []string{"employee", "emp", "empl", "staff", "worker", "personnel", "associate"}
	EmployeeIDs = []string{"emplid", "empid", "employeeid", "empno", "employeeno", "staffid", "workerid"}
)

// Student are header words for a student; with a word for a number they
// name a student ID. StudentIDs are single header words that do by
// themselves (SASID: a state-assigned student ID; LASID: a local one;
// not SSID, which is as often a wireless network's name).
var (
	Student    = []string{"student", "pupil", "learner"}
	StudentIDs = []string{"studentid", "studentno", "sasid", "lasid"}
)

// Not are header words that say the number is not the row's person's
// (a manager's, a recruiter's) or not such a number (its type, a date).
var Not = []string{"manager", "mgr", "supervisor", "approver", "approved", "created", "modified", "updated", "by", "reports", "reportsto",
	"lead", "sponsor", "recruiter", "hiring", "referrer", "referred", "type", "status", "date", "dt", "count", "total", "tax", "ssn", "ss", "social",
	"name", "email", "phone", "badge", "card", "grade", "level", "class", "loan", "account", "acct", "teacher", "advisor", "counselor", "parent",
	"guardian", "school"}
