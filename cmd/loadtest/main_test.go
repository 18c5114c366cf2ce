package main

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestLoadSmall runs the whole load test at a small size: it builds and starts the real
// service, seeds 2 000 bookings and runs every phase for 300 ms. run fails when a phase
// answers with a status it should not (a creation other than 201/409, a feed other than its
// 200 or 304, a search other than 200) or finishes no request.
func TestLoadSmall(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build the service with")
	}
	var out, log bytes.Buffer
	err := run(context.Background(), []string{"-bookings", "2000", "-rooms", "20", "-duration", "300ms", "-clients", "2,8"}, &out, &log)
	t.Logf("progress:\n%s", log.String())
	t.Logf("report:\n%s", out.String())
	if err != nil {
		t.Fatal(err)
	}
	report := out.String()
	if !strings.Contains(report, "load test: 2000 bookings in 20 rooms, 4 venues") {
		t.Error("the report does not say 2000 bookings in 20 rooms and 4 venues")
	}
	for _, phase := range []string{"create booking (API)", "plain INSERT (SQL)", "room feed 200", "room feed 304",
		"venue feed 200", "venue feed 304", "window search", "term search (15 Tuesdays)"} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(phase) + `\s+\d+\s+[1-9]\d*\s`).MatchString(report) {
			t.Errorf("no row with requests for %q", phase)
		}
	}
	// The creation phases book days the searches do not look at: every room is free.
	for _, s := range []string{"window search", "term search (15 Tuesdays)"} {
		if !strings.Contains(report, s+": 20 rooms found") {
			t.Errorf("%s did not find the 20 rooms", s)
		}
	}
	for _, c := range []string{"2", "8"} {
		if !regexp.MustCompile(`API / plain INSERT at ` + c + ` clients: \d+\.\d\d`).MatchString(report) {
			t.Errorf("no API / plain ratio at %s clients", c)
		}
	}
}
