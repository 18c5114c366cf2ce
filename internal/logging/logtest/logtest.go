// Package logtest reads what a JSON slog handler wrote, for tests that assert on the log.
package logtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// Lines parses every line of a JSON log into a map and fails the test when a line is not a
// JSON object or names a key twice at any depth: encoding/json would silently keep the last
// value, but log stores such as OpenSearch reject the whole line.
func Lines(tb testing.TB, log []byte) []map[string]any {
	tb.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := CheckKeys(line); err != nil {
			tb.Errorf("log line %s: %v", line, err)
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			tb.Fatalf("log line %s: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// CheckKeys walks one JSON value token by token and returns an error naming the first key
// that an object holds twice.
func CheckKeys(value []byte) error {
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber()
	if err := walk(dec); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("more than one JSON value")
	}
	return nil
}

// walk consumes one value from dec.
func walk(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			key := k.(string)
			if seen[key] {
				return fmt.Errorf("key %q twice", key)
			}
			seen[key] = true
			if err := walk(dec); err != nil {
				return err
			}
		}
		_, err = dec.Token() // '}'
		return err
	case json.Delim('['):
		for dec.More() {
			if err := walk(dec); err != nil {
				return err
			}
		}
		_, err = dec.Token() // ']'
		return err
	}
	return nil
}
