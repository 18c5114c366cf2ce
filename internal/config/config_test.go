package config_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/config"
)

func parse(env map[string]string) (config.Config, error) {
	return config.Parse("serve", nil, func(k string) string { return env[k] }, io.Discard)
}

func TestMail(t *testing.T) {
	t.Parallel()
	t.Run("OK", func(t *testing.T) {
		for _, u := range []string{"smtp://user:pass@mail.example.org:587", "smtps://mail.example.org", "smtp://127.0.0.1:1025?tls=none"} {
			c, err := parse(map[string]string{"LOKALBANKEN_SMTP_URL": u, "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"})
			if err != nil || c.SMTPURL != u || c.MailFrom != "noreply@boras.se" {
				t.Errorf("%s: %+v, %v", u, c, err)
			}
		}
	})
	t.Run("Unset", func(t *testing.T) {
		c, err := parse(nil)
		if err != nil || c.SMTPURL != "" || !strings.Contains(c.String(), "smtp=none") {
			t.Errorf("%v %s", err, c)
		}
	})
	t.Run("PasswordMasked", func(t *testing.T) {
		c, err := parse(map[string]string{"LOKALBANKEN_SMTP_URL": "smtp://user:hemligt@mail.example.org", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"})
		if err != nil || strings.Contains(c.String(), "hemligt") {
			t.Errorf("%v %s", err, c)
		}
	})
	t.Run("FromFile", func(t *testing.T) {
		name := filepath.Join(t.TempDir(), "smtp")
		if err := os.WriteFile(name, []byte("smtps://user:hemligt@mail.example.org\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := parse(map[string]string{"LOKALBANKEN_SMTP_URL_FILE": name, "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"})
		if err != nil || c.SMTPURL != "smtps://user:hemligt@mail.example.org" {
			t.Errorf("%q, %v", c.SMTPURL, err)
		}
	})
	for name, env := range map[string]map[string]string{
		"NoSender":    {"LOKALBANKEN_SMTP_URL": "smtp://mail.example.org"},
		"BadSender":   {"LOKALBANKEN_SMTP_URL": "smtp://mail.example.org", "LOKALBANKEN_MAIL_FROM": "Boras <noreply@boras.se>"},
		"BadScheme":   {"LOKALBANKEN_SMTP_URL": "http://mail.example.org", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"},
		"BadTLS":      {"LOKALBANKEN_SMTP_URL": "smtp://mail.example.org?tls=maybe", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"},
		"NoHost":      {"LOKALBANKEN_SMTP_URL": "smtp://", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"},
		"MissingFile": {"LOKALBANKEN_SMTP_URL_FILE": "/nonexistent/smtp", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"},
		"OtherScheme": {"LOKALBANKEN_SMTP_URL": "ftp://user:hemligt@x", "LOKALBANKEN_MAIL_FROM": "noreply@boras.se"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parse(env)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "hemligt") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}
