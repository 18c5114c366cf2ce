package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// mailer sends over SMTP with go-mail, keeping a few connections open between messages.
type mailer struct {
	client *gomail.Client
	from   string
	base   string // the base URL, for unsubscribe links
	host   string // for Message-IDs

	dial sync.Mutex // go-mail's dial sets the client's auth: one at a time
	mu   sync.Mutex
	idle []*conn
}

type conn struct {
	c    *smtp.Client
	used time.Time
}

// idleLimit is how long a connection may wait unused before it is closed rather than reused:
// servers drop idle sessions after a few minutes (RFC 5321 asks for 5), and a dropped one
// costs a failed NOOP.
const idleLimit = 30 * time.Second

// newMailer reads an SMTP URL: smtp://[user:pass@]host[:587] with STARTTLS required,
// smtps://[user:pass@]host[:465] with TLS from the first byte, and ?tls=none to send in
// plain text (a loopback test server only). tlsConfig, when set, replaces the system's
// roots (tests); its ServerName is the URL's host.
func newMailer(rawURL, from, base, msgHost string, tlsConfig *tls.Config) (*mailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, errors.New("notify: SMTP URL is not a URL") // no echo: it may hold a password
	}
	if from == "" {
		return nil, errors.New("notify: a sender address (LOKALBANKEN_MAIL_FROM) is needed with SMTP")
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("notify: SMTP URL has no host")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second), gomail.WithHELO(msgHost)}
	port := 587
	switch u.Scheme {
	case "smtp":
		switch tlsMode := u.Query().Get("tls"); tlsMode {
		case "", "starttls":
			opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		case "none":
			opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		default:
			return nil, fmt.Errorf("notify: SMTP URL: tls=%q: use starttls or none", tlsMode)
		}
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("notify: SMTP URL scheme %q: use smtp or smtps", u.Scheme)
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("notify: SMTP URL port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if tlsConfig != nil {
		c := tlsConfig.Clone()
		c.ServerName = host
		opts = append(opts, gomail.WithTLSConfig(c))
	}
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("notify: SMTP client: %w", err)
	}
	return &mailer{client: c, from: from, base: base, host: msgHost}, nil
}

// send delivers one message. A connection kept from an earlier message is tried first; if
// the server had dropped it (the NOOP before sending fails, nothing was sent), a new one is
// dialled. The error is a *gomail.SendError when the server answered.
func (m *mailer) send(ctx context.Context, msg *gomail.Msg) error {
	for {
		c := m.take()
		if c == nil {
			break
		}
		err := m.client.SendWithSMTPClient(c.c, msg)
		if err == nil {
			m.put(c)
			return nil
		}
		_ = c.c.Close()
		var se *gomail.SendError
		if !errors.As(err, &se) || se.Reason != gomail.ErrConnCheck {
			return err
		}
	}
	m.dial.Lock()
	c, err := m.client.DialToSMTPClientWithContext(ctx)
	m.dial.Unlock()
	if err != nil {
		return fmt.Errorf("connect to SMTP server: %w", err)
	}
	if err := m.client.SendWithSMTPClient(c, msg); err != nil {
		_ = c.Close()
		return err
	}
	m.put(&conn{c: c})
	return nil
}

// take returns an idle connection young enough to reuse, closing the stale ones.
func (m *mailer) take() *conn {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.idle) > 0 {
		c := m.idle[len(m.idle)-1]
		m.idle = m.idle[:len(m.idle)-1]
		if time.Since(c.used) < idleLimit {
			return c
		}
		go m.client.CloseWithSMTPClient(c.c) //nolint:errcheck // a QUIT to a stale session
	}
	return nil
}

func (m *mailer) put(c *conn) {
	c.used = time.Now()
	m.mu.Lock()
	m.idle = append(m.idle, c)
	m.mu.Unlock()
}

// close says QUIT on every idle connection.
func (m *mailer) close() {
	m.mu.Lock()
	idle := m.idle
	m.idle = nil
	m.mu.Unlock()
	for _, c := range idle {
		_ = m.client.CloseWithSMTPClient(c.c)
	}
}

// compose builds the e-mail of r: plain text with an HTML alternative (and a calendar one for
// an invitation), attachments, and a Message-ID made of the message's id, so that a second
// delivery of the same message (see deliverWorker) is recognisable as such.
func (m *mailer) compose(r Record) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(m.from); err != nil {
		return nil, fmt.Errorf("sender address: %w", err)
	}
	if err := msg.To(r.ToAddress); err != nil {
		return nil, fmt.Errorf("recipient address: %w", err)
	}
	msg.Subject(r.Subject)
	msg.SetMessageIDWithValue(MessageID(r.ID, m.host))
	msg.SetDateWithValue(r.CreatedAt)
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	msg.SetGenHeader(gomail.HeaderContentLang, r.Lang)
	if r.UnsubscribeToken != "" {
		msg.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, "<"+m.unsubscribeURL(r)+">")
	}
	msg.SetBodyString(gomail.TypeTextPlain, r.TextBody)
	msg.AddAlternativeString(gomail.TypeTextHTML, r.HTMLBody)
	for _, a := range r.Attachments {
		if a.Method != "" {
			msg.AddAlternativeString(gomail.ContentType("text/calendar; method="+a.Method), string(a.Data))
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Name, err)
		}
	}
	return msg, nil
}

func (m *mailer) unsubscribeURL(r Record) string { return m.base + UnsubscribePath(r.UnsubscribeToken) }

// MessageID is the Message-ID (without angle brackets) of the message with id: the same for
// every delivery of it.
func MessageID(id int64, host string) string {
	return fmt.Sprintf("message-%d@%s", id, host)
}
