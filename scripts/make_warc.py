#!/usr/bin/env python3
"""Writes a WARC of at least SIZE_MB megabytes from a folder of <id>/page.html(.gz) pages.

Usage: scripts/make_warc.py PAGES_DIR OUT.warc SIZE_MB

Every page becomes a response record (with a request record before it, as crawlers write),
copied as many times as it takes to reach the size, each copy under its own URI. Used by
`scripts/bench warc` to measure memory on a large archive; nothing it writes is kept.
"""
import gzip
import os
import sys
import uuid


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
    pages = []
    for name in sorted(os.listdir(src)):
        for f in ("page.html", "page.html.gz"):
            p = os.path.join(src, name, f)
            if os.path.isfile(p):
                data = open(p, "rb").read()
                pages.append((name, gzip.decompress(data) if f.endswith(".gz") else data))
                break
    written, copy, records = 0, 0, 0
    with open(out, "wb") as w:
        while written < size_mb * 1_000_000:
            copy += 1
            for name, html in pages:
                uri = f"https://bench.example/{copy}/{name}"
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
                for kind, payload in (("request", f"GET /{copy}/{name} HTTP/1.1\r\n\r\n".encode()),
                                      ("response", http)):
                    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
                            f"WARC-Date: 2025-06-12T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
                            f"Content-Type: application/http; msgtype={kind}\r\n"
                            f"Content-Length: {len(payload)}\r\n\r\n").encode()
                    w.write(head + payload + b"\r\n\r\n")
                    written += len(head) + len(payload) + 4
                records += 1
    print(f"{out}: {records} responses, {written / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
