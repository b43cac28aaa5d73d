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

// EmployeeWords are header words for an employee; with a word for a
// number ("id", "number", "no") they name an employee ID. EmployeeIDs are
// single header words that do by themselves.
var (
	EmployeeWords = []string{"employee", "emp", "empl", "staff", "worker", "personnel", "associate"}
	EmployeeIDs   = []string{"emplid", "empid", "employeeid", "empno", "employeeno", "staffid", "workerid"}
)

// StudentWords are header words for a student; with a word for a number
// they name a student ID. StudentIDs are single header words that do by
// themselves (SASID: a state-assigned student ID; LASID: a local one;
// not SSID, which is as often a wireless network's name).
var (
	StudentWords = []string{"student", "pupil", "learner"}
	StudentIDs   = []string{"studentid", "studentno", "sasid", "lasid"}
)

// Not are header words that say the number is not the row's person's
// (a manager's, a recruiter's) or not such a number (its type, a date).
var Not = []string{"manager", "mgr", "supervisor", "approver", "approved", "created", "modified", "updated", "by", "reports", "reportsto",
	"lead", "sponsor", "recruiter", "hiring", "referrer", "referred", "type", "status", "date", "dt", "count", "total", "tax", "ssn", "ss", "social",
	"name", "email", "phone", "badge", "card", "grade", "level", "class", "loan", "account", "acct", "teacher", "advisor", "counselor", "parent",
	"guardian", "school"}

// Kind is the kind of number a label in text names.
type Kind uint8

const (
	// None is no such label.
	None Kind = iota
	// Employee is an employee ID.
	Employee
	// Student is a student ID.
	Student
)

// Keywords label such a number in free text ("Employee ID: E104512",
// "student number 2834722").
var Keywords = []string{"employee", "student", "emplid"}

// Labelled returns the number that follows its label, the keyword
// text[ks:ke] and then "ID", "number", "no" or "#" (EMPLID needs none),
// past blanks, a colon and the word "is": three to twenty letters, digits and hyphens
// with at least three digits, ending at a word's end. It returns 0, 0,
// None when there is none.
func Labelled(text []byte, ks, ke int) (start, end int, k Kind) {
	w := text[ks:ke]
	bare := false // a label that is a number's name by itself
	switch {
	case bytes.EqualFold(w, []byte("employee")):
		k = Employee
	case bytes.EqualFold(w, []byte("student")):
		k = Student
	case bytes.EqualFold(w, []byte("emplid")):
		k, bare = Employee, true
	default:
		return 0, 0, None
	}
	j := ke
	if !bare {
		for j < len(text) && (text[j] == ' ' || text[j] == '-' || text[j] == '_') && j-ke < 3 {
			j++
		}
		e := j
		for e < len(text) && (text[e]|0x20 >= 'a' && text[e]|0x20 <= 'z') {
			e++
		}
		switch word := text[j:e]; {
		case bytes.EqualFold(word, []byte("id")) || bytes.EqualFold(word, []byte("number")) || bytes.EqualFold(word, []byte("no")) || bytes.EqualFold(word, []byte("num")):
			j = e
		case e == j && j < len(text) && text[j] == '#':
			j++
		default:
			return 0, 0, None
		}
	}
	for j < len(text) && j-ke < 16 && (text[j] == ' ' || text[j] == ':' || text[j] == '#' || text[j] == '.' && j+1 < len(text) && text[j+1] == ' ') {
		j++
	}
	if j+3 < len(text) && text[j]|0x20 == 'i' && text[j+1]|0x20 == 's' && text[j+2] == ' ' {
		j += 3 // "my student ID is 2834722"
	}
	st, digits := j, 0
	for j < len(text) && j-st <= 20 && (text[j] >= '0' && text[j] <= '9' || text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z' || text[j] == '-') {
		if text[j] >= '0' && text[j] <= '9' {
			digits++
		}
		j++
	}
	for j > st && text[j-1] == '-' {
		j--
	}
	if digits < 3 || j-st < 3 || j-st > 20 || j < len(text) && (text[j] >= 0x80 || text[j] == '@' || text[j] == '_') {
		return 0, 0, None
	}
	return st, j, k
}
