package webui

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// mailSettingsPath is where people choose what they are told, and see what they were.
const mailSettingsPath = "/konto/installningar"

// mailLogLimit is how many of the person's messages the page lists.
const mailLogLimit = 50

type mailSettingsPage struct {
	Form     *form
	Reminder field
	Sending  bool
	Log      []notify.Record
	Notice   string
	// Retention is how many days messages are kept, for the page to say.
	Retention int
	// LogKeys are the texts of the log's heading, lead and emptiness.
	LogKeys [3]string
}

var mailSettingsSpec = formSpec{
	order:  []string{"lang", "wanted", "org_bookings", "reminder_minutes"},
	groups: map[string]string{"lang": "sv", "wanted": account.MailKinds[0], "org_bookings": "yes"},
}

// mailSettings shows the person's choices and their log of messages.
func (p *Pages) mailSettings(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	v := map[string][]string{"lang": {u.Lang}, "reminder_minutes": {"0"}}
	for _, k := range account.MailKinds {
		if u.WantsMail(k) {
			v["wanted"] = append(v["wanted"], k)
		}
	}
	if u.MailOrgBookings {
		v["org_bookings"] = []string{"yes"}
	}
	if u.ReminderMinutes != nil {
		v["reminder_minutes"] = []string{strconv.Itoa(*u.ReminderMinutes)}
	}
	page := mailSettingsPage{Form: newForm(v)}
	if c.Query("klart") == "installningar" {
		page.Notice = i18n.T(p.lang(c), "ui.notice.settings_saved")
	}
	p.showMailSettings(c, http.StatusOK, u, page)
}

func (p *Pages) showMailSettings(c *gin.Context, status int, u *account.User, page mailSettingsPage) {
	log, err := p.messages.FindPersonMessages(c.Request.Context(), p.actor(c), u.ID, mailLogLimit)
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	page.Log, page.Sending, page.Retention = log, p.messages.Sending(), int(notify.Retention.Hours()/24)
	page.LogKeys = [3]string{"ui.mail_settings.log", "ui.mail_settings.log_lead", "ui.mail_settings.log_none"}
	page.Reminder = newField(lang, page.Form, "reminder_minutes", []string{"quiet", "label:ui.mail_settings.reminder"})
	for _, m := range append([]int{0}, account.ReminderChoices...) {
		val := strconv.Itoa(m)
		page.Reminder.Options = append(page.Reminder.Options, option{Value: val, Label: i18n.T(lang, "ui.mail_settings.reminder."+val),
			Checked: page.Reminder.Value == val})
	}
	p.render(c, status, "mail_settings", "account", page)
}

// saveMailSettings stores the person's choices.
func (p *Pages) saveMailSettings(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	values := postedValues(c)
	minutes, _ := strconv.Atoi(values.Get("reminder_minutes"))
	in := account.MailSettingsInput{Lang: values.Get("lang"), Wanted: values["wanted"], OrgBookings: values.Get("org_bookings") == "yes",
		ReminderMinutes: minutes}
	if values.Get("reminder_minutes") != "" && values.Get("reminder_minutes") != "0" && !slices.Contains(account.ReminderChoices, minutes) {
		in.ReminderMinutes = -1 // not a choice: the validator names the field
	}
	_, err := p.accounts.UpdateMailSettings(c.Request.Context(), p.actor(c), u.ID, in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), mailSettingsSpec, fe)
		p.showMailSettings(c, http.StatusUnprocessableEntity, u, mailSettingsPage{Form: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, mailSettingsPath+"?klart=installningar")
}
