// Package web holds the page templates and static files (style sheet, icons), embedded in
// the binary. internal/webui parses the templates and serves the static files.
package web

import (
	"embed"
	"io/fs"
)

//go:embed templates
var templates embed.FS

//go:embed static
var static embed.FS

// Templates holds layout.html, partials/*.html and pages/*.html.
var Templates = sub(templates, "templates")

// Static holds the files served under /static/ (style.css, favicon.svg, ...).
var Static = sub(static, "static")

// sub roots fsys at dir; dir is a literal embedded above, so failure is a build mistake.
func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic("web: " + err.Error())
	}
	return s
}
