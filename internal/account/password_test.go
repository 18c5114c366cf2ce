package account_test

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestCheckPasswordPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		password string
		code     string // "" when acceptable
	}{
		{"korrekt häst batteri", ""},
		{"Tr0ub4dor&3x", ""},
		{"åäöåäöåäöå", ""}, // ten characters, twenty bytes
		{"åäöåäöåäö", "password_short"},
		{"short", "password_short"},
		{"", "password_short"},
		{"password123", "password_common"},
		{"PASSWORD123", "password_common"},
		{"1234567890", "password_common"},
		{"qwertyuiop", "password_common"},
		{"lösenord123", "password_common"},
		{"Lösenord123", "password_common"},
		{"LÖSENORD123", "password_common"},
		{"sommar2024", "password_common"},
		{" sommar2024 ", "password_common"},
		{strings.Repeat("x", account.MaxPasswordLength), ""},
		{strings.Repeat("x", account.MaxPasswordLength+1), "max_len"},
	}
	for _, tt := range tests {
		err := account.CheckPasswordPolicy(tt.password)
		fe := fault.Fields(err)
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("%q: err = %v, want acceptable", tt.password, err)
		case tt.code != "" && (len(fe) != 1 || fe[0].Field != "password" || fe[0].Code != tt.code):
			t.Errorf("%q: err = %v, want password %s", tt.password, err, tt.code)
		}
	}
}

// The list is long enough to matter and every entry in it is refused.
func TestCommonPasswordList(t *testing.T) {
	t.Parallel()
	n := 0
	for _, line := range strings.Split(account.CommonPasswordList(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		if len([]rune(line)) >= account.MinPasswordLength && fault.Fields(account.CheckPasswordPolicy(line)) == nil {
			t.Errorf("%q from the list is accepted", line)
		}
	}
	if n < 1000 {
		t.Errorf("%d common passwords, want at least 1000", n)
	}
}
