package webui_test

import (
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/internal/webui"
	"github.com/borasstad/lokalbanken/web"
)

// TestTextKeys checks that every text key written literally in a template exists in both
// languages (keys built at run time, like "kind." + kind, are checked by rendering).
func TestTextKeys(t *testing.T) {
	t.Parallel()
	literal := regexp.MustCompile(`(?:\bt |\btn |"label:|"hint:)"?(ui\.[a-z0-9_.]+[a-z0-9_])`)
	err := fs.WalkDir(web.Templates, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web.Templates, name)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			key := m[1]
			if i18n.Has(key) || (i18n.Has(key+".one") && i18n.Has(key+".other")) {
				continue
			}
			t.Errorf("%s: text %q is not in the catalogue", name, key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range i18n.Keys() {
		if strings.HasPrefix(key, "ui.") && (i18n.T(i18n.SV, key) == "" || i18n.T(i18n.EN, key) == "") {
			t.Errorf("%s lacks a language", key)
		}
	}
}

func newPages(t *testing.T, devDir string) (*webui.Pages, error) {
	t.Helper()
	return webui.New(pagesOptions(devDir))
}

// pagesOptions are complete options over services without a database: enough to parse the
// templates.
func pagesOptions(devDir string) webui.Options {
	v := validation.New()
	bookings := booking.NewService(nil, v, nil, stockholm)
	return webui.Options{
		Log:           slog.New(slog.NewTextHandler(io.Discard, nil)),
		Organisations: organisation.NewService(nil, v, nil),
		Venues:        venue.NewService(nil, v, nil),
		Accounts:      account.NewService(nil, v, nil, account.DefaultConfig()),
		Audit:         audit.NewService(nil, v, nil),
		Bookings:      bookings,
		FeedTokens:    feedtoken.NewService(nil, v, nil),
		Agreements:    agreement.NewService(nil, v, nil, stockholm),
		Meetings:      meeting.NewService(nil, v, nil, stockholm, bookings),
		Rounds:        round.NewService(nil, v, nil, stockholm, bookings),
		Messages:      mustMessages(nil, nil, "http://example.test"),
		Location:      stockholm,
		DevWebDir:     devDir,
	}
}

// copyWeb copies web/ into a temporary folder for the development mode.
func copyWeb(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("../../web", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../web", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestNew(t *testing.T) {
	t.Parallel()
	t.Run("Embedded", func(t *testing.T) {
		if _, err := newPages(t, ""); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("DevWebDir", func(t *testing.T) {
		if _, err := newPages(t, copyWeb(t)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("UnregisteredPage", func(t *testing.T) {
		dir := copyWeb(t)
		if err := os.WriteFile(filepath.Join(dir, "templates", "pages", "bookings.html"), []byte(`{{define "content"}}{{end}}`), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := newPages(t, dir); err == nil || !strings.Contains(err.Error(), "bookings.html") {
			t.Errorf("err = %v, want one naming the unregistered page", err)
		}
	})
	t.Run("MissingPage", func(t *testing.T) {
		dir := copyWeb(t)
		if err := os.Remove(filepath.Join(dir, "templates", "pages", "room.html")); err != nil {
			t.Fatal(err)
		}
		if _, err := newPages(t, dir); err == nil || !strings.Contains(err.Error(), "room") {
			t.Errorf("err = %v, want one naming the missing page", err)
		}
	})
	t.Run("MissingService", func(t *testing.T) {
		opts := pagesOptions("")
		opts.Bookings, opts.Location = nil, nil
		_, err := webui.New(opts)
		if err == nil || !strings.Contains(err.Error(), "Bookings, Location") {
			t.Errorf("err = %v, want one naming Bookings and Location", err)
		}
	})
	t.Run("BrokenTemplate", func(t *testing.T) {
		dir := copyWeb(t)
		if err := os.WriteFile(filepath.Join(dir, "templates", "pages", "room.html"), []byte(`{{define "content"}}{{if}}{{end}}`), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := newPages(t, dir); err == nil {
			t.Error("a template that does not parse was accepted")
		}
	})
}
