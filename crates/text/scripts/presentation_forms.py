#!/usr/bin/env python3
"""Writes data/presentation_forms.tsv: the NFKC decomposition of every assigned
Arabic presentation form (U+FB50-U+FDFF, U+FE70-U+FEFF). Reproducible from Python's
unicodedata; run from crates/text: python3 scripts/presentation_forms.py"""
import unicodedata, sys
out = open("data/presentation_forms.tsv", "w", encoding="utf-8")
out.write("# Arabic presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) and their NFKC form.\n")
out.write(f"# Source: Unicode Character Database via Python unicodedata {unicodedata.unidata_version}.\n")
out.write("# Fields: code point (hex) <TAB> NFKC text as hex code points separated by spaces.\n")
for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
    c = chr(cp)
    if unicodedata.category(c) == "Cn":
        continue
    n = unicodedata.normalize("NFKC", c)
    if n == c:
        continue
    out.write("%04X\t%s\n" % (cp, " ".join("%04X" % ord(x) for x in n)))
