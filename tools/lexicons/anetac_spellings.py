#!/usr/bin/env python3
"""Builds crates/extract/data/lexicons/entity_anetac_spellings.tsv: the news-English spelling
of Arabic name words, from the English-Arabic pairs of ANETAC (../shared/data/anetac).

Each ANETAC line pairs an English name with its Arabic spelling, word for word. An Arabic
word spelled for several English names (لوبيز: Lopez, Lubitz) keeps the English one whose
consonants match the Arabic letters best (b/p, f/v, k/q/c, s/z... counted as one), then the
one closest to a plain letter-by-letter reading of the Arabic (vowel letters included), then
the longer, then the first in alphabetical order. Accents are dropped (Ángel → Angel).

usage: python3 tools/lexicons/anetac_spellings.py [ANETAC_FILE] > crates/extract/data/lexicons/entity_anetac_spellings.tsv
"""
import collections
import re
import sys
import unicodedata

SRC = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/anetac/ANETAC_EN-AR_named_entities.txt"
AR = re.compile("[\u0600-\u06FF]")
LATIN = re.compile("^[A-Za-z][A-Za-z'-]*$")

# Consonant classes shared by both scripts.
AR_CLASS = {
    "ب": "B", "پ": "B", "ف": "F", "ڤ": "F", "ج": "J", "چ": "J", "غ": "G", "گ": "G", "ك": "K",
    "ق": "K", "س": "S", "ز": "S", "ص": "S", "ث": "S", "ش": "X", "ت": "T", "ط": "T", "د": "D",
    "ض": "D", "ذ": "D", "ظ": "S", "ل": "L", "م": "M", "ن": "N", "ر": "R", "ه": "H", "ح": "H",
    "خ": "H", "ة": "",
}
EN_PAIRS = [("sch", "X"), ("sh", "X"), ("ch", "X"), ("ph", "F"), ("th", "T"), ("kh", "H"),
            ("gh", "G"), ("ck", "K"), ("dj", "J"), ("ts", "S"), ("tz", "S"), ("x", "KS")]
EN_CLASS = {"b": "B", "p": "B", "f": "F", "v": "F", "j": "J", "g": "G", "k": "K", "q": "K",
            "c": "K", "s": "S", "z": "S", "t": "T", "d": "D", "l": "L", "m": "M", "n": "N",
            "r": "R", "h": "H"}
def skeleton_ar(w):
    out = []
    for c in w:
        k = AR_CLASS.get(c)
        if k and (not out or out[-1] != k):
            out.append(k)
    return "".join(out)


def skeleton_en(w):
    w = w.lower()
    for a, b in EN_PAIRS:
        w = w.replace(a, b)
    out = []
    for c in w:
        k = c if c.isupper() else EN_CLASS.get(c)
        if k and (not out or out[-1] != k):
            out.append(k)
    return "".join(out)


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def ascii_name(e):
    e = unicodedata.normalize("NFKD", e)
    return "".join(c for c in e if not unicodedata.combining(c))


# Two consonants an English word may start with; any other pair (`Jlo` for جلو) marks a
# bad alignment.
ONSETS = set("bl br cl cr dr fl fr gl gr pl pr sc sk sl sm sn sp st sw tr tw th sh ch ph wh kh "
             "gh kr kl zh dh sch".split())
VOWELS = set("aeiouy")


# English words ANETAC's automatic alignment gives for a few names (`فاجيت`, Vagit) that no
# news text would print as one.
OFFENSIVE = set("bitch cunt fag faggot fuck nigger shit slut whore".split())


def plausible(e):
    w = e.lower()
    if w in OFFENSIVE:
        return False
    if not any(c in VOWELS for c in w):
        return False
    return w[0] in VOWELS or w[1] in VOWELS or w[:2] in ONSETS


def main():
    cands = collections.defaultdict(set)
    with open(SRC, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or parts[0] not in ("PERSON", "LOCATION", "ORGANIZATION"):
                continue
            en = [ascii_name(w) for w in parts[1:] if not AR.search(w)]
            ar = [w for w in parts[1:] if AR.search(w)]
            if len(en) != len(ar):
                continue
            for e, a in zip(en, ar):
                if LATIN.match(e) and len(e) >= 2 and plausible(e) and len(a) >= 2 \
                        and not AR.sub("", a):
                    cands[a].add(e[0].upper() + e[1:])
    print("# News-English spellings of Arabic name words, for transliteration only (not evidence")
    print("# that a word is a name): derived from ANETAC (Hadj Ameur, Meziane & Guessoum 2017,")
    print("# \"ANETAC: Arabic named entity transliteration and classification dataset\"; no licence")
    print("# stated, freely accessible, cite the paper). Built by tools/lexicons/anetac_spellings.py.")
    print("name_ar\tname_en")
    for a in sorted(cands):
        sk = skeleton_ar(a)
        ranked = sorted((distance(sk, skeleton_en(e)), e) for e in cands[a])
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            continue  # no way to tell the usual spelling: the transliteration rules decide
        print(f"{a}\t{ranked[0][1]}")


if __name__ == "__main__":
    main()
