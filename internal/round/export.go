package round

import (
	"fmt"

	"github.com/borasstad/lokalbanken/internal/export"
)

// AllocationTable is the round's allocations as a table for internal/export (CSV for
// Swedish Excel, or a workbook): one row per allocated weekly time, with the applicant, the
// section, the room, the weekday (1 = Monday) and local times, how it was allocated, the
// applicant's answer, the booking series it became and how many of its dates were refused.
func AllocationTable(r *Round, allocs []Allocation) export.Table {
	t := export.Table{Title: "allocations", Header: []string{"organisation", "section", "room", "weekday", "starts", "ends",
		"source", "response", "series_id", "refused_dates"}}
	for _, a := range allocs {
		var response, series any
		if a.Response != nil {
			response = *a.Response
		}
		if a.SeriesID != nil {
			series = *a.SeriesID
		}
		t.Rows = append(t.Rows, []any{a.OrganisationName, a.Purpose, a.RoomName, a.Weekday, Clock(a.Start), Clock(a.End),
			a.Source, response, series, len(a.Refusals)})
	}
	if r != nil {
		t.Title = fmt.Sprintf("allocations-%d", r.ID)
	}
	return t
}
