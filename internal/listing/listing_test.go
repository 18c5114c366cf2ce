package listing_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/fault"
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

func TestParseLimit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		code string
	}{
		{"", listing.DefaultLimit, ""},
		{"0", listing.DefaultLimit, ""},
		{"1", 1, ""},
		{"200", 200, ""},
		{"-5", 0, "min"},
		{"201", 0, "max"},
		{"99999999999999999999", 0, "type"},
		{"ten", 0, "type"},
		{"1.5", 0, "type"},
		{" 5", 0, "type"},
	} {
		got, err := listing.ParseLimit(tt.in)
		code := ""
		if fe := fault.Fields(err); len(fe) == 1 && fe[0].Field == "limit" {
			code = fe[0].Code
		} else if err != nil {
			t.Errorf("ParseLimit(%q): %v, want a field error on limit", tt.in, err)
		}
		if got != tt.want || code != tt.code {
			t.Errorf("ParseLimit(%q) = %d, %q; want %d, %q", tt.in, got, code, tt.want, tt.code)
		}
	}
}
