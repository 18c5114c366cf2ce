// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) on loopback for tests
// and reads what it received: headers, the plain and HTML parts, attachments. Import it only
// from _test.go files.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// TLS modes of the server.
const (
	Plain    = "none"     // no TLS at all (smtp://…?tls=none)
	StartTLS = "starttls" // STARTTLS offered, and required before AUTH (smtp://)
	Implicit = "implicit" // TLS from the first byte (smtps://)
)

// Options configure a Server.
type Options struct {
	TLS string // Plain (default), StartTLS or Implicit
	// Username and Password, when set, are required (AUTH PLAIN) before MAIL.
	Username, Password string
}

// Server is a running SMTP server that keeps every message it accepts.
type Server struct {
	// URL is the LOKALBANKEN_SMTP_URL that reaches it.
	URL string
	// ClientTLS trusts the server's certificate (nil with Plain).
	ClientTLS *tls.Config

	opts Options
	srv  *smtp.Server
	ln   net.Listener

	mu      sync.Mutex
	mails   []Mail
	refuse  *smtp.SMTPError
	refused int // messages refused (Refuse)
	changed chan struct{}
}

// Mail is one accepted message.
type Mail struct {
	From   string
	To     []string
	Raw    []byte
	Header mail.Header
	// Parts are the leaf parts of the body, in order, decoded.
	Parts []Part
}

// Part is one leaf of a MIME message.
type Part struct {
	ContentType string            // media type, lower case ("text/plain")
	Params      map[string]string // its parameters (charset, method, name)
	Filename    string            // from Content-Disposition, for attachments
	Body        []byte
}

// Start listens on 127.0.0.1 at a free port and serves until the test ends.
func Start(tb testing.TB, opts Options) *Server {
	tb.Helper()
	if opts.TLS == "" {
		opts.TLS = Plain
	}
	s := &Server{opts: opts, changed: make(chan struct{})}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.ErrorLog = discard{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("mailtest: listen: %v", err)
	}
	u := url.URL{Scheme: "smtp", Host: ln.Addr().String()}
	if opts.TLS != Plain {
		serverTLS, clientTLS := certificates(tb)
		s.ClientTLS = clientTLS
		if opts.TLS == Implicit {
			ln = tls.NewListener(ln, serverTLS)
			u.Scheme = "smtps"
		} else {
			s.srv.TLSConfig = serverTLS
		}
	} else {
		u.RawQuery = "tls=none"
	}
	if opts.Username != "" {
		u.User = url.UserPassword(opts.Username, opts.Password)
	}
	s.URL = u.String()
	s.ln = ln
	go s.srv.Serve(ln) //nolint:errcheck // ends with Close
	tb.Cleanup(func() { _ = s.srv.Close() })
	return s
}

// Close stops the server: it accepts no connection any more.
func (s *Server) Close() { _ = s.srv.Close() }

// Refuse makes the server answer every message with err (nil: accept again), e.g.
// &smtp.SMTPError{Code: 451} for a temporary failure.
func (s *Server) Refuse(err *smtp.SMTPError) {
	s.mu.Lock()
	s.refuse = err
	s.mu.Unlock()
}

// Mails returns the messages accepted so far.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// Wait returns once at least n messages have arrived, failing the test after timeout.
func (s *Server) Wait(tb testing.TB, n int, timeout time.Duration) []Mail {
	tb.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		got, ch := len(s.mails), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Mails()
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("mailtest: %d messages after %v, want %d", got, timeout, n)
		}
	}
}

func (s *Server) accept(m Mail) {
	s.mu.Lock()
	s.mails = append(s.mails, m)
	s.signal()
	s.mu.Unlock()
}

// signal wakes the waiters; s.mu is held.
func (s *Server) signal() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// WaitRefused returns once the server has refused at least n messages, failing the test
// after timeout.
func (s *Server) WaitRefused(tb testing.TB, n int, timeout time.Duration) {
	tb.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		got, ch := s.refused, s.changed
		s.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			tb.Fatalf("mailtest: %d messages refused after %v, want %d", got, timeout, n)
		}
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s}, nil
}

type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

func (se *session) AuthMechanisms() []string {
	if se.s.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != se.s.opts.Username || pass != se.s.opts.Password {
			return errors.New("invalid credentials")
		}
		se.authed = true
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.s.opts.Username != "" && !se.authed {
		return smtp.ErrAuthRequired
	}
	se.from = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	refuse := se.s.refuse
	if refuse != nil {
		se.s.refused++
		se.s.signal()
	}
	se.s.mu.Unlock()
	if refuse != nil {
		return refuse
	}
	m, err := Parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, Message: "unreadable message: " + err.Error()}
	}
	m.From, m.To = se.from, se.to
	se.s.accept(m)
	return nil
}

func (se *session) Reset()        { se.from, se.to = "", nil }
func (se *session) Logout() error { return nil }

type discard struct{}

func (discard) Printf(string, ...interface{}) {}
func (discard) Println(...interface{})        {}

// Parse reads a message as received: its header, and every leaf part decoded.
func Parse(raw []byte) (Mail, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Mail{}, err
	}
	m := Mail{Raw: raw, Header: msg.Header}
	m.Parts, err = parts(textproto(msg.Header), msg.Body)
	return m, err
}

// header is what parts needs of a part's header.
type header interface{ Get(string) string }

type textproto mail.Header

func (h textproto) Get(k string) string { return mail.Header(h).Get(k) }

func parts(h header, body io.Reader) ([]Part, error) {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	media, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, fmt.Errorf("content type %q: %w", ct, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		var out []Part
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			sub, err := parts(p.Header, p)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
	}
	data, err := decode(h.Get("Content-Transfer-Encoding"), body)
	if err != nil {
		return nil, err
	}
	var filename string
	if cd := h.Get("Content-Disposition"); cd != "" {
		if _, dp, err := mime.ParseMediaType(cd); err == nil {
			filename = dp["filename"]
		}
	}
	return []Part{{ContentType: media, Params: params, Filename: filename, Body: data}}, nil
}

func decode(cte string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return io.ReadAll(base64.NewDecoder(base64.StdEncoding, stripNewlines{r}))
	case "quoted-printable":
		return io.ReadAll(newQP(r))
	default:
		return io.ReadAll(r)
	}
}

// Text returns the body of the first part of the media type ("text/plain"), or "".
func (m Mail) Text(media string) string {
	for _, p := range m.Parts {
		if p.ContentType == media && p.Filename == "" {
			return string(p.Body)
		}
	}
	return ""
}

// Attachments returns the parts that have a file name.
func (m Mail) Attachments() []Part {
	var out []Part
	for _, p := range m.Parts {
		if p.Filename != "" {
			out = append(out, p)
		}
	}
	return out
}

// certificates makes a self-signed certificate for 127.0.0.1 and localhost, and a client
// configuration that trusts it.
func certificates(tb testing.TB) (server, client *tls.Config) {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "mailtest"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	client = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return server, client
}

// Subject is the Subject header, decoded (RFC 2047).
func (m Mail) Subject() string {
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return m.Header.Get("Subject")
	}
	return s
}
