#!/usr/bin/env python3
"""KB linking coverage of the names SaudiNewsNet actually uses.

Runs `marsad analyze` over N articles of SaudiNewsNet (2015 Saudi news), counts the name mentions
(`kind: name`) of every entity per surface form, takes the TOP most frequent surface forms and
reports how many of them link to a knowledge-base entity (`known: true` on most of their
occurrences), then lists the misses with their counts and the type the analyser gave them.

Usage:
    python3 tools/kb/coverage.py [--bin target/release/marsad] [-n 3000] [--top 300]
                                 [--corpus PATH.jsonl.gz] [--show-hits]

Articles are taken evenly across the corpus (every k-th line) so that all sources are represented.
The corpus is read from its gzip file; its text is only passed to the analyser, never written
anywhere but a temporary file that is deleted afterwards.
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

CORPUS = os.path.join(os.environ.get("MARSAD_SHARED_DATA", "/work/shared/data"), "saudinewsnet",
                      "saudinewsnet_full.jsonl.gz")


def sample_articles(path, n):
    """Every k-th article of the corpus (k chosen so that about n are taken)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    step = max(1, len(lines) // max(1, n))
    out = []
    for line in lines[::step][:n]:
        d = json.loads(line)
        text = d.get("content") or ""
        if text.strip():
            out.append({"text": text, "published": (d.get("date_extracted") or "")[:10] or None})
    return out


def run_analyzer(binary, articles):
    """Yield one `marsad.document/1` dict per article."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp:
        for a in articles:
            rec = {"text": a["text"]}
            if a["published"]:
                rec["published"] = a["published"]
            tmp.write(json.dumps(rec, ensure_ascii=False) + "\n")
        name = tmp.name
    try:
        proc = subprocess.run([binary, "analyze", name], capture_output=True, text=True, check=True)
    finally:
        os.unlink(name)
    for line in proc.stdout.splitlines():
        line = line.strip()
        if line:
            yield json.loads(line)


TITLED = re.compile(r"(?:^|[\s(«\"])(?:[وف]?(?:ل|ب)?)(الأمير|الأميرة|الملك|الشيخ|الرئيس|ولي العهد|وزير [\u0621-\u064A]+|"
                    r"أمير منطقة|نائب أمير منطقة|خادم الحرمين الشريفين|اللواء|الفريق|العميد|المدرب|اللاعب|الدكتور|"
                    r"الأمين العام [\u0621-\u064A]+ [\u0621-\u064A]+|سمو|معالي|الإمام)\s+")
NAME_WORDS = re.compile(r"[\u0621-\u064A]+(?: (?:بن|بنت|عبد|أبو|آل) [\u0621-\u064A]+)*(?: [\u0621-\u064A]+)?")


def titled_names(doc, counts, linked):
    """Names right after a title word ("الأمير خالد الفيصل"), with whether the analyser linked them.

    The form is the one or two words after the title (longer when joined by بن/عبد/آل); it counts as
    linked when a known entity has a `name` mention starting at the title or anywhere in the form
    (the name span leaves a title nested after the first one outside: "خادم الحرمين الشريفين الملك
    [سلمان]").
    """
    text = doc.get("text") or ""
    starts = set()
    for ent in doc.get("entities", []):
        if ent.get("known"):
            for m in ent.get("mentions", []):
                if m.get("kind") == "name":
                    starts.add(m.get("start"))
    for t in TITLED.finditer(text):
        m = NAME_WORDS.match(text, t.end())
        if not m:
            continue
        form = t.group(1) + " " + m.group(0)
        counts[form] += 1
        # titled aliases ("الملك سلمان") put the title inside the mention
        if any(t.start(1) <= s < m.end() for s in starts):
            linked[form] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/marsad", help="marsad binary")
    ap.add_argument("-n", type=int, default=3000, help="number of articles (default 3000)")
    ap.add_argument("--top", type=int, default=300, help="number of surface forms (default 300)")
    ap.add_argument("--corpus", default=CORPUS, help="SaudiNewsNet .jsonl.gz")
    ap.add_argument("--show-hits", action="store_true", help="also list the linked forms")
    args = ap.parse_args()

    articles = sample_articles(args.corpus, args.n)
    count = collections.Counter()
    known = collections.Counter()
    tcount = collections.Counter()
    tlinked = collections.Counter()
    types = collections.defaultdict(collections.Counter)
    ids = collections.defaultdict(collections.Counter)
    for doc in run_analyzer(args.bin, articles):
        titled_names(doc, tcount, tlinked)
        for ent in doc.get("entities", []):
            for m in ent.get("mentions", []):
                if m.get("kind") != "name":
                    continue
                form = m.get("text", "")
                count[form] += 1
                types[form][ent.get("type", "")] += 1
                if ent.get("known"):
                    known[form] += 1
                    ids[form][ent.get("id", "")] += 1

    top = count.most_common(args.top)
    hits = [(f, n) for f, n in top if known[f] * 2 > n]
    misses = [(f, n) for f, n in top if known[f] * 2 <= n]
    tok_all = sum(n for _, n in top)
    tok_hit = sum(n for _, n in hits)
    print(f"articles: {len(articles)}  name mentions: {sum(count.values())}  "
          f"distinct forms: {len(count)}")
    print(f"top {len(top)} surface forms: {len(hits)} linked to the KB "
          f"({tok_hit / max(1, tok_all):.1%} of their {tok_all} mentions), {len(misses)} not")
    if args.show_hits:
        print("\n== linked")
        for f, n in hits:
            print(f"{n}\t{f}\t{ids[f].most_common(1)[0][0]}")
    print("\n== not linked (count, form, type given by the analyser)")
    for f, n in misses:
        print(f"{n}\t{f}\t{types[f].most_common(1)[0][0]}")
    ttop = tcount.most_common(args.top)
    thits = [(f, n) for f, n in ttop if tlinked[f] * 2 > n]
    print(f"\ntop {len(ttop)} title + name forms: {len(thits)} linked to the KB")
    print("== title + name forms not linked (count, form)")
    for f, n in ttop:
        if tlinked[f] * 2 <= n:
            print(f"{n}\t{f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
