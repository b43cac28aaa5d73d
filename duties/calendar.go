package duties

import "time"

// usFederalHolidays returns the observed US federal holidays of year
// (5 U.S.C. § 6103): a holiday on a Saturday is observed the Friday before,
// one on a Sunday the Monday after. SEC business days exclude them.
func usFederalHolidays(year int) []Date {
	fixed := func(m time.Month, d int) Date {
		t := time.Date(year, m, d, 0, 0, 0, 0, time.UTC)
		switch t.Weekday() {
		case time.Saturday:
			t = t.AddDate(0, 0, -1)
		case time.Sunday:
			t = t.AddDate(0, 0, 1)
		}
		return Date{t}
	}
	// nth returns the n-th weekday wd of month m; n = -1 is the last.
	nth := func(m time.Month, wd time.Weekday, n int) Date {
		if n < 0 {
			t := time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC)
			for t.Weekday() != wd {
				t = t.AddDate(0, 0, -1)
			}
			return Date{t}
		}
		t := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		for t.Weekday() != wd {
			t = t.AddDate(0, 0, 1)
		}
		return Date{t.AddDate(0, 0, 7*(n-1))}
	}
	hs := []Date{
		fixed(time.January, 1),
		nth(time.January, time.Monday, 3),    // Birthday of Martin Luther King, Jr.
		nth(time.February, time.Monday, 3),   // Washington's Birthday
		nth(time.May, time.Monday, -1),       // Memorial Day
		fixed(time.July, 4),                  // Independence Day
		nth(time.September, time.Monday, 1),  // Labor Day
		nth(time.October, time.Monday, 2),    // Columbus Day
		fixed(time.November, 11),             // Veterans Day
		nth(time.November, time.Thursday, 4), // Thanksgiving Day
		fixed(time.December, 25),             // Christmas Day
	}
	if year >= 2021 {
		hs = append(hs, fixed(time.June, 19)) // Juneteenth, since 2021
	}
	return hs
}

// isBusinessDay reports whether d is a weekday that is not a US federal
// holiday (as observed).
func isBusinessDay(d Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	// New Year's Day of the next year may be observed on 31 December.
	for _, y := range []int{d.Year(), d.Year() + 1} {
		for _, h := range usFederalHolidays(y) {
			if h.Equal(d.Time) {
				return false
			}
		}
	}
	return true
}

// addBusinessDays returns the n-th business day after d (d itself is not
// counted), as Form 8-K counts "four business days after" an event.
func addBusinessDays(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if isBusinessDay(d) {
			n--
		}
	}
	return d
}

// addHours returns the day on which a deadline of h hours from the start
// of day d falls, rounded up to whole days: 72 hours is d + 3. breachkit
// counts in days because scenarios carry dates, not times; counsel should
// count from the hour of awareness.
func addHours(d Date, h int) Date {
	return d.AddDays((h + 23) / 24)
}
