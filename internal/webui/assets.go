package webui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
)

// asset is one static file, held in memory (they are few and small).
type asset struct {
	name        string // path in web/static, e.g. "style.css"
	urlName     string // with the fingerprint, e.g. "style.3f2a9c1b.css"
	hash        string
	contentType string
	data        []byte
}

// assets are the static files by their plain and their fingerprinted names.
type assets struct {
	byName    map[string]*asset
	byURLName map[string]*asset
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byURLName: map[string]*asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:4])
		ext := path.Ext(name)
		f := &asset{
			name:        name,
			urlName:     strings.TrimSuffix(name, ext) + "." + hash + ext,
			hash:        hash,
			contentType: contentType(ext),
			data:        data,
		}
		a.byName[name], a.byURLName[f.urlName] = f, f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("webui: read static files: %w", err)
	}
	return a, nil
}

// url returns the path a page links to for the static file name; an unknown name fails the
// page's rendering, so a typo in a template is caught by the tests that render every page.
func (a *assets) url(name string) (string, error) {
	f, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + f.urlName, nil
}

func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
