package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/uptrace/bun"
	gomail "github.com/wneessen/go-mail"
)

// deliverWorker is River's worker for deliverArgs.
type deliverWorker struct {
	river.WorkerDefaults[deliverArgs]
	s *Service
}

// Work sends one message and marks it sent in the transaction that completes its job, so that
// a job that ran to the end is never run again. What cannot be made atomic is the SMTP
// server's acceptance and that commit: a process killed between the two leaves the job
// running, River runs it again after RescueAfter, and the message goes out a second time
// with the same Message-ID (receiving systems and people can tell it is the same message).
// A message already marked sent is not sent again, whatever job asks.
func (w *deliverWorker) Work(ctx context.Context, job *river.Job[deliverArgs]) error {
	s := w.s
	if s.mailer == nil {
		// SMTP was configured when the job was made and is not now: keep the message, and
		// try again later (a restart with SMTP will find the job).
		return river.JobSnooze(time.Hour)
	}
	var r Record
	err := s.db.NewSelect().Model(&r).Where("id = ?", job.Args.MessageID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return river.JobCancel(fmt.Errorf("message %d no longer exists", job.Args.MessageID))
	}
	if err != nil {
		return err
	}
	if !r.SentAt.IsZero() {
		return nil
	}
	msg, err := s.mailer.compose(r)
	if err != nil {
		return river.JobCancel(s.failed(ctx, r.ID, err))
	}
	if err := s.mailer.send(ctx, msg); err != nil {
		var se *gomail.SendError
		if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 {
			// The server refused for good (no such mailbox, message refused): retrying
			// cannot help.
			return river.JobCancel(s.failed(ctx, r.ID, err))
		}
		return s.failed(ctx, r.ID, err)
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model((*Record)(nil)).
			Set("sent_at = ?", s.now()).Set("attempts = attempts + 1").Set("last_error = ''").
			// The kept copy no longer needs the links' secrets (secret.go).
			Set("text_body = ?", Redact(r.TextBody)).Set("html_body = ?", Redact(r.HTMLBody)).
			Where("id = ?", r.ID).Where("sent_at IS NULL").Exec(ctx)
		if err != nil {
			return fmt.Errorf("mark message %d sent: %w", r.ID, err)
		}
		_, err = river.JobCompleteTx[*riverdatabasesql.Driver](ctx, tx.Tx, job)
		return err
	})
	if err == nil && s.onSent != nil {
		s.onSent()
	}
	return err
}

// failed records a failed attempt on the message and returns err for River.
func (s *Service) failed(ctx context.Context, id int64, err error) error {
	// An SMTP server's answer may quote the address: log only its codes.
	var se *gomail.SendError
	if errors.As(err, &se) {
		s.log.WarnContext(ctx, "mail delivery failed", slog.Int64("message_id", id),
			slog.Int("smtp_code", se.ErrorCode()), slog.String("smtp_status", se.EnhancedStatusCode()), slog.Bool("temporary", se.IsTemp()))
	} else {
		s.log.WarnContext(ctx, "mail delivery failed", slog.Int64("message_id", id), slog.Any("err", err))
	}
	msg := err.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	_, uerr := s.db.NewUpdate().Model((*Record)(nil)).
		Set("attempts = attempts + 1").Set("last_error = ?", msg).
		Where("id = ?", id).Exec(context.WithoutCancel(ctx))
	if uerr != nil {
		s.log.WarnContext(ctx, "record mail failure", slog.Int64("message_id", id), slog.Any("err", uerr))
	}
	return err
}
