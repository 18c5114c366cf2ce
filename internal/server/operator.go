package server

import (
	"net/http"
	"net/http/pprof"
)

// Operator returns the handler of the operator's listener (LOKALBANKEN_METRICS_ADDR):
// /metrics from m and the Go profiles under /debug/pprof/. It is a ServeMux of its own; the
// public port is the gin engine of New, which has neither. Importing net/http/pprof also
// registers its handlers on http.DefaultServeMux, which nothing in the service serves.
//
// /debug/pprof/cmdline is left out (it answers 404): the command line may carry
// --database-url with its password.
func Operator(m *Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	// Index also serves the named profiles: heap, goroutine, allocs, block, mutex, threadcreate.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("POST /debug/pprof/symbol", pprof.Symbol) // go tool pprof asks here
	return mux
}
