package logtest_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/logging/logtest"
)

func TestCheckKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"OK", `{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}`, true},
		{"Twice", `{"request_id":"x","msg":"m","request_id":"x"}`, false},
		{"TwiceNested", `{"a":{"b":1,"b":2}}`, false},
		{"TwiceInArray", `{"a":[{"b":1,"b":2}]}`, false},
		{"NotJSON", `{"a":`, false},
		{"TwoValues", `{} {}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := logtest.CheckKeys([]byte(tc.in)); (err == nil) != tc.ok {
				t.Errorf("CheckKeys(%s) = %v, want ok %v", tc.in, err, tc.ok)
			}
		})
	}
}
