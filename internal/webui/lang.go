package webui

import (
	"net/http"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// langCookie remembers the language a visitor chose with the language link.
const langCookie = "lang"

// lang returns the language to answer in: the one chosen with the language link (its
// cookie), else the browser's Accept-Language, else Swedish.
func (p *Pages) lang(c *gin.Context) i18n.Lang {
	if v, err := c.Cookie(langCookie); err == nil {
		if l, ok := i18n.FromTag(v); ok {
			return l
		}
	}
	return i18n.Parse(c.GetHeader("Accept-Language"))
}

// langCode is the BCP 47 tag of lang, for <html lang> and links.
func langCode(l i18n.Lang) string { return string(l) }

// switchLanguage handles the language link: a GET with ?lang= stores the choice in a cookie
// and redirects to the same page without the parameter, so that links and bookmarks stay
// clean and the choice holds on every page.
func (p *Pages) switchLanguage(c *gin.Context) {
	if p.languageRedirect(c) {
		c.Abort()
		return
	}
	c.Next()
}

func (p *Pages) languageRedirect(c *gin.Context) bool {
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		return false
	}
	v, ok := c.GetQuery("lang")
	if !ok {
		return false
	}
	if l, ok := i18n.FromTag(v); ok {
		p.setCookie(c, langCookie, langCode(l), 365*24*60*60)
	}
	q := c.Request.URL.Query()
	q.Del("lang")
	target := localPath(c.Request.URL.Path)
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	c.Redirect(http.StatusSeeOther, target)
	return true
}

// switchURL is the current page with ?lang= set to code.
func switchURL(c *gin.Context, code string) string {
	q := c.Request.URL.Query()
	q.Set("lang", code)
	return localPath(c.Request.URL.Path) + "?" + q.Encode()
}

// localPath makes sure a path taken from the request stays on this site: "//evil.example"
// would otherwise be read by browsers as another host, and so would "/\t/evil.example" and
// "/\\evil.example", since browsers drop tabs and line breaks and read a backslash as a
// slash. Leading slashes, backslashes, control characters and spaces all go.
func localPath(p string) string {
	return "/" + strings.TrimLeftFunc(p, func(r rune) bool {
		return r == '/' || r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r)
	})
}

// setCookie sets a cookie for the whole site that scripts cannot read; maxAge 0 makes it
// last for the browser session.
func (p *Pages) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   p.secure,
		SameSite: http.SameSiteLaxMode,
	})
}
