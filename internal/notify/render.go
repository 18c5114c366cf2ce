package notify

import (
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/web"
)

// view is what the mail templates see.
type view struct {
	Lang        string
	Subject     string
	Paragraphs  []string
	Facts       []Fact
	Action      *absLink
	Footer      string
	Unsubscribe *absLink
}

type absLink struct{ Label, URL string }

var (
	loadOnce sync.Once
	textTmpl *texttemplate.Template
	htmlTmpl *htmltemplate.Template
	loadErr  error
)

// templates parses web/templates/mail once; they are embedded, so an error is a build mistake
// that the first Enqueue reports.
func templates() (*texttemplate.Template, *htmltemplate.Template, error) {
	loadOnce.Do(func() {
		textTmpl, loadErr = texttemplate.ParseFS(web.Templates, "mail/message.txt")
		if loadErr == nil {
			htmlTmpl, loadErr = htmltemplate.ParseFS(web.Templates, "mail/message.html")
		}
	})
	return textTmpl, htmlTmpl, loadErr
}

// render writes m as plain text and as HTML, with every link absolute and, for a message that
// is not essential, an unsubscribe link made of token.
func (s *Service) render(m Message, token string) (text, html string, err error) {
	tt, ht, err := templates()
	if err != nil {
		return "", "", fmt.Errorf("mail templates: %w", err)
	}
	v := view{
		Lang:       string(m.Lang),
		Subject:    m.Subject,
		Paragraphs: m.Paragraphs,
		Facts:      m.Facts,
		Footer:     i18n.T(m.Lang, "mail.footer", s.base),
	}
	if m.Action != nil {
		v.Action = &absLink{Label: m.Action.Label, URL: s.URL(m.Action.Path)}
	}
	if token != "" {
		v.Unsubscribe = &absLink{Label: i18n.T(m.Lang, "mail.unsubscribe"), URL: s.URL(UnsubscribePath(token))}
	}
	var tb, hb strings.Builder
	if err := tt.Execute(&tb, v); err != nil {
		return "", "", fmt.Errorf("render mail text: %w", err)
	}
	if err := ht.Execute(&hb, v); err != nil {
		return "", "", fmt.Errorf("render mail html: %w", err)
	}
	return tb.String(), hb.String(), nil
}

// URL makes path (starting with /) absolute with the base URL.
func (s *Service) URL(path string) string { return s.base + path }
