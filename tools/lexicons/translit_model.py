#!/usr/bin/env python3
"""Builds the learnt spelling of foreign name words that no list holds:

- crates/extract/data/lexicons/entity_translit_letters.tsv: how each Arabic letter is
  spelt in English in its context, learnt from ANETAC's English-Arabic person and place
  name pairs;
- crates/extract/data/lexicons/entity_translit_origin.tsv: how much each letter pair and
  triple of a word speaks for a foreign name (ANETAC's Arabic spellings) against an Arabic
  one (words of person names in `marsad analyze` output over SaudiNewsNet: family names
  after the article, and the words before such a family name).

Letters. Each pair is aligned letter by letter: every Arabic letter spells 0-4 English
letters, in order (a monotone alignment, found by dynamic programming: first with a
table of which English letters each Arabic consonant may spell, then once more with the
spelling probabilities counted from that first alignment). Then, for each letter in
each context - the two letters before and the one after, one before and one after, the
one after, the one before, none - the spelling seen most often is kept when the
context was seen at least 3 times (always for a letter alone). `^` marks the start of
the word, `$` its end; the letter itself is written in brackets: `^[ب]ي` is ب at the
start before ي.

Origin. Naive Bayes log-odds of the letter pairs and triples (with `^`/`$`), add-half
smoothing; `<unseen>` is the log-odds of a gram neither class holds.

Both sides fold hamza seats to ا, ى to ي, ة to ه and drop tatweel, as ANETAC spells.

usage: python3 tools/lexicons/translit_model.py ANALYZED_SAUDINEWSNET.jsonl [ANETAC_FILE]
(run from the repository root; ANALYZED is `marsad analyze` output over
../shared/data/saudinewsnet, for instance all of it).
With HOLD_OUT=1 in the environment it writes nothing: it learns the letters from 90% of
the person pairs and prints the similarity (1 - edit distance / longer length) of the
learnt spellings on the other 10%.
"""
import collections
import json
import math
import os
import random
import sys
import unicodedata

NAMES = sys.argv[1]
SRC = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/anetac/ANETAC_EN-AR_named_entities.txt"
OUT = "crates/extract/data/lexicons/"
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None})

# Which English letters an Arabic consonant may spell (first alignment only).
CONSONANT = {
    "ب": "bp", "ت": "t", "ث": "th", "ج": "jg", "ح": "h", "خ": "khx", "د": "d", "ذ": "dhz",
    "ر": "r", "ز": "zs", "س": "sc", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "غ": "gh", "ف": "fv", "ق": "qkc", "ك": "kcq", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ع": "a",
}
LONGEST = 4
MIN_SEEN = 3


def fold(w):
    return w.translate(FOLD)


def read_pairs():
    pairs = []
    with open(SRC, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or parts[0] not in ("PERSON", "LOCATION"):
                continue
            en = unicodedata.normalize("NFKD", parts[1]).encode("ascii", "ignore").decode().lower()
            en = "".join(c for c in en if c.isalpha())
            ar = fold(parts[2])
            if en and ar and not ar.startswith("ال") and all("\u0621" <= c <= "\u064a" for c in ar):
                pairs.append((ar, en))
    return pairs


def may_spell(letter, chunk):
    if letter not in CONSONANT:
        return True
    if not chunk:
        return letter in "هع"
    return any(c in CONSONANT[letter] for c in chunk)


def align(ar, en, prob):
    n, m = len(ar), len(en)
    none = -1e18
    best = [[none] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        for j in range(m + 1):
            if best[i][j] == none:
                continue
            for k in range(0, LONGEST + 1):
                if j + k > m:
                    break
                chunk = en[j:j + k]
                if prob is None:
                    if not may_spell(ar[i], chunk):
                        continue
                    s = -abs(k - 1) * 0.5
                else:
                    s = math.log(prob.get((ar[i], chunk), 1e-4))
                if best[i][j] + s > best[i + 1][j + k]:
                    best[i + 1][j + k] = best[i][j] + s
                    back[i + 1][j + k] = (j, chunk)
    if best[n][m] == none:
        return None
    out, j = [], m
    for i in range(n, 0, -1):
        j, chunk = back[i][j]
        out.append(chunk)
    return out[::-1]


def contexts(ar, i):
    c = ar[i]
    before = "^" if i == 0 else ar[i - 1]
    before2 = "" if i == 0 else ("^" if i == 1 else ar[i - 2])
    after = "$" if i == len(ar) - 1 else ar[i + 1]
    return [f"{before2}{before}[{c}]{after}", f"{before}[{c}]{after}", f"[{c}]{after}",
            f"{before}[{c}]", f"[{c}]"]


def letters(pairs):
    prob = None
    for _ in range(2):
        counts, totals, aligned = collections.Counter(), collections.Counter(), []
        for ar, en in pairs:
            a = align(ar, en, prob)
            if a is None:
                continue
            aligned.append((ar, a))
            for c, chunk in zip(ar, a):
                counts[(c, chunk)] += 1
                totals[c] += 1
        prob = {k: v / totals[k[0]] for k, v in counts.items()}
    table = collections.defaultdict(collections.Counter)
    for ar, a in aligned:
        for i, chunk in enumerate(a):
            for key in contexts(ar, i):
                table[key][chunk] += 1
    rows = {}
    for key, seen in table.items():
        if sum(seen.values()) >= MIN_SEEN or key.startswith("["):
            # Most seen; ties to the shorter, then alphabetical spelling.
            rows[key] = min(seen.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
    return rows, len(aligned)


def grams(w):
    w = "^" + w + "$"
    return [w[i:i + 3] for i in range(len(w) - 2)] + [w[i:i + 2] for i in range(len(w) - 1)]


def origin(pairs):
    foreign = {ar for ar, _ in pairs}
    arab = collections.Counter()
    with open(NAMES, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for e in doc.get("entities") or []:
                if e.get("type") != "PERSON":
                    continue
                words = (e.get("name_ar") or "").split()
                for w in words:
                    if w.startswith("ال") and len(w) > 4:
                        arab[fold(w[2:])] += 1
                if len(words) >= 2 and words[-1].startswith("ال") and len(words[-1]) > 4:
                    for w in words[:-1]:
                        if not w.startswith("ال") and len(w) >= 3:
                            arab[fold(w)] += 1
    arab = {w for w, c in arab.items() if c >= 2}
    both = arab & foreign
    ca = collections.Counter(g for w in arab - both for g in grams(w))
    cf = collections.Counter(g for w in foreign - both for g in grams(w))
    na, nf = sum(ca.values()), sum(cf.values())
    v = len(set(ca) | set(cf))
    odds = {g: math.log((cf[g] + 0.5) / (nf + 0.5 * v)) - math.log((ca[g] + 0.5) / (na + 0.5 * v))
            for g in set(ca) | set(cf)}
    unseen = math.log(0.5 / (nf + 0.5 * v)) - math.log(0.5 / (na + 0.5 * v))
    return odds, unseen, len(arab - both), len(foreign - both)


def spell(rows, ar):
    out = []
    for i in range(len(ar)):
        spelt = next((rows[k] for k in contexts(ar, i) if k in rows), None)
        if spelt is None:
            return None
        out.append(spelt)
    return "".join(out)


def distance(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a):
        prev, row[0] = row[0], i + 1
        for j, y in enumerate(b):
            cur = row[j + 1]
            row[j + 1] = min(prev + (x != y), row[j] + 1, cur + 1)
            prev = cur
    return row[-1]


def hold_out(pairs):
    random.seed(1)
    random.shuffle(pairs)
    cut = len(pairs) // 10
    test = [p for p in pairs[:cut] if p[1]]
    rows, _ = letters(pairs[cut:])
    sims = []
    for ar, en in test:
        got = spell(rows, ar) or ""
        sims.append(1 - distance(got, en) / max(len(got), len(en)))
    print(f"{len(test)} held-out pairs: similarity {sum(sims) / len(sims):.4f}")


def main():
    pairs = read_pairs()
    if os.environ.get("HOLD_OUT"):
        hold_out(pairs)
        return
    rows, n_aligned = letters(pairs)
    with open(OUT + "entity_translit_letters.tsv", "w", encoding="utf-8") as f:
        f.write("# How an Arabic letter is spelt in English in its context (see tools/lexicons/translit_model.py).\n")
        f.write(f"# Learnt from {n_aligned} aligned ANETAC person and place name pairs (derived from ANETAC; see entity_README.md).\n")
        f.write("context\tspelling\n")
        for key in sorted(rows):
            f.write(f"{key}\t{rows[key]}\n")
    odds, unseen, n_arab, n_foreign = origin(pairs)
    with open(OUT + "entity_translit_origin.tsv", "w", encoding="utf-8") as f:
        f.write("# Log-odds of a foreign name against an Arabic one, per letter pair or triple (see tools/lexicons/translit_model.py).\n")
        f.write(f"# {n_foreign} ANETAC words against {n_arab} words of person names found by marsad in SaudiNewsNet (derived from ANETAC and SaudiNewsNet, CC BY-NC-SA 4.0).\n")
        f.write("gram\tlog_odds\n")
        f.write(f"<unseen>\t{unseen:.2f}\n")
        for g in sorted(odds):
            f.write(f"{g}\t{odds[g]:.2f}\n")
    print(f"{len(rows)} letter contexts, {len(odds)} grams", file=sys.stderr)


if __name__ == "__main__":
    main()
