#!/usr/bin/env python3
"""Validate crates/extract/data/kb/*.tsv. Exit status 1 on any error.

Checks: header lines, field counts, ids unique and well-formed (type matches prefix, ASCII slug),
lat/lon parse and lie in range, parents/aliases/offices/titles point to existing ids or keys,
no duplicate (alias, id), rows sorted by first column, dates ISO and ordered, and spot checks of
aliases and offices the linker relies on.
Usage: python3 tools/kb/check.py [KB_DIR]
"""
import collections
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KB = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "..", "..", "crates", "extract", "data", "kb"))
PREFIX = {"person": "PERSON", "org": "ORG", "gpe": "GPE", "loc": "LOC", "fac": "FAC"}
ID_RE = re.compile(r"^(person|org|gpe|loc|fac):[a-z0-9]+(-[a-z0-9]+)*$")
ARABIC_RE = re.compile(r"^[\u0621-\u064A 0-9+]+$")
# A name written in Latin letters (tools/kb/hand/latin_aliases.tsv).
LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*( [A-Za-z][A-Za-z0-9]*)*$")
errors = []

MUST_ALIASES = [
    ("سوريا", "gpe:syria"), ("سورية", "gpe:syria"), ("السوريين", "gpe:syria"), ("الأميركية", "gpe:united-states"),
    ("الأمريكيون", "gpe:united-states"), ("الروس", "gpe:russia"), ("الروسية", "gpe:russia"),
    ("السوفيتي", "gpe:soviet-union"), ("الأوروبي", "org:eu"), ("العراق", "gpe:iraq"),
    ("قسد", "org:sdf"), ("قوات سوريا الديمقراطية", "org:sdf"), ("داعش", "org:isis"),
    ("أبو محمد الجولاني", "person:ahmed-al-sharaa"), ("الشرع", "person:ahmed-al-sharaa"),
    ("بوتين", "person:vladimir-putin"), ("ديمتري بيسكوف", "person:dmitry-peskov"),
    ("دميتري بيسكوف", "person:dmitry-peskov"), ("سيرغي لافروف", "person:sergey-lavrov"),
    ("الأسد", "person:bashar-al-assad"), ("الكرملين", "org:kremlin"), ("الكرملين", "fac:kremlin"),
    ("البيت الأبيض", "org:white-house"), ("الجيش السوري", "org:syrian-army"),
    ("الجيش العربي السوري", "org:syrian-army"), ("القوات الروسية", "org:russian-armed-forces"),
    ("الجيش الإسرائيلي", "org:israeli-army"), ("الحرس الثوري", "org:irgc"),
    ("القوات الأمريكية", "org:us-army"), ("القوات الأميركية", "org:us-army"),
    ("شمال شرقي سوريا", "loc:northeast-syria"), ("شمال وشرق سوريا", "loc:northeast-syria"),
    ("الجنوب السوري", "loc:southern-syria"), ("الساحل السوري", "loc:syrian-coast"),
    ("جنوب لبنان", "loc:southern-lebanon"), ("شرق الفرات", "loc:east-euphrates"),
    ("الشرق الأوسط", "loc:middle-east"), ("ريف اللاذقية", "loc:latakia-countryside"),
    ("قاعدة حميميم الجوية", "fac:hmeimim-air-base"), ("قاعدة طرطوس البحرية", "fac:tartus-naval-base"),
    ("مطار القامشلي", "fac:qamishli-airport"), ("دير الزور", "gpe:deir-ez-zor"), ("السويداء", "gpe:sweida"),
    ("قطاع غزة", "gpe:gaza-strip"), ("الاستقلال", "org:al-istiklal"), ("رويترز", "org:reuters"),
]
MUST_OFFICES = [
    ("president", "gpe:syria", "person:ahmed-al-sharaa", "2025-01-29"),
    ("president", "gpe:syria", "person:bashar-al-assad", "2000-07-17"),
    ("president", "gpe:russia", "person:vladimir-putin", "2012-05-07"),
    ("spokesperson", "org:kremlin", "person:dmitry-peskov", "2012-05-22"),
    ("foreign-minister", "gpe:russia", "person:sergey-lavrov", "2004-03-09"),
    ("foreign-minister", "gpe:syria", "person:asaad-al-shaibani", "2024-12-21"),
    ("president", "gpe:united-states", "person:donald-trump", "2025-01-20"),
]


def err(msg):
    errors.append(msg)


def load(name, header):
    path = os.path.join(KB, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    if i == 0:
        err(f"{name}: no '#' source/licence comment")
    if i >= len(lines) or lines[i] != "\t".join(header):
        err(f"{name}: header should be {header!r}")
        return rows
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        parts = line.split("\t")
        if len(parts) != len(header):
            err(f"{name}:{n}: {len(parts)} fields, expected {len(header)}: {line[:80]!r}")
            continue
        if parts != [p.strip() for p in parts]:
            err(f"{name}:{n}: surrounding whitespace in a field")
        rows.append(dict(zip(header, parts)))
    keys = [r[header[0]] for r in rows]
    if keys != sorted(keys):
        err(f"{name}: rows not sorted by {header[0]}")
    return rows


def main():
    ents = load("entities.tsv", ["id", "type", "name_ar", "name_en", "lat", "lon", "roles", "parent"])
    aliases = load("aliases.tsv", ["alias", "id", "kind"])
    titles = load("titles.tsv", ["title_ar", "role_key", "role_en", "implied_of", "title_en"])
    offices = load("offices.tsv", ["role_key", "of", "holder", "from", "to"])
    dirs = load("directions.tsv", ["word", "direction_en", "slug"])
    ids = collections.Counter(e["id"] for e in ents)
    for i, n in ids.items():
        if n > 1:
            err(f"entities: duplicate id {i}")
    by_id = {e["id"]: e for e in ents}
    for e in ents:
        i = e["id"]
        if not ID_RE.match(i):
            err(f"entities: malformed id {i!r}")
            continue
        if PREFIX[i.split(":")[0]] != e["type"]:
            err(f"entities: {i} has type {e['type']}")
        if not e["name_ar"] or not ARABIC_RE.match(e["name_ar"]):
            err(f"entities: {i} name_ar {e['name_ar']!r} not plain Arabic")
        if not e["name_en"]:
            err(f"entities: {i} has no name_en")
        if bool(e["lat"]) != bool(e["lon"]):
            err(f"entities: {i} has only one coordinate")
        if e["lat"]:
            try:
                lat, lon = float(e["lat"]), float(e["lon"])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    err(f"entities: {i} coordinates out of range")
                if not re.match(r"^-?\d+\.\d\d$", e["lat"]) or not re.match(r"^-?\d+\.\d\d$", e["lon"]):
                    err(f"entities: {i} coordinates not 2 decimals")
            except ValueError:
                err(f"entities: {i} bad coordinates {e['lat']!r},{e['lon']!r}")
        if e["parent"] and e["parent"] not in by_id:
            err(f"entities: {i} parent {e['parent']} unknown")
        if e["parent"] == i:
            err(f"entities: {i} is its own parent")
        if "\t" in e["roles"] or "||" in e["roles"] or e["roles"].startswith("|") or e["roles"].endswith("|"):
            err(f"entities: {i} bad roles {e['roles']!r}")
    # parent chains terminate
    for e in ents:
        seen, cur = set(), e["id"]
        while cur and cur in by_id:
            if cur in seen:
                err(f"entities: parent cycle at {e['id']}")
                break
            seen.add(cur)
            cur = by_id[cur]["parent"]
    pairs = collections.Counter((a["alias"], a["id"]) for a in aliases)
    for p, n in pairs.items():
        if n > 1:
            err(f"aliases: duplicate {p}")
    has_alias = set()
    for a in aliases:
        if a["id"] not in by_id:
            err(f"aliases: {a['alias']} -> unknown id {a['id']}")
        if a["kind"] not in ("name", "nisba"):
            err(f"aliases: {a['alias']} kind {a['kind']!r}")
        plain = ARABIC_RE.match(a["alias"]) or (
            LATIN_RE.match(a["alias"]) and a["kind"] == "name"
        )
        if not plain or "  " in a["alias"]:
            err(f"aliases: {a['alias']!r} neither plain Arabic nor a Latin name")
        has_alias.add(a["id"])
    for e in ents:
        if e["id"] not in has_alias:
            err(f"entities: {e['id']} has no alias")
    role_keys = {t["role_key"] for t in titles}
    for t in titles:
        if t["implied_of"] and t["implied_of"] not in by_id:
            err(f"titles: implied_of {t['implied_of']} is not an entity id")
    for o in offices:
        if o["role_key"] not in role_keys:
            err(f"offices: role_key {o['role_key']} not in titles.tsv")
        for k in ("of", "holder"):
            if o[k] not in by_id:
                err(f"offices: {k} {o[k]} unknown")
        if o["holder"] in by_id and by_id[o["holder"]]["type"] != "PERSON":
            err(f"offices: holder {o['holder']} is not a PERSON")
        dates = []
        for k in ("from", "to"):
            if o[k]:
                try:
                    dates.append(datetime.date.fromisoformat(o[k]))
                except ValueError:
                    err(f"offices: bad {k} date {o[k]!r} for {o['holder']}")
        if len(dates) == 2 and dates[0] > dates[1]:
            err(f"offices: {o['holder']} {o['role_key']} ends before it starts")
        if not o["from"]:
            err(f"offices: {o['holder']} {o['role_key']} has no start date")
    # an office should not have two open-ended holders
    open_ = collections.defaultdict(list)
    for o in offices:
        if not o["to"]:
            open_[(o["role_key"], o["of"])].append(o["holder"])
    for k, v in open_.items():
        if len(v) > 1 and k[0] not in ("spokesperson", "envoy", "vice-president", "deputy-prime-minister", "crown-prince"):
            err(f"offices: {k} has several open-ended holders {v}")
    for d in dirs:
        if not ARABIC_RE.match(d["word"]):
            err(f"directions: {d['word']!r}")
    # spot checks: facts the linker relies on (from the KB specification)
    pairs_set = set(pairs)
    for alias, eid in MUST_ALIASES:
        if (alias, eid) not in pairs_set:
            err(f"spot check: alias {alias} -> {eid} missing")
    holders = {(o["role_key"], o["of"], o["holder"], o["from"]) for o in offices}
    for key in MUST_OFFICES:
        if key not in holders:
            err(f"spot check: office {key} missing")
    size = sum(os.path.getsize(os.path.join(KB, f)) for f in os.listdir(KB))
    types = collections.Counter(e["type"] for e in ents)
    print(f"entities {len(ents)} {dict(sorted(types.items()))}; aliases {len(aliases)} "
          f"({sum(1 for a in aliases if a['kind'] == 'nisba')} nisba); titles {len(titles)}; offices {len(offices)}; "
          f"directions {len(dirs)}; {size / 1e6:.2f} MB")
    for e in errors[:200]:
        print("ERROR", e)
    if errors:
        print(f"{len(errors)} errors")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
