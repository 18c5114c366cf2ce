package allot

// Greedy allocates in one pass: sections in priority order, each session of a section at the
// cheapest option that is free and on a weekday the section does not use yet. Nothing placed is
// ever moved, so priority holds by construction; but a section placed early may take a time that
// a later one needed while another time would have served it as well (Match repairs that).
func Greedy(in Input) Result {
	b := newBoard(&in)
	for _, sec := range b.sections {
		for len(sec.placed) < sec.need {
			oi := b.cheapestFree(sec)
			if oi < 0 {
				break
			}
			b.place(sec, oi)
		}
	}
	return b.result("greedy")
}

// cheapestFree returns the first option of sec (cheapest first, then earliest) that is free and
// on a weekday sec does not use, or -1.
func (b *board) cheapestFree(sec *section) int {
	for oi, o := range sec.opts {
		if sec.days&(1<<o.day) != 0 {
			continue
		}
		if b.free(o.room, o.day, o.start, o.start+sec.minutes) {
			return oi
		}
	}
	return -1
}
