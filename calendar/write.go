package calendar

import (
	"fmt"
	"slices"
	"strings"

	ical "github.com/emersion/go-ical"
)

// componentWriter writes a go-ical component tree exactly as go-ical's Encoder lays it out
// — BEGIN, the properties sorted by name, the children, END; parameters sorted by name and
// quoted when they hold ; : or , — but folded, and straight into one buffered writer. go-ical's
// Encoder allocates a buffer for every property, which made it most of the cost of a large
// feed; TestWriterMatchesGoICal holds the two to the same bytes.
type componentWriter struct {
	f     folder
	names []string // reused for sorting
}

func (w *componentWriter) component(c *ical.Component) error {
	w.line("BEGIN", c.Name)
	w.names = w.names[:0]
	for name := range c.Props {
		w.names = append(w.names, name)
	}
	slices.Sort(w.names)
	for _, name := range w.names {
		for i := range c.Props[name] {
			if err := w.prop(&c.Props[name][i]); err != nil {
				return err
			}
		}
	}
	for _, child := range c.Children {
		if err := w.component(child); err != nil {
			return err
		}
	}
	w.line("END", c.Name)
	return w.f.err
}

func (w *componentWriter) line(name, value string) {
	w.f.writeString(name)
	w.f.writeString(":")
	w.f.writeString(value)
	w.f.writeString("\r\n")
}

func (w *componentWriter) prop(p *ical.Prop) error {
	if hasLineBreak(p.Value) {
		return fmt.Errorf("%w: property %s: value has a line break", ErrInvalid, p.Name)
	}
	w.f.writeString(p.Name)
	if err := w.params(p.Params); err != nil {
		return fmt.Errorf("%w: property %s: %v", ErrInvalid, p.Name, err)
	}
	w.line("", p.Value)
	return nil
}

func (w *componentWriter) params(params ical.Params) error {
	if len(params) == 0 {
		return nil
	}
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w.f.writeString(";")
		w.f.writeString(name)
		w.f.writeString("=")
		for i, v := range params[name] {
			if hasLineBreak(v) || strings.IndexByte(v, '"') >= 0 {
				return fmt.Errorf("parameter %s: value has a double quote or a line break", name)
			}
			if i > 0 {
				w.f.writeString(",")
			}
			if strings.ContainsAny(v, ";:,") {
				v = `"` + v + `"`
			}
			w.f.writeString(v)
		}
	}
	return nil
}

// hasLineBreak is strings.ContainsAny(s, "\r\n"), but faster on the many short values of a
// large feed.
func hasLineBreak(s string) bool {
	return strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0
}
