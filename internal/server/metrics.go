package server

import (
	"context"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// Metrics holds one registry per server, so that tests can run several servers in a process.
// The public engine counts its requests into it; /metrics shows it, on the operator's
// listener when there is one (see Options.Metrics and Operator). Besides the requests it
// counts what operators ask about: bookings made and refused, clashes, feeds answered,
// messages sent and logins throttled (the services tell it: Metrics is a booking.Observer,
// and LoginThrottled and MessageSent are the callbacks of account and notify), and at each
// scrape it reads from the database the requests waiting for approval and the messages
// waiting to be sent, which are the same for every instance of the service.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	booked    *prometheus.CounterVec
	refused   *prometheus.CounterVec
	conflicts prometheus.Counter
	feeds     *prometheus.CounterVec
	sent      prometheus.Counter
	throttled *prometheus.CounterVec
}

// NewMetrics returns a registry with the request counters, the service's own numbers, the
// build, the Go runtime, the process and the database pool's statistics. release names the
// build in lokalbanken_build_info (the version set when building, as --version shows it);
// empty, the module's version is used.
func NewMetrics(db *bun.DB, release string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lokalbanken_http_requests_total",
			Help: "HTTP requests by method, route pattern and status code.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "lokalbanken_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method and route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"method", "route"}),
		booked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lokalbanken_bookings_made_total",
			Help: "Bookings stored by this instance (a series counts each occurrence), by status: confirmed or pending approval.",
		}, []string{"status"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lokalbanken_bookings_refused_total",
			Help: "Requests to book (one-off or series) that stored nothing, by reason: conflict, a room rule, a field error code, forbidden, unauthenticated or other.",
		}, []string{"reason"}),
		conflicts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "lokalbanken_booking_conflicts_total",
			Help: "Times asked for (a booking or an occurrence of a series) that other bookings held.",
		}),
		feeds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lokalbanken_feed_responses_total",
			Help: "iCal feed responses by route pattern and status code (200 sent, 304 not modified).",
		}, []string{"route", "status"}),
		sent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "lokalbanken_messages_sent_total",
			Help: "E-mail messages the SMTP server accepted from this instance.",
		}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lokalbanken_logins_throttled_total",
			Help: "Logins refused by throttling, by cause: locked (too many failures) or busy (no password check slot free).",
		}, []string{"cause"}),
	}
	// Zero series for the outcomes that matter, so that rate() sees them from the start.
	for _, s := range []booking.Status{booking.StatusConfirmed, booking.StatusPending} {
		m.booked.WithLabelValues(string(s))
	}
	m.refused.WithLabelValues(booking.ReasonConflict)
	m.throttled.WithLabelValues("locked")
	m.throttled.WithLabelValues("busy")
	m.reg.MustRegister(m.requests, m.duration, m.booked, m.refused, m.conflicts, m.feeds, m.sent, m.throttled,
		buildInfo(release), &waiting{db: db},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db.DB, "lokalbanken"))
	return m
}

// Booked counts bookings stored (booking.Observer).
func (m *Metrics) Booked(status booking.Status, n int) {
	m.booked.WithLabelValues(string(status)).Add(float64(n))
}

// Refused counts a request to book that stored nothing (booking.Observer).
func (m *Metrics) Refused(reason string) { m.refused.WithLabelValues(reason).Inc() }

// Clashed counts times asked for that other bookings held (booking.Observer).
func (m *Metrics) Clashed(n int) { m.conflicts.Add(float64(n)) }

// LoginThrottled counts a login refused by throttling (account.Service.OnThrottled).
func (m *Metrics) LoginThrottled(busy bool) {
	cause := "locked"
	if busy {
		cause = "busy"
	}
	m.throttled.WithLabelValues(cause).Inc()
}

// MessageSent counts a message the SMTP server accepted (notify.Service.OnSent).
func (m *Metrics) MessageSent() { m.sent.Inc() }

func (m *Metrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		// The route pattern keeps the label set small whatever paths clients try.
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		status := strconv.Itoa(c.Writer.Status())
		m.requests.WithLabelValues(c.Request.Method, route, status).Inc()
		m.duration.WithLabelValues(c.Request.Method, route).Observe(time.Since(start).Seconds())
		if strings.HasPrefix(route, "/calendar/") {
			m.feeds.WithLabelValues(route, status).Inc()
		}
	}
}

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// buildInfo is the gauge lokalbanken_build_info, always 1, whose labels name the build.
func buildInfo(release string) prometheus.Collector {
	version, revision, goVersion := "unknown", "unknown", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		version, goVersion = bi.Main.Version, bi.GoVersion
		if release != "" {
			version = release
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "lokalbanken_build_info",
		Help:        "Always 1; the labels name the build: module version, VCS revision, Go version.",
		ConstLabels: prometheus.Labels{"version": version, "revision": revision, "goversion": goVersion},
	})
	g.Set(1)
	return g
}

// waiting reads at each scrape what waits in the database: requests for approval and
// messages not yet sent. A query that fails or takes longer than waitingTimeout leaves its
// gauge out of that scrape rather than holding the scrape up.
type waiting struct{ db *bun.DB }

const waitingTimeout = 2 * time.Second

var (
	approvalsDesc = prometheus.NewDesc("lokalbanken_approvals_waiting",
		"Bookings pending approval that have not started yet (all instances).", nil, nil)
	messagesDesc = prometheus.NewDesc("lokalbanken_messages_waiting",
		"E-mail messages not yet sent: queued for delivery, or kept when no SMTP server is configured (all instances).", nil, nil)
)

func (w *waiting) Describe(ch chan<- *prometheus.Desc) {
	ch <- approvalsDesc
	ch <- messagesDesc
}

func (w *waiting) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), waitingTimeout)
	defer cancel()
	count := func(desc *prometheus.Desc, query string, args ...any) {
		var n int64
		if err := w.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
			// The gauge is missing from this scrape, which the operator's alert on absent()
			// sees; the database's own trouble shows in /readyz and the pool's statistics.
			return
		}
		ch <- prometheus.MustNewConstMetric(desc, prometheus.GaugeValue, float64(n))
	}
	// bookings_pending_idx and messages_unsent_idx are partial indexes on exactly these rows.
	count(approvalsDesc, `SELECT count(*) FROM bookings WHERE status = 'pending' AND starts_at > ?`, time.Now().UTC())
	count(messagesDesc, `SELECT count(*) FROM messages WHERE sent_at IS NULL`)
}
