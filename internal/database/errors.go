package database

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// SQLSTATE codes that callers branch on.
const (
	CodeUniqueViolation     = "23505"
	CodeForeignKeyViolation = "23503"
	CodeCheckViolation      = "23514"
	CodeExclusionViolation  = "23P01"
	CodeSerialization       = "40001"
	CodeDeadlock            = "40P01"
)

// pgError returns the PostgreSQL error in err's chain, if any.
func pgError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

// Violates reports whether err is a PostgreSQL error with the given SQLSTATE code raised by
// the named constraint (any constraint when constraint is empty).
func Violates(err error, code, constraint string) bool {
	pe := pgError(err)
	return pe != nil && pe.Code == code && (constraint == "" || pe.ConstraintName == constraint)
}

// IsUniqueViolation reports whether err is a unique violation of the named constraint.
func IsUniqueViolation(err error, constraint string) bool {
	return Violates(err, CodeUniqueViolation, constraint)
}

// IsForeignKeyViolation reports whether err is a foreign key violation of the named constraint.
func IsForeignKeyViolation(err error, constraint string) bool {
	return Violates(err, CodeForeignKeyViolation, constraint)
}

// IsExclusionViolation reports whether err is an exclusion constraint violation.
func IsExclusionViolation(err error, constraint string) bool {
	return Violates(err, CodeExclusionViolation, constraint)
}

// IsRetryable reports whether the transaction that failed with err may succeed if run again.
func IsRetryable(err error) bool {
	pe := pgError(err)
	return pe != nil && (pe.Code == CodeSerialization || pe.Code == CodeDeadlock)
}

// IsUnavailable reports whether err says that the database cannot serve the service right
// now, although the request itself was fine: it cannot be reached (connection refused, the
// socket gone, a connection lost), it is shutting down or starting up (57P01, 57P02, 57P03),
// it refuses writes (25006 read-only transaction, e.g. a standby or
// default_transaction_read_only), or it is out of a resource (class 53: disk full, out of
// memory, too many connections) or cannot do its I/O (58030). The edges answer such errors
// with 503 and Retry-After instead of 500: trying again later may work.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if pe := pgError(err); pe != nil {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),  // insufficient resources: disk full, out of memory, too many connections
			strings.HasPrefix(pe.Code, "57P"), // admin shutdown, crash shutdown, cannot connect now
			pe.Code == "25006",                // read-only SQL transaction
			pe.Code == "58030":                // I/O error
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) ||
		errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE)
}

// RetryAfterSeconds is how long the edges ask clients to wait before trying again when
// IsUnavailable: an embedded cluster is restarted within seconds, a full disk takes longer
// but a client that asks again sooner only gets another 503.
const RetryAfterSeconds = 5
