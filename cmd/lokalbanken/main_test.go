package main

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// TestMain starts the test PostgreSQL for tests that run the App on a database of their own
// (dbtest.NewURL); the end-to-end tests of the binary use its embedded cluster instead.
func TestMain(m *testing.M) { dbtest.Main(m) }
