#!/usr/bin/env python3
"""Coverage self-check of the KB against SaudiNewsNet (2015 Saudi news).

For each head word (الرئيس، وزير، مدينة، محافظة، وكالة ...) list the most frequent following words
and report which of them start a KB alias (one, two or three words, with or without the head word,
after loose folding and stripping a one-letter proclitic). Uncovered words are printed for manual review: most are
common nouns (ministry portfolios, adjectives); names among them are gaps.
Usage: python3 tools/kb/selfcheck.py [TOP_N]
"""
import collections
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.normpath(os.path.join(HERE, "..", "..", "crates", "extract", "data", "kb"))
CORPUS = os.path.join(os.environ.get("MARSAD_SHARED_DATA", "/work/shared/data"), "saudinewsnet",
                      "saudinewsnet_full.jsonl.gz")
HEADS = ["الرئيس", "وزير", "مدينة", "محافظة", "وكالة", "منطقة", "الأمير", "الملك", "رئيس", "حركة",
         "تنظيم", "قوات", "شركة", "صحيفة"]
WORD = re.compile(r"[\u0621-\u064A]+")
HARAKAT = re.compile("[\u064B-\u0652\u0640\u0670]")


def fold(s):
    s = re.sub("[أإآٱ]", "ا", s)
    return s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    aliases = set()
    with open(os.path.join(KB, "aliases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("alias\t"):
                continue
            aliases.add(fold(line.split("\t")[0]))
    follow = {h: collections.Counter() for h in HEADS}
    nxt2 = collections.defaultdict(collections.Counter)
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            words = WORD.findall(HARAKAT.sub("", json.loads(line).get("content") or ""))
            for i in range(len(words) - 1):
                if words[i] in follow:
                    follow[words[i]][words[i + 1]] += 1
                    if i + 3 < len(words):
                        nxt2[(words[i], words[i + 1])][(words[i + 2], words[i + 3])] += 1

    def covered(head, w):
        cands = [w]
        if len(w) > 3 and w[0] in "وبلفك":
            cands.append(w[1:])
        for c in cands:
            for pre in ("", head + " "):
                if fold(pre + c) in aliases:
                    return True
                for (a, b), _ in nxt2[(head, w)].most_common(5):
                    if fold(pre + c + " " + a) in aliases or fold(pre + c + " " + a + " " + b) in aliases:
                        return True
        return False

    for h in HEADS:
        items = follow[h].most_common(top)
        cov = [(w, n) for w, n in items if covered(h, w)]
        unc = [(w, n) for w, n in items if not covered(h, w)]
        tok_cov = sum(n for _, n in cov) / max(1, sum(n for _, n in items))
        print(f"== {h}: {len(cov)}/{len(items)} following words covered ({tok_cov:.0%} of tokens)")
        print("   uncovered: " + " ".join(f"{w}:{n}" for w, n in unc[:60]))


if __name__ == "__main__":
    main()
