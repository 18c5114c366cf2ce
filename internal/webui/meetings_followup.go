package webui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// followUpPath is the follow-up of the Compact's meetings for its annual general meeting;
// followUpPath + ".csv" and ".xlsx" are the same table as files.
const followUpPath = "/moten/uppfoljning"

// followUpPage is the follow-up figures: meetings held per public series this year and last,
// FRÖ meetings held against the target, and invited organisations that took part.
type followUpPage struct {
	*meeting.FollowUp
	LastYear int
	CSVURL   string
	XLSXURL  string
	FROShort int // how many FRÖ meetings are still missing for the target; 0 when met
}

func (p *Pages) meetingsFollowUp(c *gin.Context) {
	f, err := p.meetings.FindFollowUp(c.Request.Context(), p.now())
	if err != nil {
		p.fail(c, err)
		return
	}
	page := followUpPage{FollowUp: f, LastYear: f.Year - 1, CSVURL: followUpPath + ".csv", XLSXURL: followUpPath + ".xlsx", FROShort: max(0, f.FROTarget-f.FROHeld)}
	p.render(c, http.StatusOK, "meetings_followup", "meetings", page)
}

// meetingsFollowUpExport is the follow-up as a file (followUpPath + ".csv" or ".xlsx"):
// one row per series and a total, with a header in the visitor's language, for the annual
// report.
func (p *Pages) meetingsFollowUpExport(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		f, err := p.meetings.FindFollowUp(c.Request.Context(), p.now())
		if err != nil {
			p.fail(c, err)
			return
		}
		lang := p.lang(c)
		this, last := strconv.Itoa(f.Year), strconv.Itoa(f.Year-1)
		t := export.Table{Title: i18n.T(lang, "ui.followup.title"),
			Header: []string{i18n.T(lang, "ui.followup.csv.series"), i18n.T(lang, "ui.followup.csv.kind"),
				i18n.T(lang, "ui.followup.csv.held", this), i18n.T(lang, "ui.followup.csv.held", last),
				i18n.T(lang, "ui.followup.csv.took_part", this), i18n.T(lang, "ui.followup.csv.took_part", last)}}
		for _, s := range f.Series {
			t.Rows = append(t.Rows, []any{s.Name, i18n.T(lang, "meeting_kind."+string(s.Kind)), s.HeldThisYear,
				s.HeldLastYear, s.TookPartThisYear, s.TookPartLastYear})
		}
		t.Rows = append(t.Rows, []any{i18n.T(lang, "ui.followup.csv.fro_target", f.FROTarget), i18n.T(lang, "meeting_kind.fro"),
			f.FROHeld, nil, nil, nil})
		// The organisations of the total are counted once each, however many series they took
		// part in: not the sum of the column.
		t.Rows = append(t.Rows, []any{i18n.T(lang, "ui.followup.csv.total"), nil, nil, nil, f.TookPart, f.TookPartBefore})
		// The status is sent; a write error means the client went away, and there is no one to tell.
		_ = export.Send(c.Writer, "moten-uppfoljning-"+this, format, t)
	}
}
