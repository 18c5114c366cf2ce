package demo

import (
	"context"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
)

// joinRequests are the demo's requests to join the Compact, waiting in the city
// administrators' inbox: an association new to the register, and one that is in it but has
// not signed (approving links it instead of making a second one).
var joinRequests = []agreement.JoinInput{
	{OrganisationName: "Norrby Bokcirkel", OrgNumber: "802517-3413", Kind: "association",
		ContactName: "Ingrid Nord", ContactEmail: "ingrid.nord@example.org", ContactPhone: "033-10 20 30",
		SignerName: "Ingrid Nord", SignerRole: "ordförande"},
	{OrganisationName: "Hässleholmens IF", OrgNumber: "802519-8766", Kind: "association",
		ContactName: "Ali Yusuf", ContactEmail: "kansli@example.org",
		SignerName: "Per Strand", SignerRole: "ordförande"},
}

// loadJoinRequests makes the pending demo requests to join the Compact.
func loadJoinRequests(ctx context.Context, svc *agreement.Service) error {
	for _, in := range joinRequests {
		if _, _, err := svc.RequestToJoin(ctx, access.System, in); err != nil {
			return fmt.Errorf("demo join request of %s: %w", in.OrganisationName, err)
		}
	}
	return nil
}
