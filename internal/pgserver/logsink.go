package pgserver

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// The cluster's log is bounded: postgres.log grows to maxLogSize, then becomes
// postgres.log.1 (the older ones move up to .2, …), and at most logFiles files are kept.
const (
	maxLogSize = 10 << 20
	logFiles   = 3 // postgres.log, .1, .2: at most 30 MB
	tailSize   = 16 << 10
)

// logSink is where postgres's output goes: the file postgres.log in the data folder,
// rotated by size, and the last few kilobytes in memory, so that a failed start can quote
// them. postgres writes into a pipe that we read (see launch), so the rotation needs no
// help from it, and its own logging collector stays off.
type logSink struct {
	path    string
	max     int64
	keep    int
	mu      sync.Mutex
	f       *os.File
	size    int64
	written int64  // bytes written in all, for marks
	tail    []byte // the last tailSize bytes written
}

func openLogSink(path string, max int64, keep int) (*logSink, error) {
	l := &logSink{path: path, max: max, keep: keep}
	if err := l.open(); err != nil {
		return nil, err
	}
	if l.size >= l.max {
		if err := l.rotate(); err != nil {
			l.f.Close()
			return nil, err
		}
	}
	return l, nil
}

func (l *logSink) open() error {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("postgres log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("postgres log: %w", err)
	}
	l.f, l.size = f, fi.Size()
	return nil
}

// rotate moves postgres.log to .1 (and .1 to .2, …, dropping the oldest) and starts a new one.
func (l *logSink) rotate() error {
	l.f.Close()
	_ = os.Remove(l.path + "." + strconv.Itoa(l.keep-1))
	for i := l.keep - 2; i >= 1; i-- {
		_ = os.Rename(l.path+"."+strconv.Itoa(i), l.path+"."+strconv.Itoa(i+1))
	}
	if l.keep > 1 {
		_ = os.Rename(l.path, l.path+".1")
	} else {
		_ = os.Remove(l.path)
	}
	return l.open()
}

// Write appends p, rotating first when p would take the file over its size. It never
// fails: losing log lines is better than stopping postgres, whose writes into the pipe would
// block if nobody read it.
func (l *logSink) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f != nil && l.size > 0 && l.size+int64(len(p)) > l.max {
		if err := l.rotate(); err != nil {
			l.f = nil
		}
	}
	if l.f != nil {
		n, _ := l.f.Write(p)
		l.size += int64(n)
	}
	l.written += int64(len(p))
	l.tail = append(l.tail, p...)
	if len(l.tail) > tailSize {
		l.tail = append(l.tail[:0:0], l.tail[len(l.tail)-tailSize:]...)
	}
	return len(p), nil
}

// mark returns a position from which since reads.
func (l *logSink) mark() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.written
}

// since returns what was written after mark, as far as the memory tail holds it.
func (l *logSink) since(mark int64) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.written - mark
	if n > int64(len(l.tail)) {
		n = int64(len(l.tail))
	}
	return string(l.tail[int64(len(l.tail))-n:])
}

func (l *logSink) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
