package deploy_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }
