#!/usr/bin/env python3
"""Derives news-English spellings of name words from the knowledge base's people.

usage: kb_spellings.py [--kb ENTITIES.tsv] [--half 0|1] [--check] > crates/extract/data/lexicons/entity_kb_spellings.tsv

(tools/kb/build.py runs it after writing the knowledge base.)

Every person of crates/extract/data/kb/entities.tsv whose Arabic and English names have
as many words (after joining `عبد` to the word after it, `Abdul`/`Abdel` likewise) gives
each Arabic word the English word in the same place. A word with the article takes an
English word with an article (al-, el-, ad-, ...), written `al-` as the transliteration
writes it; a word without it, one without. Each word keeps its most frequent spelling.

--half K keeps only every other person (K = 0 or 1), and --check scores the table of one
half on the other: how many of the held-out words it holds, and how many of those it
spells as the held-out name does.
"""
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / "crates/extract/data/kb/entities.tsv"
ARTICLE_EN = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa][dnrstz]h?)-(?=\w)")
# Particles the transliteration spells by itself (or that need the next word).
SKIP = {"بن", "ابن", "بنت", "أبو", "أبي", "أم", "آل", "ولد"}


def joined(words, heads):
    out, i = [], 0
    while i < len(words):
        if words[i] in heads and i + 1 < len(words):
            out.append((words[i], words[i + 1]))
            i += 2
        else:
            out.append((words[i],))
            i += 1
    return out


def pairs(rows):
    for ar, en in rows:
        a = joined(ar.split(), {"عبد"})
        e = joined(en.split(), {"Abdul", "Abdel", "Abd"})
        if len(a) != len(e):
            continue
        for aw, ew in zip(a, e):
            key = "".join(aw)
            if len(aw) == 1 and aw[0] in SKIP:
                continue
            spelling = " ".join(ew)
            has_article = bool(ARTICLE_EN.match(spelling))
            if key.startswith("ال") != has_article or not re.fullmatch(r"[A-Za-z' -]+", spelling):
                continue
            if has_article:
                spelling = "al-" + ARTICLE_EN.sub("", spelling, count=1)
            yield key, spelling


def table(rows):
    votes = collections.defaultdict(collections.Counter)
    for key, spelling in pairs(rows):
        votes[key][spelling] += 1
    # Most frequent spelling; ties go to the alphabetically first, so the output is stable.
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in votes.items()}


def main():
    args = sys.argv[1:]
    kb = Path(args[args.index("--kb") + 1]) if "--kb" in args else KB
    rows = []
    for line in kb.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if line.startswith("#") or len(f) < 4 or f[1] != "PERSON":
            continue
        rows.append((f[2], f[3]))
    if "--half" in args:
        k = int(args[args.index("--half") + 1])
        train, held = rows[k::2], rows[1 - k :: 2]
    else:
        train, held = rows, []
    spellings = table(train)
    if "--check" in args:
        norm = lambda s: re.sub(r"[^a-z]", "", s.lower())
        n = held_in = same = 0
        for key, spelling in pairs(held):
            n += 1
            if key in spellings:
                held_in += 1
                same += norm(spellings[key]) == norm(spelling)
        print(f"{n} held-out words: {held_in} in the table, {same} spelt the same")
        return
    print("# News-English spellings of name words, derived from the people of the knowledge base")
    print("# (crates/extract/data/kb/entities.tsv) by tools/lexicons/kb_spellings.py: each word of an")
    print("# Arabic name takes the English word in the same place when both names have as many")
    print("# words. Used only by the transliteration of new names (entities/translit.rs).")
    print("# Regenerate after the knowledge base changes. Licence: as the knowledge base.")
    print("name_ar\tname_en")
    for k in sorted(spellings):
        print(f"{k}\t{spellings[k]}")


if __name__ == "__main__":
    main()
