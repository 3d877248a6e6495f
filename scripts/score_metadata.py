#!/usr/bin/env python3
"""Scores the metadata of `parallax extract` records against a dev set's metadata.json.

Usage: scripts/score_metadata.py DATA_DIR RECORDS.jsonl [--verbose]

For each page with a gold value: title (exact after whitespace and case folding),
authors (the gold author string, folded, is among ours or equals them joined) and
published (our date equals publish_date). Prints accuracy per field; the last line is the
summary.
"""
import json
import os
import re
import sys


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold(s):
    # The gold straightens curly quotes (see the data README); so do we, for both sides.
    return re.sub(r"\s+", " ", (s or "").translate(QUOTES)).strip().casefold()


def page_id(path):
    parts = path.replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 else None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    if len(args) != 2:
        sys.exit(__doc__)
    data, records = args
    preds = {}
    with open(records, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            pid = page_id((r.get("source") or {}).get("path") or "")
            if pid:
                preds[pid] = r
    stats = {k: [0, 0] for k in ("title", "authors", "published")}
    for pid in sorted(os.listdir(data)):
        meta_path = os.path.join(data, pid, "metadata.json")
        if not os.path.isfile(meta_path) or pid not in preds:
            continue
        with open(meta_path, encoding="utf-8") as f:
            gold = json.load(f)
        pred = preds[pid]
        checks = {}
        if gold.get("title"):
            checks["title"] = fold(gold["title"]) == fold(pred.get("title"))
        if gold.get("author"):
            ours = [fold(a) for a in pred.get("authors") or []]
            g = fold(gold["author"])
            checks["authors"] = g in ours or g == fold(", ".join(pred.get("authors") or [])) or (
                bool(ours) and all(a in g for a in ours))
        if gold.get("publish_date"):
            checks["published"] = (pred.get("published") or "")[:10] == gold["publish_date"]
        for k, ok in checks.items():
            stats[k][0] += ok
            stats[k][1] += 1
            if verbose and not ok:
                want = {"title": gold.get("title"), "authors": gold.get("author"),
                        "published": gold.get("publish_date")}[k]
                print(f"{pid} {k}: want {want!r} got {pred.get(k)!r}")
    parts = []
    for k, (ok, n) in stats.items():
        parts.append(f"{k} {ok / n if n else 0:.3f} ({ok}/{n})")
    print("metadata accuracy " + " | ".join(parts))


if __name__ == "__main__":
    main()
