package listing_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/listing"
)

func TestAll(t *testing.T) {
	rows := []int64{1, 2, 3, 4, 5}
	// A fake list of two rows a page, keyed by id, paged the way the services page.
	find := func(_ context.Context, cursor string) (listing.Page[int64], error) {
		c, err := listing.DecodeCursor(cursor)
		if err != nil {
			return listing.Page[int64]{}, err
		}
		var after []int64
		for _, r := range rows {
			if c == nil || r > c.ID {
				after = append(after, r)
			}
		}
		if len(after) > 3 {
			after = after[:3]
		}
		return listing.Paginate(after, 2, func(r int64) (string, int64) { return "", r }), nil
	}
	got, err := listing.All(context.Background(), find)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rows, got); diff != "" {
		t.Errorf("All (-want +got):\n%s", diff)
	}
	boom := errors.New("boom")
	if _, err := listing.All(context.Background(), func(context.Context, string) (listing.Page[int64], error) {
		return listing.Page[int64]{}, boom
	}); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the page's error", err)
	}
}
