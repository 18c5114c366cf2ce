package webui

import (
	"fmt"
	"html/template"
	"strings"
)

// barChart is a horizontal bar chart of one or two series per category, drawn on the server
// as SVG (no JavaScript). It is decoration for sighted readers: the page shows the same
// figures in a table beside it, so the SVG is hidden from screen readers.
type barChart struct {
	Labels []string    // one per category
	Series []barSeries // one or two
}

type barSeries struct {
	Name   string
	Values []float64
	Class  string // chart__bar--this or chart__bar--last
}

// svg draws the chart; format writes a value as the page does.
func (c barChart) svg(format func(float64) string) template.HTML {
	const (
		width, labelW, gap = 720, 260, 8
		barH, pad          = 14, 10
	)
	maxV := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	rowH := len(c.Series)*barH + 2*pad
	legendH := 28
	height := legendH + len(c.Labels)*rowH
	plotW := float64(width - labelW - 80)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">`, width, height)
	x := labelW
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<rect class="%s" x="%d" y="6" width="14" height="14"/><text class="chart__text" x="%d" y="18">%s</text>`,
			s.Class, x, x+20, template.HTMLEscapeString(s.Name))
		x += 20 + 9*len([]rune(s.Name)) + 24
	}
	for i, label := range c.Labels {
		y := legendH + i*rowH
		fmt.Fprintf(&b, `<text class="chart__text" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-gap, y+rowH/2+5,
			template.HTMLEscapeString(clip(label, 34)))
		for j, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			w := plotW * v / maxV
			by := y + pad + j*barH
			fmt.Fprintf(&b, `<rect class="%s" x="%d" y="%d" width="%.1f" height="%d"/>`, s.Class, labelW, by, w, barH-2)
			fmt.Fprintf(&b, `<text class="chart__text chart__value" x="%.1f" y="%d">%s</text>`, float64(labelW)+w+4, by+barH-3,
				template.HTMLEscapeString(format(v)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
