package report

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/breachkit/breachkit"
	"github.com/breachkit/breachkit/gazetteer"
)

// The charts are SVG written here, inline in the page: they need no
// script to show and they print. Every text is escaped with esc.

func esc(s string) string { return html.EscapeString(s) }

// num formats n with thousands separators: 15,000,000.
func num(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// compact formats n briefly for small spaces: 950, 12K, 1.2M.
func compact(n int64) string {
	f := float64(n)
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10)
	case n < 10_000:
		return trimZero(fmt.Sprintf("%.1f", f/1e3)) + "K"
	case n < 1_000_000:
		return fmt.Sprintf("%.0fK", math.Floor(f/1e3))
	case n < 10_000_000:
		return trimZero(fmt.Sprintf("%.1f", f/1e6)) + "M"
	default:
		return fmt.Sprintf("%.0fM", math.Floor(f/1e6))
	}
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// pct formats part/whole as a percentage with one decimal.
func pct(part, whole int64) string {
	if whole <= 0 {
		return "–"
	}
	p := 100 * float64(part) / float64(whole)
	if p > 0 && p < 0.1 {
		return "<0.1%"
	}
	return fmt.Sprintf("%.1f%%", p)
}

// bar is one row of a bar chart.
type bar struct {
	Label string
	Value int64
	Note  string // tooltip
}

// barChart draws horizontal bars with their labels and values. total, if
// positive, adds the share of each bar to its value.
func barChart(title string, bars []bar, total int64) template.HTML {
	if len(bars) == 0 {
		return template.HTML(`<p class="empty">No data.</p>`)
	}
	const width, rowH, barH, valueW = 760, 26, 18, 150
	labelW := 0
	for _, b := range bars {
		labelW = max(labelW, len(b.Label))
	}
	labelW = min(max(labelW*7+12, 80), 330)
	plotW := width - labelW - valueW
	var maxV int64 = 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	h := len(bars)*rowH + 8
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart bars" role="img" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" aria-label="%s">`,
		width, h, width, esc(title))
	fmt.Fprintf(&s, `<title>%s</title>`, esc(title))
	for i, b := range bars {
		y := 4 + i*rowH
		w := int(math.Round(float64(plotW) * float64(b.Value) / float64(maxV)))
		if b.Value > 0 {
			w = max(w, 2)
		}
		label := b.Label
		if len(label)*7+12 > labelW {
			label = label[:max((labelW-12)/7-1, 1)] + "…"
		}
		note := b.Note
		if note == "" {
			note = b.Label + ": " + num(b.Value)
		}
		val := num(b.Value)
		if total > 0 {
			val += " (" + pct(b.Value, total) + ")"
		}
		fmt.Fprintf(&s, `<g><title>%s</title>`, esc(note))
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="end" class="lbl">%s</text>`, labelW-8, y+barH-4, esc(label))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" rx="2" class="bar"/>`, labelW, y, w, barH)
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="val">%s</text></g>`, labelW+w+6, y+barH-4, esc(val))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// The sequential palette of the map, light to dark, and the colour of
// zero.
var (
	mapPalette = []string{"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}
	mapZero    = "#f0f1f3"
)

// scale bins counts for the map: breaks[i] is the lowest count of bin i.
type scale struct{ breaks []int64 }

// newScale makes up to len(mapPalette) bins from the non-zero values,
// each holding about as many states as the next, with round lower bounds
// so that the legend reads easily.
func newScale(values []int64) scale {
	var v []int64
	for _, x := range values {
		if x > 0 {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return scale{}
	}
	slices.Sort(v)
	n := len(mapPalette)
	breaks := []int64{1}
	for i := 1; i < n; i++ {
		b := roundNice(float64(v[len(v)*i/n]))
		if b > breaks[len(breaks)-1] && b <= v[len(v)-1] {
			breaks = append(breaks, b)
		}
	}
	return scale{breaks}
}

// roundNice rounds v to 1, 2 or 5 times a power of ten.
func roundNice(v float64) int64 {
	if v < 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	m := v / p
	switch {
	case m < 1.5:
		m = 1
	case m < 3.5:
		m = 2
	case m < 7.5:
		m = 5
	default:
		m = 10
	}
	return int64(m * p)
}

// bin returns the bin of v, or -1 for zero.
func (s scale) bin(v int64) int {
	if v <= 0 || len(s.breaks) == 0 {
		return -1
	}
	b := 0
	for i, lo := range s.breaks {
		if v >= lo {
			b = i
		}
	}
	return b
}

// colour returns the fill of v and whether text on it should be light.
func (s scale) colour(v int64) (string, bool) {
	b := s.bin(v)
	if b < 0 {
		return mapZero, false
	}
	// Spread fewer bins over the whole palette.
	i := b
	if len(s.breaks) < len(mapPalette) && len(s.breaks) > 1 {
		i = b * (len(mapPalette) - 1) / (len(s.breaks) - 1)
	}
	return mapPalette[i], i >= 3
}

// tileMap draws the US tile-grid map coloured by the number of affected
// residents, with its legend.
func tileMap(byJur map[string]int64) template.HTML {
	const tile, gap, cols, rows = 50, 4, 12, 9
	var values []int64
	for _, st := range gazetteer.States() {
		values = append(values, byJur[st.Code])
	}
	sc := newScale(values)
	w, h := cols*(tile+gap), rows*(tile+gap)+64
	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart map" role="img" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" aria-label="Affected residents by US state and territory">`, w, h, w)
	s.WriteString(`<title>Affected residents by US state and territory</title>`)
	for _, st := range gazetteer.States() {
		pos, ok := tilePos[st.Abbr]
		if !ok {
			continue
		}
		v := byJur[st.Code]
		fill, light := sc.colour(v)
		x, y := pos[0]*(tile+gap), pos[1]*(tile+gap)
		cls := "tile"
		if light {
			cls += " light"
		}
		fmt.Fprintf(&s, `<g class="%s"><title>%s: %s %s</title>`, cls, esc(st.Name), num(v), plural(v, "person", "people"))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s"/>`, x, y, tile, tile, fill)
		fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="ab">%s</text>`, x+tile/2, y+21, st.Abbr)
		if v > 0 {
			fmt.Fprintf(&s, `<text x="%d" y="%d" text-anchor="middle" class="n">%s</text>`, x+tile/2, y+38, compact(v))
		}
		s.WriteString(`</g>`)
	}
	// The legend, under the grid.
	ly := rows*(tile+gap) + 14
	fmt.Fprintf(&s, `<text x="0" y="%d" class="lgt">People per state or territory</text>`, ly)
	items := []struct {
		fill, label string
	}{{mapZero, "0"}}
	for i, lo := range sc.breaks {
		label := num(lo) + "+"
		if i+1 < len(sc.breaks) {
			if hi := sc.breaks[i+1] - 1; hi == lo {
				label = num(lo)
			} else {
				label = num(lo) + "–" + num(hi)
			}
		}
		fill, _ := sc.colour(lo)
		items = append(items, struct{ fill, label string }{fill, label})
	}
	x := 0
	for _, it := range items {
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="22" height="16" rx="3" fill="%s" stroke="#c5c9cf"/>`, x, ly+10, it.fill)
		fmt.Fprintf(&s, `<text x="%d" y="%d" class="lg">%s</text>`, x+28, ly+23, esc(it.label))
		x += 28 + len(it.label)*7 + 18
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// dutyOrder is the order of the timeline's lanes.
var dutyOrder = []breachkit.Duty{breachkit.DutyIndividuals, breachkit.DutySubstituteNotice,
	breachkit.DutyRegulator, breachkit.DutySupervisory, breachkit.DutyCRA, breachkit.DutyMedia,
	breachkit.DutyFTC, breachkit.DutySEC8K, breachkit.DutyCoveredEntity, breachkit.DutyDataOwner}

// dutyLabels name the duties for the reader.
var dutyLabels = map[breachkit.Duty]string{
	breachkit.DutyIndividuals:      "Individuals",
	breachkit.DutySubstituteNotice: "Substitute notice",
	breachkit.DutyRegulator:        "Regulators",
	breachkit.DutySupervisory:      "Supervisory authority",
	breachkit.DutyCRA:              "Credit bureaus",
	breachkit.DutyMedia:            "Media",
	breachkit.DutyFTC:              "FTC",
	breachkit.DutySEC8K:            "SEC Form 8-K",
	breachkit.DutyCoveredEntity:    "Covered entity",
	breachkit.DutyDataOwner:        "Data owner",
}

func dutyLabel(d breachkit.Duty) string {
	if l, ok := dutyLabels[d]; ok {
		return l
	}
	return string(d)
}

// urgency classes an obligation by the days left: overdue, soon (a week
// or less) or later.
func urgency(daysLeft int) string {
	switch {
	case daysLeft < 0:
		return "overdue"
	case daysLeft <= 7:
		return "soon"
	}
	return "later"
}

// timeline draws the obligations on a time axis from the discovery date:
// one lane per duty, one marker per date with the number of obligations
// due that day. A filled marker is a legal due date; a hollow one is the
// organisation's target where the law sets no fixed day.
func timeline(obs []breachkit.Obligation, discovered, reportDay time.Time) template.HTML {
	type mark struct {
		day    int
		target bool // no fixed legal day: the target date
		obs    []breachkit.Obligation
	}
	lanes := map[breachkit.Duty]map[[2]int]*mark{}
	lastDay := max(daysBetween(discovered, reportDay), 0)
	for _, o := range obs {
		when, target := o.Due, false
		if when.IsZero() {
			when, target = o.Target, true
		}
		if when.IsZero() {
			continue
		}
		d := daysBetween(discovered, when)
		lastDay = max(lastDay, d)
		if lanes[o.Duty] == nil {
			lanes[o.Duty] = map[[2]int]*mark{}
		}
		k := [2]int{d, 0}
		if target {
			k[1] = 1
		}
		m := lanes[o.Duty][k]
		if m == nil {
			m = &mark{day: d, target: target}
			lanes[o.Duty][k] = m
		}
		m.obs = append(m.obs, o)
	}
	if len(lanes) == 0 {
		return template.HTML(`<p class="empty">No dated obligations.</p>`)
	}
	var order []breachkit.Duty
	for _, d := range dutyOrder {
		if lanes[d] != nil {
			order = append(order, d)
		}
	}
	var rest []breachkit.Duty
	for d := range lanes {
		if !slices.Contains(dutyOrder, d) {
			rest = append(rest, d)
		}
	}
	slices.Sort(rest)
	order = append(order, rest...)

	// The axis: from day 0 (or the earliest date, if before) to a little
	// after the last date, in round steps.
	firstDay := 0
	for _, l := range lanes {
		for k := range l {
			firstDay = min(firstDay, k[0])
		}
	}
	span := max(lastDay-firstDay, 7)
	step := 7
	for _, s := range []int{7, 14, 30, 60, 90, 180, 365, 730} {
		step = s
		if span/s <= 8 {
			break
		}
	}
	endDay := lastDay + max(span/12, 2)
	const width, labelW, right, top, laneGap, sub = 1060, 172, 30, 38, 10, 22
	plotW := width - labelW - right
	x := func(d int) float64 {
		return float64(labelW) + float64(plotW)*float64(d-firstDay)/float64(endDay-firstDay)
	}
	reportOff := daysBetween(discovered, reportDay)

	// Place markers in sub-rows so that close dates do not overlap.
	type placed struct {
		m   *mark
		row int
	}
	type lane struct {
		duty  breachkit.Duty
		marks []placed
		rows  int
	}
	var ls []lane
	for _, d := range order {
		var ms []*mark
		for _, m := range lanes[d] {
			ms = append(ms, m)
		}
		slices.SortFunc(ms, func(a, b *mark) int {
			if c := cmp.Compare(a.day, b.day); c != 0 {
				return c
			}
			return cmp.Compare(boolInt(a.target), boolInt(b.target))
		})
		l := lane{duty: d, rows: 1}
		var lastX []float64
		for _, m := range ms {
			px := x(m.day)
			row := -1
			for i, lx := range lastX {
				if px-lx >= 26 {
					row = i
					break
				}
			}
			if row < 0 {
				row = len(lastX)
				lastX = append(lastX, 0)
			}
			lastX[row] = px
			l.marks = append(l.marks, placed{m, row})
		}
		l.rows = max(len(lastX), 1)
		ls = append(ls, l)
	}
	h := top
	for _, l := range ls {
		h += l.rows*sub + laneGap
	}
	axisY := h
	h += 58

	var s strings.Builder
	fmt.Fprintf(&s, `<svg class="chart timeline" role="img" viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" aria-label="Obligations by due date, from the discovery date">`, width, h, width)
	s.WriteString(`<title>Obligations by due date, from the discovery date</title>`)
	// Grid and axis.
	for d := firstDay - firstDay%step; d <= endDay; d += step {
		if d < firstDay {
			continue
		}
		px := x(d)
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="grid"/>`, px, top-6, px, axisY)
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="middle" class="tick">day %d</text>`, px, axisY+16, d)
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="middle" class="tick sub">%s</text>`, px, axisY+30, discovered.AddDate(0, 0, d).Format("Jan 2"))
	}
	fmt.Fprintf(&s, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, labelW, axisY, width-right, axisY)
	// Discovery and report-date lines.
	fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="disc"/>`, x(0), top-14, x(0), axisY)
	fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="start" class="mk">Discovered %s</text>`, x(0)+3, top-18, isoDate(discovered))
	if !reportDay.IsZero() {
		anchor, dx := "start", 3.0
		if x(reportOff) > float64(width-right-150) {
			anchor, dx = "end", -3
		}
		fmt.Fprintf(&s, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="today"/>`, x(reportOff), top-28, x(reportOff), axisY)
		fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="%s" class="mk today-l">Report date %s (day %d)</text>`, x(reportOff)+dx, top-30, anchor, isoDate(reportDay), reportOff)
	}
	// Lanes.
	y := top
	for i, l := range ls {
		laneH := l.rows*sub + laneGap
		if i%2 == 0 {
			fmt.Fprintf(&s, `<rect x="0" y="%d" width="%d" height="%d" class="lane"/>`, y-laneGap/2, width, laneH)
		}
		fmt.Fprintf(&s, `<text x="8" y="%d" class="lbl">%s</text>`, y+sub/2+4, esc(dutyLabel(l.duty)))
		for _, p := range l.marks {
			m := p.m
			cx, cy := x(m.day), y+p.row*sub+sub/2
			left := m.day - reportOff
			cls := "mark " + urgency(left)
			if m.target {
				cls += " target"
			}
			var tip strings.Builder
			kind := "due"
			if m.target {
				kind = "target (no fixed legal day)"
			}
			fmt.Fprintf(&tip, "%s, day %d, %s — %s: %d %s", isoDate(discovered.AddDate(0, 0, m.day)), m.day, kind,
				daysLeftText(left), len(m.obs), plural(int64(len(m.obs)), "obligation", "obligations"))
			for j, o := range m.obs {
				if j == 8 {
					fmt.Fprintf(&tip, "\n… and %d more", len(m.obs)-j)
					break
				}
				fmt.Fprintf(&tip, "\n%s – %s (%s affected)", o.Jurisdiction, o.Recipient, num(o.Affected))
			}
			fmt.Fprintf(&s, `<g class="%s"><title>%s</title>`, cls, esc(tip.String()))
			fmt.Fprintf(&s, `<circle cx="%.1f" cy="%d" r="9"/>`, cx, cy)
			if len(m.obs) > 1 {
				fmt.Fprintf(&s, `<text x="%.1f" y="%d" text-anchor="middle" class="cnt">%d</text>`, cx, cy+4, len(m.obs))
			}
			s.WriteString(`</g>`)
		}
		y += laneH
	}
	// Key.
	ky := axisY + 48
	key := []struct{ cls, label string }{{"mark overdue", "overdue"}, {"mark soon", "due within 7 days"},
		{"mark later", "due later"}, {"mark later target", "target date (law sets no fixed day)"}}
	kx := labelW
	for _, k := range key {
		fmt.Fprintf(&s, `<g class="%s"><circle cx="%d" cy="%d" r="6"/></g><text x="%d" y="%d" class="lg">%s</text>`, k.cls, kx, ky-4, kx+10, ky, esc(k.label))
		kx += 34 + len(k.label)*7
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// daysLeftText says how far a date is from the report date.
func daysLeftText(n int) string {
	switch {
	case n == 0:
		return "due today"
	case n == 1:
		return "1 day left"
	case n > 1:
		return strconv.Itoa(n) + " days left"
	case n == -1:
		return "overdue by 1 day"
	}
	return "overdue by " + strconv.Itoa(-n) + " days"
}
