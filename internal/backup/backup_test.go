package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/backup"
	"github.com/borasstad/lokalbanken/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// The daily dumps: one when none is younger than 23 hours, the newest Keep kept, no partial
// files left. (internal/deploy TestBackupRestore restores a dump and compares every row.)
func TestDaily(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	d := backup.Daily{Dir: filepath.Join(t.TempDir(), "backups"), Keep: 2, URL: dbtest.NewURL(t), Now: func() time.Time { return now }}
	var written []string
	for _, step := range []struct {
		after time.Duration
		due   bool
	}{{0, true}, {time.Hour, false}, {21 * time.Hour, false}, {time.Hour, true}, {30 * time.Hour, true}, {time.Minute, false}} {
		now = now.Add(step.after)
		name, err := d.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if (name != "") != step.due {
			t.Fatalf("at %s: wrote %q, due %t", now, name, step.due)
		}
		if name != "" {
			written = append(written, filepath.Base(name))
		}
	}
	entries, err := os.ReadDir(d.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if len(written) != 3 || len(left) != 2 || left[0] != written[1] || left[1] != written[2] {
		t.Errorf("written %v, left %v", written, left)
	}
	if fi, err := os.Stat(filepath.Join(d.Dir, left[1])); err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("%v %v", fi, err)
	}
}
