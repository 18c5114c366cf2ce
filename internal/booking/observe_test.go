package booking_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// TestRefusalReason: the metrics' reason label comes from a small fixed set, however the
// error is wrapped; a series is named by its first refused occurrence.
func TestRefusalReason(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("create booking: %w", &booking.ConflictError{}), "conflict"},
		{fmt.Errorf("create booking: %w", &booking.RuleError{Rule: booking.RulePartners}), "partners"},
		{fault.FieldErrors{{Field: "starts_at", Code: booking.CodeOutsideOpeningHours}}, "outside_opening_hours"},
		{fmt.Errorf("create series: %w", &booking.SeriesError{Refused: []booking.Refusal{{Err: fault.FieldErrors{{Field: "starts_at", Code: booking.CodeClosed}}}, {Err: &booking.ConflictError{}}}}), "closed"},
		{access.ErrForbidden, "forbidden"},
		{access.ErrUnauthenticated, "unauthenticated"},
		{errors.New("database gone"), "other"},
	} {
		if got := booking.RefusalReason(c.err); got != c.want {
			t.Errorf("RefusalReason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
