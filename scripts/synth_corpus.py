#!/usr/bin/env python3
"""Synthetic news corpus for the store's scale benchmark, with known stories and copies.

    scripts/synth_corpus.py N [--seed S] [--gold GOLD.jsonl] > corpus.jsonl

Articles are made by recombining sentences of the project's own demo articles
(examples/demo). Each story gets invented place and person names, written into its
sentences, a pool of sentences, a start date and a set of outlets; each article of the story
draws several sentences from the pool and a few from the whole corpus. About one article in
ten is a republication (the same text under another outlet, with a credit line) and one in
twenty a near copy (one sentence changed). Stories start in order through the corpus and
each runs for a few days, as news does.

Output: contract input records {id, outlet, title, published, text} on standard output; with
--gold, one {id, story} per line, in the format of ../shared/tools/score_stories.py.
"""

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = [f"{a} {b}" for a in ("Northern", "Harbor", "Riverside", "Upland", "Coast", "Valley",
                                 "Lakeport", "Bay", "Eastern", "Capital")
           for b in ("Wire", "Gazette", "Post", "Times", "Courier", "Herald")]
SYLLABLES = ["ka", "lo", "ven", "mar", "dra", "sel", "ti", "os", "bren", "ul", "qui", "ra",
             "zan", "fel", "mo", "tor", "via", "nes", "gal", "dun", "ri", "sha", "ke", "por"]


def project_sentences():
    """Prose sentences of the project's own texts: the demo articles, and the fixture
    articles written into the test files (string literals of ten words or more)."""
    lines = []
    for path in sorted((ROOT / "examples" / "demo").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    for path in sorted(ROOT.glob("crates/*/tests/*.rs")):
        for literal in re.findall(r'"((?:[^"\\\n]|\\.){60,})"', path.read_text(encoding="utf-8")):
            lines += literal.replace("\\n", "\n").replace('\\"', '"').splitlines()
    sentences = []
    for line in lines:
        if len(line.split()) < 9:
            continue
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line.strip()):
            if len(s.split()) >= 6 and "{" not in s and "\\" not in s:
                sentences.append(s)
    sentences = sorted(set(sentences))
    if not sentences:
        sys.exit("synth_corpus: no sentences found under examples/demo")
    return sentences


def name(rng, syllables=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def story_vocabulary(rng):
    return {"place": name(rng, 4), "person": f"{name(rng)} {name(rng, 3)}", "body": name(rng, 3),
            "topics": [name(rng, 3).lower() for _ in range(8)]}


CAPITALISED = re.compile(r"(?<=\s)([A-Z][a-z]{3,})")


def localise(sentence, vocab, rng):
    """Writes the story's names over the sentence's own proper names, and ties the sentence
    to the story's subject (invented words that only this story uses)."""
    names = [vocab["place"], vocab["person"].split()[1], vocab["body"]]
    sentence = CAPITALISED.sub(lambda m: rng.choice(names), sentence).rstrip(".")
    a, b = rng.sample(vocab["topics"], 2)
    return f"{sentence}, in the {a} {b} affair."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="articles to write")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gold", help="write {id, story} lines here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sentences = project_sentences()
    print(f"synth_corpus: {len(sentences)} source sentences", file=sys.stderr)
    gold = open(args.gold, "w", encoding="utf-8") if args.gold else None
    out = sys.stdout
    start = date(2024, 1, 1)
    open_stories = []  # [story id, vocab, pool, first day, outlets, articles so far, size]
    story_count = 0
    written = []  # recent (id, text, story) for copies
    i = 0
    while i < args.n:
        # Keep about 40 stories running; a story closes when it reaches its size.
        while len(open_stories) < 40:
            vocab = story_vocabulary(rng)
            pool = [localise(s, vocab, rng) for s in rng.sample(sentences, 12)]
            lead = f"Officials in {vocab['place']} said {vocab['person']} would lead the response of the {vocab['body']} council."
            size = max(1, int(rng.paretovariate(1.3) * 3))
            day = start + timedelta(days=story_count // 30)
            open_stories.append([f"g{story_count}", vocab, [lead] + pool, day,
                                 rng.sample(OUTLETS, 6), 0, min(size, 200)])
            story_count += 1
        k = rng.randrange(len(open_stories))
        story = open_stories[k]
        sid, vocab, pool, day, outlets, done, size = story
        published = day + timedelta(days=rng.randrange(4))
        roll = rng.random()
        if written and roll < 0.10:
            # A republication of a recent article of this story, credited.
            src = [w for w in written[-400:] if w[2] == sid]
            if src:
                orig_id, orig_text, _, orig_outlet = rng.choice(src)
                outlet = rng.choice([o for o in OUTLETS if o != orig_outlet])
                text = f"{orig_text}\n\nCourtesy of {orig_outlet}."
                emit(out, gold, i, sid, outlet, published, text, written)
                i += 1
                continue
        if written and roll < 0.15:
            src = [w for w in written[-400:] if w[2] == sid]
            if src:
                orig_id, orig_text, _, orig_outlet = rng.choice(src)
                paragraphs = orig_text.split("\n\n")
                paragraphs[rng.randrange(len(paragraphs))] = rng.choice(pool)
                emit(out, gold, i, sid, orig_outlet, published, "\n\n".join(paragraphs), written)
                i += 1
                continue
        body = rng.sample(pool, rng.randint(5, 8))
        rng.shuffle(body)
        paragraphs = [" ".join(body[j:j + 2]) for j in range(0, len(body), 2)]
        emit(out, gold, i, sid, rng.choice(outlets), published, "\n\n".join(paragraphs), written)
        i += 1
        story[5] += 1
        if story[5] >= size:
            open_stories.pop(k)
    if gold:
        gold.close()


def emit(out, gold, i, sid, outlet, published, text, written):
    doc_id = f"synth-{i}"
    title = text.split(". ")[0][:90]
    out.write(json.dumps({"id": doc_id, "outlet": outlet, "title": title,
                          "published": published.isoformat(), "text": text}) + "\n")
    if gold:
        gold.write(json.dumps({"id": doc_id, "story": sid}) + "\n")
    written.append((doc_id, text, sid, outlet))
    if len(written) > 2000:
        del written[:1000]


if __name__ == "__main__":
    main()
