package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"
)

// Source gives the relay the changes its owner wrote in their transactions (a table of
// its own, written in the statement the change runs anyway): it removes up to limit of them
// in tx and returns their payloads, which become events of the source's topic once tx
// commits (with the jobs that compose them). So a change that happens in crowds — a
// booking request — pays one more row in its statement instead of a second statement (a
// River job of its own); the price is the relay's delay, at most the poll interval.
type Source func(ctx context.Context, tx bun.Tx, limit int) ([]any, error)

// relayBatch is how many changes one transaction of the relay takes.
const relayBatch = 500

// Relay registers src as a source of topic's events; call it before Start. Every process
// that runs Start relays; takers at the same time must get different changes (SKIP LOCKED).
func (s *Service) Relay(topic string, src Source) {
	if s.sources == nil {
		s.sources = map[string]Source{}
	}
	s.sources[topic] = src
}

// relay takes every source's changes each poll interval until ctx ends.
func (s *Service) relay(ctx context.Context) {
	tick := time.NewTicker(s.poll)
	defer tick.Stop()
	for {
		for topic, src := range s.sources {
			for {
				n, err := s.relayOnce(ctx, topic, src)
				if err != nil && ctx.Err() == nil {
					s.log.WarnContext(ctx, "relay changes", slog.String("topic", topic), slog.Any("err", err))
				}
				if err != nil || n < relayBatch {
					break
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// relayOnce turns up to relayBatch of src's changes into compose jobs, in one transaction.
func (s *Service) relayOnce(ctx context.Context, topic string, src Source) (int, error) {
	n := 0
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		payloads, err := src(ctx, tx, relayBatch)
		if err != nil || len(payloads) == 0 {
			return err
		}
		n = len(payloads)
		jobs := make([]river.InsertManyParams, len(payloads))
		for i, p := range payloads {
			b, err := json.Marshal(p)
			if err != nil {
				return fmt.Errorf("relay %s: %w", topic, err)
			}
			jobs[i] = river.InsertManyParams{Args: composeArgs{Topic: topic, Payload: b}, InsertOpts: &river.InsertOpts{Queue: queue}}
		}
		_, err = s.river.InsertManyFastTx(ctx, tx.Tx, jobs)
		return err
	})
	return n, err
}
