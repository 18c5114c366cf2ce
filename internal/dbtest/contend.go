package dbtest

import (
	"context"
	"testing"

	"github.com/uptrace/bun"
)

// Contend makes every INSERT and UPDATE of table in db fail as a lost race would: PostgreSQL
// raises a serialisation failure (SQLSTATE 40001) from a trigger, every time, so that a
// transaction exhausts database.InTx's retries. The trigger lives in the test's own database.
func Contend(tb testing.TB, db *bun.DB, table string) {
	tb.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`CREATE OR REPLACE FUNCTION dbtest_contend() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'dbtest: contended' USING ERRCODE = '40001'; END $$`,
		`CREATE TRIGGER dbtest_contend BEFORE INSERT OR UPDATE ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION dbtest_contend()`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			tb.Fatalf("dbtest: contend %s: %v", table, err)
		}
	}
}
