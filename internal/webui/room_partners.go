package webui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// shareView is the owner's choice of partners on the room's settings page: a search box
// that narrows the list of organisations on the server (no JavaScript), and the boxes of
// those chosen and found. The chosen ones are always listed, so a search never drops one.
type shareView struct {
	Query    string
	Form     *form
	Partners field
	// Agreement is the owner's own agreement for the room, or nil before the first partner.
	Agreement *agreement.Agreement
	// More: the search found more organisations than are listed.
	More bool
}

// maxPartnerChoices is how many organisations the search lists besides those chosen.
const maxPartnerChoices = 40

// shareSpec names the partner form's field.
var shareSpec = formSpec{order: []string{"partner_ids"}, groups: map[string]string{}}

// shareView builds the partner choice for room r as the visitor may see it: nil for one who
// may not share the room. f holds the boxes as posted (nil: as stored).
func (p *Pages) shareView(c *gin.Context, r *venue.Room, f *form) (*shareView, error) {
	if r.Venue == nil || access.Check(p.actor(c), access.ShareRoom, r.Venue.OwnerID) != nil {
		return nil, nil
	}
	ctx, lang := c.Request.Context(), p.lang(c)
	own, err := p.agree.OwnRoomAgreement(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if f == nil {
		f = newForm(nil)
		if own != nil {
			for _, pt := range own.PartiesIn(agreement.RolePartner) {
				f.values.Add("partner_ids", strconv.FormatInt(pt.OrganisationID, 10))
			}
		}
	}
	v := &shareView{Query: strings.TrimSpace(c.Query("partner_q")), Form: f, Agreement: own}
	v.Partners = newField(lang, f, "partner_ids", []string{"quiet", "label:ui.share.partners_label", "hint:ui.share.partners_hint"})
	chosen := map[int64]bool{}
	for _, s := range f.values["partner_ids"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !chosen[id] {
			chosen[id] = true
			o, err := p.orgs.FindOrganisationByID(ctx, id)
			if err != nil {
				continue // gone meanwhile: the service names it if it is posted again
			}
			v.Partners.Options = append(v.Partners.Options, partnerOption(lang, o, true))
		}
	}
	found, err := p.orgs.FindOrganisations(ctx, organisation.Filter{Q: v.Query, Limit: maxPartnerChoices + len(chosen) + 1})
	if err != nil {
		return nil, err
	}
	listed := 0
	for i := range found.Items {
		o := &found.Items[i]
		if o.ID == r.Venue.OwnerID || chosen[o.ID] {
			continue
		}
		if listed == maxPartnerChoices {
			v.More = true
			break
		}
		v.Partners.Options = append(v.Partners.Options, partnerOption(lang, o, false))
		listed++
	}
	v.More = v.More || found.Next != nil
	if len(v.Partners.Options) > 0 {
		v.Partners.ID = v.Partners.Options[0].ID
	}
	return v, nil
}

func partnerOption(lang i18n.Lang, o *organisation.Organisation, checked bool) option {
	id := strconv.FormatInt(o.ID, 10)
	return option{ID: optionID("partner_ids", id), Value: id, Checked: checked,
		Label: o.Name + " (" + i18n.T(lang, "kind."+string(o.Kind)) + ")"}
}

// saveRoomPartners stores the partners ticked on the settings page in the owner's own
// agreement for the room, and goes back to the page saying so, or shows it again naming
// what to fix.
func (p *Pages) saveRoomPartners(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	var ids []int64
	for _, s := range values["partner_ids"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	lang := p.lang(c)
	title := i18n.T(lang, "ui.share.agreement_title", r.Name, r.Venue.Name)
	_, err := p.agree.SetRoomPartners(c.Request.Context(), p.actor(c), r.ID, agreement.RoomSharingInput{PartnerIDs: ids, Title: title})
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(lang, shareSpec, fe)
		p.showSettings(c, http.StatusUnprocessableEntity, r, settingsForms{share: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/rum/"+strconv.FormatInt(r.ID, 10)+"/installningar?klart=partner#partners")
}
