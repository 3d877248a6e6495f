#!/usr/bin/env python3
"""Writes FNC-1 pairs as `parallax stance` input, and their gold labels, for the part of the
training data that the stance model never sees.

  stance_holdout.py FNC1_DIR PAIRS_OUT GOLD_OUT [--all]

The held-back part is the rule in crates/stance/examples/train_stance.rs, which must stay the
same: a pair is held back when its body's id is 0 mod 5, taking for a body the smallest id among
bodies with the same text. With --all every pair is written (for the speed benchmark). Ids are
row numbers of train_stances.csv, as in ../shared/tools/fnc_jsonl.py. Labels are mapped to the
contract's names.
"""
import csv
import json
import sys

LABELS = {"agree": "affirm", "disagree": "deny", "discuss": "report", "unrelated": "unrelated"}


def main():
    args = [a for a in sys.argv[1:] if a != "--all"]
    if len(args) != 3:
        sys.exit(__doc__)
    every = "--all" in sys.argv
    folder, pairs_out, gold_out = args
    csv.field_size_limit(1 << 30)
    bodies, first = {}, {}
    with open(f"{folder}/train_bodies.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            bid, text = int(row["Body ID"]), row["articleBody"]
            bodies[bid] = text
            first[text] = min(first.get(text, bid), bid)
    n = 0
    with open(f"{folder}/train_stances.csv", encoding="utf-8", newline="") as f, \
            open(pairs_out, "w", encoding="utf-8") as pairs, \
            open(gold_out, "w", encoding="utf-8") as gold:
        for i, row in enumerate(csv.DictReader(f)):
            bid = int(row["Body ID"])
            text = bodies[bid]
            if not every and first[text] % 5 != 0:
                continue
            pairs.write(json.dumps({"id": str(i), "claim": row["Headline"], "text": text}) + "\n")
            gold.write(json.dumps({"id": str(i), "stance": LABELS[row["Stance"]]}) + "\n")
            n += 1
    print(f"stance_holdout: {n} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
