package webui

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// followUpPath is the follow-up of the Compact's meetings for its annual general meeting;
// followUpPath + ".csv" is the same table as CSV.
const followUpPath = "/moten/uppfoljning"

// followUpPage is the follow-up figures: meetings held per public series this year and last,
// FRÖ meetings held against the target, and invited organisations that took part.
type followUpPage struct {
	*meeting.FollowUp
	LastYear int
	CSVURL   string
	FROShort int // how many FRÖ meetings are still missing for the target; 0 when met
}

func (p *Pages) meetingsFollowUp(c *gin.Context) {
	f, err := p.meetings.FindFollowUp(c.Request.Context(), p.now())
	if err != nil {
		p.fail(c, err)
		return
	}
	page := followUpPage{FollowUp: f, LastYear: f.Year - 1, CSVURL: followUpPath + ".csv", FROShort: max(0, f.FROTarget-f.FROHeld)}
	p.render(c, http.StatusOK, "meetings_followup", "meetings", page)
}

// meetingsFollowUpCSV is the follow-up as CSV: one row per series and a total, with a
// header in the visitor's language, for the annual report.
func (p *Pages) meetingsFollowUpCSV(c *gin.Context) {
	f, err := p.meetings.FindFollowUp(c.Request.Context(), p.now())
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	this, last := strconv.Itoa(f.Year), strconv.Itoa(f.Year-1)
	_ = w.Write([]string{i18n.T(lang, "ui.followup.csv.series"), i18n.T(lang, "ui.followup.csv.kind"),
		i18n.T(lang, "ui.followup.csv.held", this), i18n.T(lang, "ui.followup.csv.held", last),
		i18n.T(lang, "ui.followup.csv.took_part", this), i18n.T(lang, "ui.followup.csv.took_part", last)})
	for _, s := range f.Series {
		_ = w.Write([]string{s.Name, i18n.T(lang, "meeting_kind."+string(s.Kind)), strconv.Itoa(s.HeldThisYear),
			strconv.Itoa(s.HeldLastYear), strconv.Itoa(s.TookPartThisYear), strconv.Itoa(s.TookPartLastYear)})
	}
	_ = w.Write([]string{i18n.T(lang, "ui.followup.csv.fro_target", f.FROTarget), i18n.T(lang, "meeting_kind.fro"),
		strconv.Itoa(f.FROHeld), "", "", ""})
	// The organisations of the total are counted once each, however many series they took
	// part in: not the sum of the column.
	_ = w.Write([]string{i18n.T(lang, "ui.followup.csv.total"), "", "", "", strconv.Itoa(f.TookPart), strconv.Itoa(f.TookPartBefore)})
	w.Flush()
	c.Header("Content-Disposition", `attachment; filename="moten-uppfoljning-`+this+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
