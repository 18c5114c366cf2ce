package booking

import (
	"database/sql/driver"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// Interval is a PostgreSQL interval: months and days are calendar units (a month ahead of
// 31 January is 28 February or so; a day across a DST change is 23 or 25 hours), the rest
// exact time.
type Interval struct {
	Months       int32
	Days         int32
	Microseconds int64
}

// Hours returns an Interval of exact hours.
func Hours(h int) Interval {
	return Interval{Microseconds: int64(h) * int64(time.Hour/time.Microsecond)}
}

// DaysOf returns an Interval of calendar days.
func DaysOf(d int) Interval { return Interval{Days: int32(d)} }

// MonthsOf returns an Interval of calendar months.
func MonthsOf(m int) Interval { return Interval{Months: int32(m)} }

// AddTo returns t moved forward by the interval, counting months and days on the calendar
// of loc.
func (i Interval) AddTo(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	if i.Months != 0 || i.Days != 0 {
		l = l.AddDate(0, int(i.Months), int(i.Days))
	}
	return l.Add(time.Duration(i.Microseconds) * time.Microsecond)
}

// SubFrom returns t moved back by the interval, as AddTo does forwards.
func (i Interval) SubFrom(t time.Time, loc *time.Location) time.Time {
	return Interval{-i.Months, -i.Days, -i.Microseconds}.AddTo(t, loc)
}

// Minutes returns the length of the interval in whole minutes, a month counted as a twelfth
// of a year of 365 days. It is how the owner's rules are shown and edited, in minutes, hours
// or days: the default horizon of 12 months is 365 days.
func (i Interval) Minutes() int {
	return int(i.Microseconds/int64(time.Minute/time.Microsecond)) + int(i.Days)*minutesPerDay + int(i.Months)*365*minutesPerDay/12
}

// WholeDays returns Minutes in days, rounded to the nearest.
func (i Interval) WholeDays() int { return (i.Minutes() + minutesPerDay/2) / minutesPerDay }

const minutesPerDay = 24 * 60

// Scan implements sql.Scanner.
func (i *Interval) Scan(src any) error {
	var p pgtype.Interval
	if err := p.Scan(src); err != nil {
		return err
	}
	*i = Interval{p.Months, p.Days, p.Microseconds}
	return nil
}

// Value implements driver.Valuer.
func (i Interval) Value() (driver.Value, error) {
	return pgtype.Interval{Months: i.Months, Days: i.Days, Microseconds: i.Microseconds, Valid: true}.Value()
}
