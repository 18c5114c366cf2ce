// Package migrations holds the database schema as forward-only SQL files, embedded into the
// binary. Files are named YYYYMMDDHHMMSS_name.tx.up.sql; the ".tx." runs each in one
// transaction. Never edit a file that has landed on main: add a new one.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
