// Package browsertest drives Debian's headless Chromium from Go tests, with chromedp, and
// checks pages with axe-core. Import it only from _test.go files.
//
// It needs two things, and fails (never skips) a test without them:
//
//	apt-get install chromium                 # /usr/bin/chromium, or set BROWSERTEST_CHROMIUM
//	axe-core, pinned in package-lock.json    # installed by New with `npm ci` when missing
//
// One Browser is one Chromium process for a whole test; each Tab is a tab in it, and tabs
// may run in parallel.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/npmtest"
)

// EnvChromium names another Chromium binary to use than /usr/bin/chromium.
const EnvChromium = "BROWSERTEST_CHROMIUM"

// Browser is one headless Chromium.
type Browser struct {
	ctx context.Context
	axe string
}

// New starts Chromium with a fresh profile and reads axe-core; it stops Chromium when the
// test ends. It fails the test, saying how to install them, when either is missing.
func New(t testing.TB) *Browser {
	t.Helper()
	exe, err := chromiumPath()
	if err != nil {
		t.Fatalf("browsertest: %v; install Chromium with `apt-get install chromium` (or set %s)", err, EnvChromium)
	}
	if err := npmtest.Ensure(srcDir(), "axe-core/axe.min.js"); err != nil {
		t.Fatalf("browsertest: %v", err)
	}
	axe, err := os.ReadFile(axePath())
	if err != nil {
		t.Fatalf("browsertest: read axe-core: %v", err)
	}
	profile, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the process to end
		os.RemoveAll(profile)
	})
	// The first Run starts the browser; it must not run under a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: start %s: %v", exe, err)
	}
	return &Browser{ctx: ctx, axe: string(axe)}
}

func chromiumPath() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		return exec.LookPath(p)
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	return exec.LookPath("chromium")
}

// axePath is node_modules/axe-core/axe.min.js next to this file's source.
func axePath() string {
	return filepath.Join(srcDir(), "node_modules", "axe-core", "axe.min.js")
}

// srcDir is the folder of this file's source, with package-lock.json.
func srcDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Tab is one browser tab. Its methods fail the test on error.
type Tab struct {
	t   testing.TB
	ctx context.Context
	b   *Browser
}

// Tab opens a tab in its own browser context (its own cookies, like a private window),
// closed when the test ends. Each action on it may take at most 30 seconds.
func (b *Browser) Tab(t testing.TB) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("browsertest: open tab: %v", err)
	}
	return &Tab{t: t, ctx: ctx, b: b}
}

// Do runs actions in the tab.
func (tab *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tab.t.Fatalf("browsertest: %v", err)
	}
}

// Load runs actions that end in a page load (navigating, submitting a form) and returns the
// HTTP status of the page loaded.
func (tab *Tab) Load(actions ...chromedp.Action[chromedp.Void]) int {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		tab.t.Fatalf("browsertest: %v", err)
	}
	return statusOf(resp)
}

func statusOf(resp *network.Response) int {
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Eval evaluates a JavaScript expression and decodes its value into out.
func (tab *Tab) Eval(expr string, out any) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, awaitPromise))
	if err != nil {
		tab.t.Fatalf("browsertest: evaluate: %v", err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			tab.t.Fatalf("browsertest: decode %s: %v", raw, err)
		}
	}
}

func awaitPromise(p *cdpruntime.EvaluateParams) { p.AwaitPromise = new(true) }

// Viewport sets the size of the page area, as a phone (mobile) or a desktop browser.
func (tab *Tab) Viewport(width, height int64, mobile bool) {
	tab.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	tab.Do(chromedp.EmulateViewport(width, height, opts...))
}

// Screenshot saves the whole page as a PNG file.
func (tab *Tab) Screenshot(path string) {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tab.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		tab.t.Fatal(err)
	}
}

// HorizontalOverflow returns by how many CSS pixels the page is wider than the viewport
// (0 when nothing scrolls sideways).
func (tab *Tab) HorizontalOverflow() int {
	tab.t.Helper()
	var n int
	tab.Eval(`Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)`, &n)
	return n
}

// Violation is one failed axe rule with the elements that fail it.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    - %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return b.String()
}

// WCAG21AA are the axe tags of WCAG 2.1 level A and AA.
var WCAG21AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Axe runs axe-core on the page with the rules of the given tags and returns its violations.
func (tab *Tab) Axe(tags ...string) []Violation {
	tab.t.Helper()
	// Evaluated through the DevTools protocol, axe is not subject to the page's CSP.
	var missing bool
	tab.Eval(`typeof axe === "undefined"`, &missing)
	if missing {
		tab.Eval(tab.b.axe+"\n;true", nil)
	}
	opts, _ := json.Marshal(map[string]any{
		"runOnly":     map[string]any{"type": "tag", "values": tags},
		"resultTypes": []string{"violations"},
	})
	var vs []Violation
	tab.Eval(`axe.run(document, `+string(opts)+`).then(r => r.violations)`, &vs)
	return vs
}

// AssertAccessible fails the test with every WCAG 2.1 AA violation axe finds on the page.
func (tab *Tab) AssertAccessible(name string) {
	tab.t.Helper()
	vs := tab.Axe(WCAG21AA...)
	if len(vs) == 0 {
		return
	}
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = v.String()
	}
	tab.t.Errorf("%s: %d axe violations (WCAG 2.1 AA):\n  %s", name, len(vs), strings.Join(lines, "\n  "))
}
