package people

import "testing"

func TestAddressRole(t *testing.T) {
	for h, want := range map[string]int8{"Mailing Address": 1, "mail_city": 1, "Home Address - City": 1, "Property Address": -1, "Prior Zip": -1,
		"Employer Address": -1, "Address": 0, "Billing City": 0, "Current Street": 1, "PropertyState": -1,
		"Household Address": 0, "Email Address": 0, "Holder City": 0, "Network Zip": 0} {
		if got := addressRole(h); got != want {
			t.Errorf("addressRole(%q) = %d, want %d", h, got, want)
		}
	}
}

func TestLaterRole(t *testing.T) {
	for h, want := range map[string]bool{"Borrower 2 Last Name": true, "B2_SSN": true, "b2_fname": true, "Applicant2 DOB": true, "Owner #3": true,
		"Borrower 1 SSN": false, "B1_SSN": false, "Address 2": false, "Phone 2": false, "B2B Account": false, "Borrower": false, "Borrower 10": false} {
		if got := laterRole(h); got != want {
			t.Errorf("laterRole(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestDependant(t *testing.T) {
	for h, want := range map[string]int{"Dependent 1 Name": 1, "Dependent 2 DOB": 2, "Dep2_SSN": 2, "Child 3 DOB": 3, "Dependent Name": 1,
		"Employee Name": 0, "Dependency Count": 0, "Children": 0} {
		if got := dependant(h); got != want {
			t.Errorf("dependant(%q) = %d, want %d", h, got, want)
		}
	}
}
