package account

import (
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	t.Parallel()
	cheap := HashParams{Memory: 64, Time: 1, Threads: 1}
	h := hashPassword("korrekt häst batteri", cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Count(h, "$") != 5 {
		t.Fatalf("hash %q is not in PHC form", h)
	}
	if h2 := hashPassword("korrekt häst batteri", cheap); h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	t.Run("OK", func(t *testing.T) {
		ok, p, err := verifyPassword(h, "korrekt häst batteri")
		if err != nil || !ok || p != cheap {
			t.Fatalf("verify = %v, %+v, %v", ok, p, err)
		}
		// "ä" as a + combining diaeresis is the same password.
		if ok, _, _ := verifyPassword(h, "korrekt ha\u0308st batteri"); !ok {
			t.Error("a decomposed ä does not match")
		}
	})
	t.Run("ErrWrongPassword", func(t *testing.T) {
		for _, pw := range []string{"korrekt häst batteri ", "Korrekt häst batteri", ""} {
			if ok, _, err := verifyPassword(h, pw); ok || err != nil {
				t.Errorf("%q: verify = %v, %v", pw, ok, err)
			}
		}
	})
	t.Run("ErrMalformed", func(t *testing.T) {
		for _, bad := range []string{
			"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
			"$argon2id$v=16$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
			"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
			"$argon2id$v=19$m=64,t=1,p=1$!!$aGFzaGhhc2hoYXNoaGFzaA",
			"$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA", // a 4-byte key
		} {
			if ok, _, err := verifyPassword(bad, "x"); ok || err == nil {
				t.Errorf("%q: verify = %v, %v; want an error", bad, ok, err)
			}
		}
	})
}

// The production default is the strong setting, whatever tests configure.
func TestDefaultHashParams(t *testing.T) {
	t.Parallel()
	if p := DefaultHashParams(); p != (HashParams{Memory: 64 * 1024, Time: 3, Threads: 2}) {
		t.Fatalf("DefaultHashParams = %+v", p)
	}
	if got := NewService(nil, nil, nil, Config{}).cfg.Hash; got != DefaultHashParams() {
		t.Fatalf("a zero Config hashes with %+v", got)
	}
	h := hashPassword("korrekt häst batteri", DefaultHashParams())
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash %q", h)
	}
}
