package webui

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// The agreement form takes parties and premises as lines of text, so that it works without
// JavaScript: a party is "ROLE ORGANISATION-ID" (roles owner, partner, city, association,
// party), a venue or room "venue ID" or "room ID" (Swedish "lokal" and "rum" too).

// partiesText writes an agreement's parties as the form's lines.
func partiesText(a *agreement.Agreement) string {
	var b strings.Builder
	for _, p := range a.Parties {
		fmt.Fprintf(&b, "%s %d\n", p.Role, p.OrganisationID)
	}
	return b.String()
}

// premisesText writes an agreement's premises as the form's lines.
func premisesText(a *agreement.Agreement) string {
	var b strings.Builder
	for _, p := range a.Premises {
		if p.RoomID != nil {
			fmt.Fprintf(&b, "room %d\n", *p.RoomID)
		} else if p.VenueID != nil {
			fmt.Fprintf(&b, "venue %d\n", *p.VenueID)
		}
	}
	return b.String()
}

// readParts reads the form's parties and premises into in; a line that cannot be read is a
// field error "malformed" on its field.
func readParts(in *agreement.Input, q url.Values) fault.FieldErrors {
	var errs fault.FieldErrors
	in.Parties, in.Premises = []agreement.PartyInput{}, []agreement.PremisesInput{}
	for _, line := range lines(q.Get("parties")) {
		role, id, ok := roleAndID(line)
		if !ok {
			errs = append(errs, fault.FieldError{Field: "parties", Code: "malformed"})
			break
		}
		in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: id, Role: role})
	}
	for _, line := range lines(q.Get("premises")) {
		kind, id, ok := roleAndID(line)
		switch {
		case ok && (kind == "room" || kind == "rum"):
			in.Premises = append(in.Premises, agreement.PremisesInput{RoomID: id})
		case ok && (kind == "venue" || kind == "lokal"):
			in.Premises = append(in.Premises, agreement.PremisesInput{VenueID: id})
		default:
			errs = append(errs, fault.FieldError{Field: "premises", Code: "malformed"})
			return errs
		}
	}
	return errs
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// roleAndID reads "word number".
func roleAndID(line string) (string, int64, bool) {
	f := strings.Fields(line)
	if len(f) != 2 {
		return "", 0, false
	}
	id, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || id <= 0 {
		return "", 0, false
	}
	return strings.ToLower(f[0]), id, true
}

// partsField names the form field of a service's field error about parties or premises:
// fieldName has made "parties[1].organisation_id" into "organisation_id", which on this form
// can only be a party's, and "premises[0].room_id" into "room_id".
func partsField(name string) string {
	switch name {
	case "organisation_id", "role":
		return "parties"
	case "venue_id", "room_id":
		return "premises"
	}
	return name
}
