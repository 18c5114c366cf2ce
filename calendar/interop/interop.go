// Package interop lets tests read iCalendar files with real third-party parsers, to prove
// that calendar apps see what the service meant: Mozilla's ical.js (the engine of
// Thunderbird) under Node, and python3-icalendar with python3-recurring-ical-events. Each
// expands every recurrence in a window into occurrences. Import it only from tests.
//
// It needs these installed, and fails (never skips) a test without them, saying what to do:
//
//	apt-get install nodejs npm python3-icalendar python3-recurring-ical-events
//	ical.js, pinned in package-lock.json  # installed by the tests with `npm ci` when missing
//
// Debian's Python modules are importable by /usr/bin/python3, which is tried before a
// python3 found on PATH (often a pyenv or venv one that cannot see them); INTEROP_PYTHON
// names another interpreter.
package interop

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/npmtest"
)

// EnvPython names the Python interpreter to use instead of /usr/bin/python3 or python3.
const EnvPython = "INTEROP_PYTHON"

// Occurrence is one occurrence of an event as a parser expanded it.
type Occurrence struct {
	UID        string
	Start, End time.Time // UTC; End is zero when the parser found none
	Summary    string    // unescaped by the parser
	Status     string    // upper case, "" when absent
	Sequence   int
}

// ExpandICalJS expands ics with ical.js and returns the occurrences that start in
// [from, to), sorted by start, then UID. It fails the test if Node or ical.js is missing,
// the parser rejects the file, or a time comes back floating (not placed in a zone).
func ExpandICalJS(t testing.TB, ics []byte, from, to time.Time) []Occurrence {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("interop: node not found; install Node.js with `apt-get install nodejs npm`")
	}
	if err := npmtest.Ensure(dir(), "ical.js/package.json"); err != nil {
		t.Fatalf("interop: %v", err)
	}
	return expand(t, "ical.js", ics, from, to, node, filepath.Join(dir(), "icaljs.mjs"))
}

// ExpandPython expands ics with python3-icalendar and python3-recurring-ical-events and
// returns the occurrences that start in [from, to), sorted by start, then UID. It fails the
// test if no Python can import them, the parser rejects the file, or a time is floating.
func ExpandPython(t testing.TB, ics []byte, from, to time.Time) []Occurrence {
	t.Helper()
	py, err := python()
	if err != nil {
		t.Fatalf("interop: %v; install them with `apt-get install python3-icalendar python3-recurring-ical-events` (or set %s to a python3 that has them)", err, EnvPython)
	}
	return expand(t, "python-icalendar", ics, from, to, py, filepath.Join(dir(), "expand.py"))
}

// dir is the folder of this file's source, where the scripts and node_modules are.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// python returns the first interpreter that can import both modules.
func python() (string, error) {
	candidates := []string{"/usr/bin/python3", "python3"}
	if p := os.Getenv(EnvPython); p != "" {
		candidates = []string{p}
	}
	var tried []string
	for _, c := range candidates {
		exe, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if exec.Command(exe, "-c", "import icalendar, recurring_ical_events").Run() == nil {
			return exe, nil
		}
		tried = append(tried, exe)
	}
	if len(tried) == 0 {
		return "", errors.New("no python3 found")
	}
	return "", fmt.Errorf("none of %s can import icalendar and recurring_ical_events", strings.Join(tried, ", "))
}

// jsonOccurrence is what both scripts print.
type jsonOccurrence struct {
	UID      string `json:"uid"`
	Start    string `json:"start"`
	End      string `json:"end"`
	Summary  string `json:"summary"`
	Status   string `json:"status"`
	Sequence int    `json:"sequence"`
}

func expand(t testing.TB, parser string, ics []byte, from, to time.Time, exe string, args ...string) []Occurrence {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args = append(args, from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339))
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stdin = bytes.NewReader(ics)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("interop: %s: %v\n%s", parser, err, stderr.String())
	}
	var res struct{ Occurrences []jsonOccurrence }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("interop: %s: read its output: %v\n%s", parser, err, out)
	}
	return occurrences(t, parser, res.Occurrences, from, to)
}

func occurrences(t testing.TB, parser string, in []jsonOccurrence, from, to time.Time) []Occurrence {
	t.Helper()
	var out []Occurrence
	for _, o := range in {
		start := parseUTC(t, parser, o.UID, o.Start)
		if start.Before(from) || !start.Before(to) {
			continue
		}
		out = append(out, Occurrence{
			UID: o.UID, Start: start, End: parseUTC(t, parser, o.UID, o.End),
			Summary: o.Summary, Status: o.Status, Sequence: o.Sequence,
		})
	}
	slices.SortStableFunc(out, func(a, b Occurrence) int {
		return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.UID, b.UID),
			a.End.Compare(b.End), strings.Compare(a.Summary, b.Summary))
	})
	return out
}

// parseUTC reads a time the scripts print; anything but UTC (a floating time, a date)
// means the parser did not see the zone the file meant, and fails the test.
func parseUTC(t testing.TB, parser, uid, v string) time.Time {
	t.Helper()
	if v == "" {
		return time.Time{}
	}
	at, err := time.Parse(time.RFC3339, v)
	if err != nil || at.Location() != time.UTC {
		t.Fatalf("interop: %s: event %q: time %q is not in UTC: the parser did not place it in a zone", parser, uid, v)
	}
	return at
}
