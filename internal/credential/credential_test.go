package credential_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"testing"

	"github.com/borasstad/lokalbanken/internal/credential"
)

func TestNew(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		secret, hash := credential.New()
		if len(secret) != credential.Length {
			t.Fatalf("secret %q has %d characters, want %d", secret, len(secret), credential.Length)
		}
		raw, err := base64.RawURLEncoding.DecodeString(secret)
		if err != nil || len(raw) != 32 {
			t.Fatalf("secret %q is not 32 bytes of base64url: %v", secret, err)
		}
		if want := sha256.Sum256([]byte(secret)); !bytes.Equal(hash, want[:]) || !bytes.Equal(credential.Hash(secret), hash) {
			t.Fatalf("hash of %q is not its SHA-256", secret)
		}
		if seen[secret] {
			t.Fatalf("secret %q made twice", secret)
		}
		seen[secret] = true
	}
}
