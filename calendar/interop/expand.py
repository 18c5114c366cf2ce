"""Expands a calendar with python3-icalendar and python3-recurring-ical-events (Debian).

Usage: python3 expand.py FROM_ISO TO_ISO < calendar.ics
Prints {"occurrences": [{uid, start, end, summary, status, sequence}]} with times in UTC
("...Z"); a floating time is printed with "(floating)" so that the Go side fails on it.
Exits 3, saying what is missing, when either module cannot be imported.
"""
import json
import sys
from datetime import date, datetime, timezone

try:
    import icalendar
    import recurring_ical_events
except ImportError as e:
    print(f"missing Python module: {e}", file=sys.stderr)
    sys.exit(3)


def parse_iso(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def utc(prop):
    if prop is None:
        return ""
    v = prop.dt
    if isinstance(v, datetime):
        if v.tzinfo is None or v.tzinfo.utcoffset(v) is None:
            return v.strftime("%Y-%m-%dT%H:%M:%S") + "(floating)"
        return v.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, date):
        return v.strftime("%Y-%m-%d") + "(date)"
    return str(v)


def main():
    start, end = parse_iso(sys.argv[1]), parse_iso(sys.argv[2])
    cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    out = []
    for ev in recurring_ical_events.of(cal).between(start, end):
        out.append({
            "uid": str(ev.get("UID", "")),
            "start": utc(ev.get("DTSTART")),
            "end": utc(ev.get("DTEND")),
            "summary": str(ev.get("SUMMARY", "")),
            "status": str(ev.get("STATUS", "")).upper(),
            "sequence": int(ev.get("SEQUENCE", 0)),
        })
    print(json.dumps({"occurrences": out}, ensure_ascii=False))


if __name__ == "__main__":
    main()
