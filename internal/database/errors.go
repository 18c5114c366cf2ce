package database

import (
	"errors"

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
