package pgserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The log is bounded: however much postgres writes, at most keep files of about max bytes.
func TestLogSinkRotates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "postgres.log")
	l, err := openLogSink(path, 1000, 3)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 99) + "\n"
	mark := l.mark()
	for i := 0; i < 500; i++ {
		if _, err := l.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > 1000 {
			t.Errorf("%s: %d bytes, more than 1000", e.Name(), fi.Size())
		}
	}
	if strings.Join(names, " ") != "postgres.log postgres.log.1 postgres.log.2" {
		t.Errorf("files: %v, want postgres.log, .1 and .2", names)
	}
	if got := l.since(mark); len(got) != tailSize || !strings.HasSuffix(got, line) {
		t.Errorf("since(mark): %d bytes, want the last %d", len(got), tailSize)
	}

	// A large log from before is moved aside at start.
	if err := os.WriteFile(path, []byte(strings.Repeat(line, 20)), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err = openLogSink(path, 1000, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("after start over a full log: %v, %v", fi, err)
	}
}
