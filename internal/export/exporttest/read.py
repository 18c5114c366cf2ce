# Reads an export file with real spreadsheet readers and prints what they see as JSON:
# .xlsx through openpyxl (Debian's python3-openpyxl), CSV through Python's csv module the
# way a spreadsheet does (the byte-order mark decides the encoding, ; separates cells).
import csv, datetime, io, json, sys

kind, path = sys.argv[1], sys.argv[2]
out = {}
if kind == "xlsx":
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out["sheets"] = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, (datetime.datetime, datetime.date)):
                    v = v.strftime("%Y-%m-%d")
                cells.append({"v": v, "t": c.data_type})
            rows.append(cells)
        out["sheets"].append({"title": ws.title, "rows": rows, "frozen": ws.freeze_panes})
else:
    raw = open(path, "rb").read()
    out["bom"] = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    # The first line with more than one cell (a file of several tables begins with a title).
    first = next((l for l in text.split("\r\n") if ";" in l or "," in l), "")
    dialect = csv.Sniffer().sniff(first + "\r\n", delimiters=";,")
    out["delimiter"] = dialect.delimiter
    out["rows"] = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    # Every row ends with CR LF (a line break inside a quoted cell may be a bare LF).
    out["crlf"] = raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(out["rows"])
json.dump(out, sys.stdout, ensure_ascii=False)
