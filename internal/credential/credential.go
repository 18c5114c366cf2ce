// Package credential makes the random secrets that stand for someone (API tokens, sessions,
// one-time links, calendar feed links) and the one form in which they are stored.
package credential

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// Length is the length of a secret made by New: 32 bytes in unpadded base64url.
const Length = 43

// New returns 32 random bytes (256 bits) in unpadded base64url, safe in a URL path, and
// their Hash.
func New() (secret string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret)
}

// Hash returns the SHA-256 of a secret as presented by a client. Secrets are 256 random
// bits, so a fast unsalted hash is enough: there is nothing to guess, and a lookup by hash
// costs one index probe.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
