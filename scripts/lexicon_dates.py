"""First central use of each formulation, for data/lexicon/*.toml.

Usage: python3 scripts/lexicon_dates.py CENTRAL.jsonl PHRASE [PHRASE ...]
  e.g. python3 scripts/lexicon_dates.py ../shared/corpora/central-covid-2020-2022.jsonl 外防输入、内防反弹

For each phrase: number of items containing it, then date, id, title and context of the earliest
item. Separators and quotes are ignored on both sides, as tifa's lexicon matcher ignores them.
Read the context: an early hit can use the words in another sense (动态清零 of wage arrears).
"""
import json
import re
import sys


def strip(s):
    return re.sub(r"[^\w]|_", "", s)


def main():
    path, phrases = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    items.sort(key=lambda d: (d["date"], d["id"]))
    for phrase in phrases:
        p = strip(phrase)
        hits = [d for d in items if p in strip(d["title"] + d["text"])]
        if not hits:
            print(f"{phrase}\t0")
            continue
        d = hits[0]
        t = strip(d["text"])
        i = t.find(p)
        context = t[max(0, i - 15) : i + len(p) + 10]
        print(f"{phrase}\t{len(hits)}\t{d['date']}\t{d['id']}\t{d['title'][:40]}\t{context}")


if __name__ == "__main__":
    main()
