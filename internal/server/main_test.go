package server_test

import (
	"testing"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/notify"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// mustMessages is an outbox on db (nil: none, for parsing templates) that sends nothing.
func mustMessages(tb testing.TB, db *bun.DB, baseURL string) *notify.Service {
	s, err := notify.New(notify.Options{DB: db, BaseURL: baseURL})
	if err != nil {
		if tb == nil {
			panic(err)
		}
		tb.Fatal(err)
	}
	return s
}
