// Package listing holds what every paginated list shares: limits and opaque keyset cursors.
package listing

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Limits for one page of a list.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Cursor marks where the next page starts: after the row with this sort key and id. Lists sort
// by (key, id), so the cursor stays valid while rows are added or changed between requests.
type Cursor struct {
	Key string `json:"k"`
	ID  int64  `json:"i"`
}

// Encode returns the cursor as an opaque URL-safe string.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor parses a string made by Encode. The empty string is the first page (nil). A
// malformed cursor is an Invalid error on the field "cursor".
func DecodeCursor(s string) (*Cursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c Cursor
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID <= 0 {
		return nil, fault.FieldErrors{{Field: "cursor", Code: "malformed"}}
	}
	return &c, nil
}

// ParseLimit reads a page size as a client asks for it: the empty string and 0 are
// DefaultLimit; anything else must be a whole number from 1 to MaxLimit, or it is an Invalid
// error on the field "limit" (code "type", "min" or "max"). The edges use it, so that a limit
// of -5 or 10000 is refused rather than quietly changed.
func ParseLimit(s string) (int, error) {
	if s == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, fault.FieldErrors{{Field: "limit", Code: "type", Param: "integer"}}
	case n < 0:
		return 0, fault.FieldErrors{{Field: "limit", Code: "min", Param: "0"}}
	case n > MaxLimit:
		return 0, fault.FieldErrors{{Field: "limit", Code: "max", Param: strconv.Itoa(MaxLimit)}}
	case n == 0:
		return DefaultLimit, nil
	}
	return n, nil
}

// Limit returns the page size to use for a requested limit (0 means the default).
func Limit(requested int) int {
	switch {
	case requested <= 0:
		return DefaultLimit
	case requested > MaxLimit:
		return MaxLimit
	}
	return requested
}

// Page is one page of a list.
type Page[T any] struct {
	Items []T
	// Next is the cursor of the following page; nil on the last page.
	Next *Cursor
}

// Paginate trims rows fetched with limit+1 to limit and derives the next cursor from the last
// row kept, using key to read a row's sort key and id.
func Paginate[T any](rows []T, limit int, key func(T) (string, int64)) Page[T] {
	if len(rows) <= limit {
		return Page[T]{Items: rows}
	}
	rows = rows[:limit]
	k, id := key(rows[len(rows)-1])
	return Page[T]{Items: rows, Next: &Cursor{Key: k, ID: id}}
}

// Words splits a free-text query into at most eight words, each turned into an ILIKE
// pattern that matches the word anywhere ("kultur" finds "Kulturhuset"), with the pattern
// characters % and _ escaped.
func Words(q string) []string {
	var out []string
	for _, w := range strings.Fields(q) {
		if len(out) == 8 {
			break
		}
		w = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(w)
		out = append(out, "%"+w+"%")
	}
	return out
}

// All follows a list from its first page to its last and returns every item; find fetches
// the page that starts at cursor ("" for the first), at the largest page size.
func All[T any](ctx context.Context, find func(ctx context.Context, cursor string) (Page[T], error)) ([]T, error) {
	var out []T
	cursor := ""
	for {
		page, err := find(ctx, cursor)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == nil {
			return out, nil
		}
		cursor = page.Next.Encode()
	}
}
