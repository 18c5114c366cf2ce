package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/uptrace/bun"
)

// A change that people are to be told about is published inside its own transaction
// (Publish): one small job, so that the change stays cheap and rendering stays out of its
// transaction. The job's composer (Handle) then reads what the messages need, decides the
// recipients and enqueues the messages, in one transaction that also completes the job: a
// change published is composed exactly once, and its messages exist exactly once.

// Event is a published change as its composer gets it.
type Event struct {
	// ID is unique per event and stable across retries of its composition: message keys
	// are made of it.
	ID      int64
	Topic   string
	Payload json.RawMessage
	// At is when the change was published.
	At time.Time
}

// Composer returns the messages an event causes, reading what it needs in tx (the
// transaction that will enqueue them). It may return none. An error of ErrGone drops the
// event (what it was about no longer exists); any other is retried with backoff.
type Composer func(ctx context.Context, tx bun.Tx, ev Event) ([]Message, error)

// ErrGone, returned by a Composer, drops its event for good.
var ErrGone = errors.New("notify: the event's subject is gone")

// composeArgs is the job of one published change.
type composeArgs struct {
	Topic   string          `json:"topic"`
	Payload json.RawMessage `json:"payload"`
}

// Kind names the job in River's table.
func (composeArgs) Kind() string { return "notify_compose" }

// Handle registers the composer of topic's events; call it before Start.
func (s *Service) Handle(topic string, c Composer) {
	if s.composers == nil {
		s.composers = map[string]Composer{}
	}
	s.composers[topic] = c
}

// Publish records, in tx (the change's transaction), that the change payload of topic is to
// be told: it commits or rolls back with the change. payload is stored as JSON.
func (s *Service) Publish(ctx context.Context, tx bun.Tx, topic string, payload any) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("publish %s: %w", topic, err)
	}
	_, err = s.river.InsertTx(ctx, tx.Tx, composeArgs{Topic: topic, Payload: b}, &river.InsertOpts{Queue: queue})
	if err != nil {
		return fmt.Errorf("publish %s: %w", topic, err)
	}
	return nil
}

// composeWorker is River's worker for composeArgs.
type composeWorker struct {
	river.WorkerDefaults[composeArgs]
	s *Service
}

func (w *composeWorker) Work(ctx context.Context, job *river.Job[composeArgs]) error {
	c, ok := w.s.composers[job.Args.Topic]
	if !ok {
		return river.JobCancel(fmt.Errorf("no composer for topic %q", job.Args.Topic))
	}
	ev := Event{ID: job.ID, Topic: job.Args.Topic, Payload: job.Args.Payload, At: job.CreatedAt}
	err := w.s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		msgs, err := c(ctx, tx, ev)
		if err != nil {
			return err
		}
		if err := w.s.Enqueue(ctx, tx, msgs...); err != nil {
			return err
		}
		_, err = river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx.Tx, job)
		return err
	})
	if errors.Is(err, ErrGone) {
		return river.JobCancel(err)
	}
	return err
}
