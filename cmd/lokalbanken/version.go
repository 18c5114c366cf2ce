package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release, set when building:
// go build -ldflags "-X main.version=1.2.0" ./cmd/lokalbanken (the Dockerfile does). Empty,
// the module's version is shown: "(devel)" in a checkout, the tag after go install …@v1.2.0.
var version string

// versionText is what `lokalbanken --version` prints: the release, the commit and time of
// the source when Go recorded them (a build in a git checkout), the Go version and platform.
func versionText() string {
	v, extra := version, ""
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return fmt.Sprintf("lokalbanken %s (%s %s/%s)\n", orDevel(v), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	}
	if v == "" {
		v = info.Main.Version
	}
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" {
		extra = fmt.Sprintf(", commit %.12s %s%s", rev, at, modified)
	}
	return fmt.Sprintf("lokalbanken %s (%s %s/%s%s)\n", orDevel(v), info.GoVersion, runtime.GOOS, runtime.GOARCH, extra)
}

func orDevel(v string) string {
	if v == "" {
		return "(devel)"
	}
	return v
}
