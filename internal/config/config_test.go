package config_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// Every setting that holds a secret can be read from the file NAME_FILE names (a secret
// mount), the final line break dropped; both set, a missing or an empty file are refused
// without showing the secret.
func TestSecretsFromFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dbFile := write("db", "postgres://lb:hemligt@db.example.org/lokalbanken\n")
	pwFile := write("pw", "lösen ord med mellanslag \r\n")
	smtpFile := write("smtp", "smtps://u:hemligt@mail.example.org")
	empty := write("empty", "\n")
	c, err := parse(map[string]string{
		"DATABASE_URL_FILE": dbFile, "LOKALBANKEN_ADMIN_EMAIL": "a@example.org", "LOKALBANKEN_ADMIN_PASSWORD_FILE": pwFile,
		"LOKALBANKEN_SMTP_URL_FILE": smtpFile, "LOKALBANKEN_MAIL_FROM": "noreply@boras.se",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "postgres://lb:hemligt@db.example.org/lokalbanken" || c.AdminPassword != "lösen ord med mellanslag " || c.SMTPURL != "smtps://u:hemligt@mail.example.org" {
		t.Errorf("%q %q %q", c.DatabaseURL, c.AdminPassword, c.SMTPURL)
	}
	if strings.Contains(c.String(), "hemligt") {
		t.Errorf("String shows a password: %s", c)
	}
	for name, env := range map[string]map[string]string{
		"Both":    {"DATABASE_URL": "postgres://lb:hemligt@x/y", "DATABASE_URL_FILE": dbFile},
		"Missing": {"DATABASE_URL_FILE": filepath.Join(dir, "nonexistent")},
		"Empty":   {"DATABASE_URL_FILE": empty},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parse(env)
			if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") || strings.Contains(err.Error(), "hemligt") {
				t.Errorf("%v", err)
			}
		})
	}
}

// The pool and the HTTP server's timeouts are settings, from the environment or flags.
func TestPoolAndTimeouts(t *testing.T) {
	t.Parallel()
	c, err := parse(map[string]string{"LOKALBANKEN_DB_MAX_CONNS": "7", "LOKALBANKEN_WRITE_TIMEOUT": "5m", "LOKALBANKEN_SHUTDOWN_TIMEOUT": "3s"})
	if err != nil || c.DBMaxConns != 7 || c.WriteTimeout != 5*time.Minute || c.ShutdownTimeout != 3*time.Second || c.ReadTimeout != 30*time.Second {
		t.Errorf("%+v %v", c, err)
	}
	c, err = config.Parse("serve", []string{"--db-max-conns", "9", "--idle-timeout", "1s"}, func(k string) string { return map[string]string{"LOKALBANKEN_DB_MAX_CONNS": "7"}[k] }, io.Discard)
	if err != nil || c.DBMaxConns != 9 || c.IdleTimeout != time.Second {
		t.Errorf("flags: %+v %v", c, err)
	}
	for _, env := range []map[string]string{
		{"LOKALBANKEN_DB_MAX_CONNS": "1"}, {"LOKALBANKEN_DB_MAX_CONNS": "x"}, {"LOKALBANKEN_READ_TIMEOUT": "30"}, {"LOKALBANKEN_IDLE_TIMEOUT": "-1s"},
	} {
		if _, err := parse(env); err == nil {
			t.Errorf("%v accepted", env)
		}
	}
}
