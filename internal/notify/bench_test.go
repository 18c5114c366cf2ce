package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// BenchmarkDeliver10k queues 10 000 messages (with their delivery jobs), then starts the
// workers and times until the loopback SMTP server (in the same process) has accepted all of
// them; it reports messages per second. Each message is its own job, SMTP transaction and
// commit that marks it sent.
//
// Run with: go test ./internal/notify -run '^$' -bench Deliver10k -benchtime 1x
func BenchmarkDeliver10k(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	b.StopTimer()
	for range b.N {
		db := dbtest.New(b)
		srv := mailtest.Start(b, mailtest.Options{})
		s, err := notify.New(notify.Options{DB: db, BaseURL: base, SMTPURL: srv.URL, From: "lokalbanken@example.org",
			PollInterval: 50 * time.Millisecond, Workers: 8})
		if err != nil {
			b.Fatal(err)
		}
		queued := time.Now()
		for i := 0; i < n; i += 500 {
			err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				msgs := make([]notify.Message, 0, 500)
				for j := i; j < i+500; j++ {
					msgs = append(msgs, message(fmt.Sprintf("bench:%d", j), fmt.Sprintf("person%d@example.org", j)))
				}
				return s.Enqueue(ctx, tx, msgs...)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		b.Logf("queued in %v", start.Sub(queued).Round(time.Millisecond))
		if err := s.Start(ctx); err != nil {
			b.Fatal(err)
		}
		srv.Wait(b, n, 10*time.Minute)
		elapsed := time.Since(start)
		b.StopTimer()
		b.ReportMetric(n/elapsed.Seconds(), "messages/s")
		stop, cancel := context.WithTimeout(ctx, time.Minute)
		if err := s.Stop(stop); err != nil {
			b.Error(err)
		}
		cancel()
	}
}
