// Expands a calendar with Mozilla's ical.js, the iCalendar engine of Thunderbird.
// Usage: node icaljs.mjs FROM_ISO TO_ISO < calendar.ics
// Prints {"occurrences": [{uid, start, end, summary, status, sequence}]} with times in UTC
// ("…Z"); a time ical.js cannot place in a zone is printed with "(floating)" so that the Go
// side fails on it. Occurrences starting before TO are printed; the Go side trims to FROM.
import fs from 'node:fs';
import ICAL from 'ical.js';

const [, toIso] = process.argv.slice(2);
const to = ICAL.Time.fromJSDate(new Date(toIso), true);
const pad = (n, w = 2) => String(n).padStart(w, '0');

function utc(t) {
  if (!t) return '';
  if (t.isDate) return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}(date)`;
  if (!t.zone || t.zone.tzid === 'floating') return `${t.toString()}(floating)`;
  const u = t.convertToZone(ICAL.Timezone.utcTimezone);
  return `${pad(u.year, 4)}-${pad(u.month)}-${pad(u.day)}T${pad(u.hour)}:${pad(u.minute)}:${pad(u.second)}Z`;
}

function occurrence(event, start, end) {
  const c = event.component;
  return {
    uid: event.uid ?? '', start: utc(start), end: utc(end), summary: event.summary ?? '',
    status: String(c.getFirstPropertyValue('status') ?? '').toUpperCase(),
    sequence: Number(c.getFirstPropertyValue('sequence') ?? 0),
  };
}

// events groups the VEVENTs into masters with their RECURRENCE-ID overrides related.
function events(root) {
  const masters = new Map();
  const overrides = [];
  for (const ve of root.getAllSubcomponents('vevent')) {
    if (ve.hasProperty('recurrence-id')) overrides.push(ve);
    else masters.set(ve.getFirstPropertyValue('uid'), new ICAL.Event(ve));
  }
  const out = [...masters.values()];
  for (const ve of overrides) {
    const master = masters.get(ve.getFirstPropertyValue('uid'));
    if (master) master.relateException(ve);
    else out.push(new ICAL.Event(ve)); // an override without its series stands alone
  }
  return out;
}

function expand(event, out) {
  if (!event.isRecurring()) {
    out.push(occurrence(event, event.startDate, event.endDate));
    return;
  }
  const it = event.iterator();
  for (let next = it.next(); next && next.compare(to) < 0; next = it.next()) {
    const d = event.getOccurrenceDetails(next);
    out.push(occurrence(d.item, d.startDate, d.endDate));
  }
}

const root = new ICAL.Component(ICAL.parse(fs.readFileSync(0, 'utf8')));
// ical.js resolves a TZID only through zones registered from the file's VTIMEZONEs.
for (const vtz of root.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
}
const occurrences = [];
for (const ev of events(root)) expand(ev, occurrences);
process.stdout.write(JSON.stringify({ occurrences }) + '\n');
