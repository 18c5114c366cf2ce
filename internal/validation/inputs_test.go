package validation_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestInputTagsHaveMessages walks every input struct the services validate: a rule without
// a Swedish and English message would reach the user as a bare code.
func TestInputTagsHaveMessages(t *testing.T) {
	known := validation.KnownCodes()
	seen := 0
	for _, in := range []any{
		organisation.Input{}, organisation.Filter{},
		venue.VenueInput{}, venue.RoomInput{}, venue.Filter{},
		account.UserInput{},
		booking.Input{}, booking.Filter{}, booking.SeriesInput{}, booking.RulesInput{}, booking.ClosureInput{}, booking.FreeRoomsQuery{},
		agreement.Input{}, agreement.VersionInput{}, agreement.SignInput{}, agreement.WithdrawInput{}, agreement.Filter{}, agreement.SignatoryFilter{},
		agreement.JoinInput{}, agreement.ApproveInput{}, agreement.RejectInput{}, agreement.JoinFilter{},
		round.RoundInput{}, round.ApplicationInput{}, round.AllocationInput{}, round.Filter{}, round.ApplicationFilter{},
	} {
		for _, tag := range validation.TagsOf(in) {
			seen++
			if !contains(known, tag) {
				t.Errorf("%T: rule %q has no message", in, tag)
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d rules found: the walk no longer sees the validate tags", seen)
	}
}
