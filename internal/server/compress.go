package server

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// etagSuffix marks the ETag of a gzipped response: its bytes differ from the plain one's,
// so its strong validator must too (RFC 9110 §8.8.3).
const etagSuffix = "-gzip"

// Compress gzips the responses of h (pages, API, feeds, assets) for clients that accept it,
// with klauspost/compress's gzhttp: bodies of at least 1 KiB whose type is not already
// compressed, never a range (206); every response says Vary: Accept-Encoding. zstd is off:
// gzip is what every calendar app and browser takes.
//
// Conditional requests stay correct: the handlers (the feeds, the static files) know only
// their own ETag "x"; a gzipped response carries "x-gzip". A client that sends that back in
// If-None-Match gets the suffix taken off before the handler compares, and the 304 then
// carries "x-gzip" again, the validator the client holds. (Without that, Apache's
// mod_deflate's well-known mistake: no gzipped representation ever revalidates.)
func Compress(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.EnableZstd(false), gzhttp.MinSize(1024), gzhttp.SuffixETag(etagSuffix))
	if err != nil {
		panic("server: gzip: " + err.Error()) // the options are constants
	}
	gz := wrap(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inm := r.Header.Get("If-None-Match")
		if inm == "" || !strings.Contains(inm, etagSuffix+`"`) {
			gz.ServeHTTP(w, r)
			return
		}
		r.Header.Set("If-None-Match", strings.ReplaceAll(inm, etagSuffix+`"`, `"`))
		gz.ServeHTTP(&suffixNotModified{ResponseWriter: w}, r)
	})
}

// suffixNotModified puts the gzip suffix back on the ETag of a 304.
type suffixNotModified struct {
	http.ResponseWriter
}

func (s *suffixNotModified) WriteHeader(code int) {
	if code == http.StatusNotModified {
		h := s.Header()
		if tag := h.Get("ETag"); strings.HasSuffix(tag, `"`) && !strings.HasSuffix(tag, etagSuffix+`"`) {
			h.Set("ETag", strings.TrimSuffix(tag, `"`)+etagSuffix+`"`)
		}
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection's writer (Flush, deadlines).
func (s *suffixNotModified) Unwrap() http.ResponseWriter { return s.ResponseWriter }
