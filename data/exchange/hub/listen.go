package hub

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// notifyChannel is the channel on which every pushed batch is announced
// (LISTEN/NOTIFY), with the pushing device's id as the payload.
const notifyChannel = "tiscdesk_pushed"

// Listener hears the hub announce other machines' pushes, on a connection
// of its own, so that a machine that is online pulls them at once.
type Listener struct {
	conn *pgx.Conn
	self string
}

// Listen connects to the hub at rawURL to hear what others push; self is
// this machine's device id, whose own pushes it does not report. The
// errors are Open's.
func Listen(ctx context.Context, rawURL, self string) (*Listener, error) {
	h, err := Open(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	if _, err := h.conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
		h.Close()
		return nil, connectError(h.conn.Config().Host, err)
	}
	return &Listener{conn: h.conn, self: self}, nil
}

// Wait waits for another machine's push, at most d. It returns true when
// one was announced, false when d passed, and an error when the
// connection failed or ctx ended; a failed Listener is to be closed.
func (l *Listener) Wait(ctx context.Context, d time.Duration) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	for {
		n, err := l.conn.WaitForNotification(ctx)
		switch {
		case err == nil:
			if n.Payload != l.self {
				return true, nil
			}
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return false, nil
		default:
			return false, err
		}
	}
}

// Close closes the listening connection.
func (l *Listener) Close() error { return l.conn.Close(context.Background()) }
