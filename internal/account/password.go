package account

import (
	"bufio"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// The production argon2id parameters: 64 MiB of memory, 3 passes, 2 lanes — above OWASP's
// minimum for argon2id (19 MiB, 2 passes) and about 50–100 ms on a server core.
const (
	HashMemory  = 64 * 1024 // KiB
	HashTime    = 3
	HashThreads = 2

	saltLength = 16
	keyLength  = 32
)

// Password length limits, in characters (runes). The upper limit bounds the work a login
// request can ask for; it is far beyond any passphrase.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// HashParams are argon2id's cost parameters. Stored hashes carry their own, so changing the
// configured ones applies to new hashes and, at the next successful login, to old ones.
type HashParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultHashParams returns the production parameters. Tests may configure cheaper ones;
// nothing else should.
func DefaultHashParams() HashParams {
	return HashParams{Memory: HashMemory, Time: HashTime, Threads: HashThreads}
}

// CheckPasswordPolicy returns field errors on the field "password" when password is shorter
// than MinPasswordLength characters ("password_short", param the minimum), longer than
// MaxPasswordLength ("max_len") or one of the common passwords, compared without regard to
// case ("password_common"). It returns nil for an acceptable password.
func CheckPasswordPolicy(password string) error {
	password = norm.NFC.String(password)
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fault.FieldErrors{{Field: "password", Code: "password_short", Param: strconv.Itoa(MinPasswordLength)}}
	case n > MaxPasswordLength:
		return fault.FieldErrors{{Field: "password", Code: "max_len", Param: strconv.Itoa(MaxPasswordLength)}}
	case commonPasswords()[strings.ToLower(strings.TrimSpace(password))]:
		return fault.FieldErrors{{Field: "password", Code: "password_common"}}
	}
	return nil
}

//go:embed common-passwords.txt
var commonPasswordList string

// commonPasswords is the embedded list as a set, lower case, read once.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := make(map[string]bool, 1200)
	sc := bufio.NewScanner(strings.NewReader(commonPasswordList))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		set[strings.ToLower(norm.NFC.String(line))] = true
	}
	return set
})

// hashPassword returns password's argon2id hash in PHC form with a fresh random salt:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash>, both in unpadded standard base64. The
// password is normalised to NFC first, so "ö" typed as one character or as two matches.
func hashPassword(password string, p HashParams) string {
	salt := make([]byte, saltLength)
	rand.Read(salt) // never fails (crypto/rand since Go 1.24)
	key := argon2.IDKey([]byte(norm.NFC.String(password)), salt, p.Time, p.Memory, p.Threads, keyLength)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

var errMalformedHash = errors.New("malformed password hash")

// verifyPassword reports whether password matches the PHC-form hash, comparing in constant
// time, and returns the parameters the hash was made with. A hash it cannot read is an error.
func verifyPassword(hash, password string) (bool, HashParams, error) {
	p, salt, key, err := parseHash(hash)
	if err != nil {
		return false, p, err
	}
	got := argon2.IDKey([]byte(norm.NFC.String(password)), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, p, nil
}

func parseHash(hash string) (p HashParams, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, errMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errMalformedHash
	}
	// Bounds keep a damaged row from asking for absurd work.
	if p.Memory < 8*uint32(p.Threads) || p.Memory > 4<<20 || p.Time < 1 || p.Time > 100 || p.Threads < 1 {
		return p, nil, nil, errMalformedHash
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errMalformedHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 {
		return p, nil, nil, errMalformedHash
	}
	return p, salt, key, nil
}
