package database_test

import (
	"context"
	"errors"
	"testing"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// raise makes PostgreSQL itself fail the transaction with the SQLSTATE code.
func raise(ctx context.Context, tx bun.Tx, code string) error {
	_, err := tx.ExecContext(ctx, "DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '"+code+"'; END $$")
	return err
}

// TestInTxContended: a transaction that loses every time (a real serialisation failure or
// deadlock from PostgreSQL) is run a bounded number of times and then answered as a
// conflict, not as an internal fault; one that wins on a later attempt succeeds.
func TestInTxContended(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	for _, code := range []string{database.CodeSerialization, database.CodeDeadlock} {
		runs := 0
		err := database.InTx(ctx, db, nil, func(ctx context.Context, tx bun.Tx) error {
			runs++
			return raise(ctx, tx, code)
		})
		if runs < 2 || runs > 10 {
			t.Errorf("%s: ran %d times, want a few", code, runs)
		}
		if k := fault.KindOf(err); k != fault.Conflict || !errors.Is(err, database.ErrContended) || !database.IsRetryable(err) {
			t.Errorf("%s: %v of kind %v, want ErrContended (conflict) and still retryable", code, err, k)
		}
	}

	runs := 0
	err := database.InTx(ctx, db, nil, func(ctx context.Context, tx bun.Tx) error {
		if runs++; runs < 3 {
			return raise(ctx, tx, database.CodeSerialization)
		}
		return nil
	})
	if err != nil || runs != 3 {
		t.Errorf("won on the third run: %v after %d runs", err, runs)
	}

	err = database.InTx(ctx, db, nil, func(ctx context.Context, tx bun.Tx) error { return raise(ctx, tx, "P0001") })
	if fault.KindOf(err) != fault.Internal || database.IsRetryable(err) {
		t.Errorf("another failure: %v of kind %v, want internal", err, fault.KindOf(err))
	}
}
