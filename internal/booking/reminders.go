package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// ReminderLeadMax is the longest lead time a person may choose for reminders: how far ahead
// RemindDue looks.
const ReminderLeadMax = 2 * 24 * time.Hour

// Reminder is a booking to remind the person who made it of, now that its start is within
// their lead time.
type Reminder struct {
	BookingID int64     `bun:"booking_id"`
	Title     string    `bun:"title"`
	StartsAt  time.Time `bun:"starts_at"`
	EndsAt    time.Time `bun:"ends_at"`
	RoomName  string    `bun:"room_name"`
	VenueName string    `bun:"venue_name"`
	UserID    int64     `bun:"user_id"`
	Email     string    `bun:"email"`
	Name      string    `bun:"name"`
	Lang      string    `bun:"lang"`
}

// ReminderMailer puts a reminder into the outbox, in tx.
type ReminderMailer interface {
	BookingReminder(ctx context.Context, tx bun.IDB, r Reminder) error
}

// RemindDue reminds the people who chose a lead time (users.reminder_minutes) of each
// confirmed booking they made that starts within it, and returns how many reminders it
// decided. It runs on a timer in every instance: a booking's start is told once per person,
// because the outbox keeps one message per key and recipient (a moved booking is told again,
// at its new time). Each occurrence of a series is a booking of its own.
func (s *Service) RemindDue(ctx context.Context, m ReminderMailer) (int, error) {
	now := s.now()
	var n int
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []Reminder
		err := tx.NewRaw(`SELECT b.id AS booking_id, b.title, b.starts_at, b.ends_at, r.name AS room_name, v.name AS venue_name,
				u.id AS user_id, u.email, u.name, u.lang
			FROM bookings b
			JOIN users u ON u.id = b.created_by
			JOIN rooms r ON r.id = b.room_id
			JOIN venues v ON v.id = r.venue_id
			WHERE b.span && tstzrange(?0::timestamptz, ?1::timestamptz, '[)') AND b.status = 'confirmed'
				AND u.reminder_minutes IS NOT NULL AND NOT ('booking.reminder' = ANY(u.mail_off))
				AND b.starts_at > ?0::timestamptz AND b.starts_at <= ?0::timestamptz + make_interval(mins => u.reminder_minutes)
			ORDER BY b.starts_at, b.id`, now, now.Add(ReminderLeadMax)).Scan(ctx, &rows)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := m.BookingReminder(ctx, tx, r); err != nil {
				return err
			}
		}
		n = len(rows)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("remind of bookings: %w", err)
	}
	return n, nil
}
