package booking

import "time"

// Holiday reports whether the date (year, month, day) is a Swedish public holiday (allmän
// helgdag, lag 1989:253): New Year's Day, Epiphany, Good Friday, Easter Sunday and Monday,
// 1 May, Ascension Day, Whit Sunday, the National Day, Midsummer Day, All Saints' Day,
// Christmas Day and Boxing Day. The eves (midsommarafton, julafton, nyårsafton) are not
// public holidays and are not included: owners close them with a closure.
func Holiday(year int, month time.Month, day int) bool {
	d := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	switch {
	case month == time.January && (day == 1 || day == 6),
		month == time.May && day == 1,
		month == time.June && day == 6,
		month == time.December && (day == 25 || day == 26):
		return true
	case month == time.June && day >= 20 && day <= 26 && d.Weekday() == time.Saturday:
		return true // Midsummer Day: the Saturday from 20 to 26 June
	case (month == time.October && day == 31 || month == time.November && day <= 6) && d.Weekday() == time.Saturday:
		return true // All Saints' Day: the Saturday from 31 October to 6 November
	}
	easter := easterSunday(year)
	for _, offset := range []int{-2, 0, 1, 39, 49} {
		if d.Equal(easter.AddDate(0, 0, offset)) {
			return true
		}
	}
	return false
}

// easterSunday returns Easter Sunday of the Gregorian year (the anonymous Gregorian algorithm).
func easterSunday(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
