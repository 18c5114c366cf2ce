package listing_test

import (
	"testing"
	"unicode/utf8"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
)

// FuzzDecodeCursor: whatever a client sends as a cursor, DecodeCursor answers without
// panicking, either with a field error on "cursor" (a 422, never a 500) or with a cursor
// whose id is positive and that encodes to a string decoding to the same cursor; and every
// cursor the lists make (a key read from the database, so valid UTF-8, and a positive id)
// comes back from Encode and DecodeCursor unchanged.
func FuzzDecodeCursor(f *testing.F) {
	for _, c := range []listing.Cursor{{Key: "", ID: 1}, {Key: "Kulturhuset", ID: 42}, {Key: "2026-03-29T01:00:00Z", ID: 9007199254740993}, {Key: "Ålö 🎻 \"quoted\" \\ \u2028", ID: 7}} {
		f.Add(c.Encode(), c.Key, c.ID)
	}
	for _, s := range []string{"", "e30", "not-a-cursor", "eyJrIjoiIiwiaSI6MH0", "eyJrIjoxLCJpIjoxfQ", "eyJpIjoxLjV9", "eyJpIjoiMSJ9", "====", "e30=", "eyJrIjoiYSIsImkiOjF9IA"} {
		f.Add(s, "", int64(1))
	}
	f.Fuzz(func(t *testing.T, s, key string, id int64) {
		c, err := listing.DecodeCursor(s)
		switch {
		case err != nil:
			fe := fault.Fields(err)
			if c != nil || len(fe) != 1 || fe[0].Field != "cursor" || fe[0].Code != "malformed" {
				t.Fatalf("DecodeCursor(%q) = %v, %v; want a malformed error on cursor", s, c, err)
			}
		case s == "":
			if c != nil {
				t.Fatalf("DecodeCursor(\"\") = %v, want nil (the first page)", c)
			}
		default:
			if c == nil || c.ID <= 0 {
				t.Fatalf("DecodeCursor(%q) = %v, want a cursor with a positive id", s, c)
			}
			again, err := listing.DecodeCursor(c.Encode())
			if err != nil || again == nil || *again != *c {
				t.Fatalf("DecodeCursor(%q) = %+v, which re-encodes to %+v, %v", s, *c, again, err)
			}
		}

		if id <= 0 || !utf8.ValidString(key) {
			return
		}
		want := listing.Cursor{Key: key, ID: id}
		got, err := listing.DecodeCursor(want.Encode())
		if err != nil || got == nil || *got != want {
			t.Fatalf("cursor %+v encodes to %q, which decodes to %+v, %v", want, want.Encode(), got, err)
		}
	})
}
