#!/usr/bin/env python3
"""Build the marsad knowledge base (crates/extract/data/kb/*.tsv).

Inputs (read-only):
  /work/shared/data/gazetteer-geonames-ar/{countries_ar,cities500_arabic}.tsv  (GeoNames CC BY 4.0, iso-codes)
  /work/shared/data/saudinewsnet/saudinewsnet_full.jsonl.gz  (word frequencies only, to filter
      place aliases that are common Arabic words; nothing from it is copied into the KB)
  tools/kb/hand/*.tsv  hand-written tables (facts from general knowledge)

Usage:  python3 tools/kb/build.py [--out crates/extract/data/kb]
Python 3 standard library only; deterministic output.
"""
import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HAND = os.path.join(HERE, "hand")
SHARED = os.environ.get("MARSAD_SHARED_DATA", "/work/shared/data")
GAZ = os.path.join(SHARED, "gazetteer-geonames-ar")
CORPUS = os.path.join(SHARED, "saudinewsnet", "saudinewsnet_full.jsonl.gz")

# Countries whose towns are kept from population 1000 (Middle East, North Africa, neighbours).
MENA = set("SY IQ LB JO PS IL SA YE OM AE QA BH KW EG LY TN DZ MA EH SD SS MR SO DJ KM IR TR CY ER TD AF".split())
MENA_MIN_POP = 1000
# GeoNames "Arabic" names of Iranian, Afghan and Turkish villages are often Persian/Turkish or noise.
MIN_POP_BY_COUNTRY = {"IR": 10000, "AF": 10000, "TR": 10000}
# GeoNames often has population 0 (unknown) for towns of the conflict zones; keep those too.
CORE = set("SY IQ LB PS YE JO IL".split())
WORLD_MIN_POP = 300000
# Single-word aliases of places under this population are dropped when the word is this frequent
# in the reference corpus (it is then most likely a common word, or a more famous namesake).
SMALL_PLACE_POP = 100000
SMALL_PLACE_MAX_FREQ = 12  # towns under SMALL_PLACE_POP
MID_PLACE_MAX_FREQ = 120  # cities under BIG_PLACE_POP
BIG_PLACE_POP = 500000

HARAKAT = re.compile("[\u064B-\u0652\u0640\u0670]")
FORMAT_CHARS = re.compile("[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]")
ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u0671 0-9+]+$")
LATIN_ONLY = re.compile(r"^[A-Za-z][A-Za-z0-9]*( [A-Za-z][A-Za-z0-9]*)*$")
WORD = re.compile(r"[\u0621-\u064A\u0671]+")


def clean_ar(s):
    s = FORMAT_CHARS.sub("", s)
    s = HARAKAT.sub("", s)
    s = s.replace("\u0671", "ا")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def slugify(s):
    s = s.replace("ʿ", "").replace("ʾ", "").replace("‘", "").replace("’", "").replace("'", "").replace("`", "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    s = s.lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def plain_latin(s):
    """GeoNames transliteration without diacritics and ayn/hamza marks: 'Ḩamāh' -> 'Hamah'."""
    s = re.sub("[ʿʾ‘’`]", "", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ı", "i").replace("ł", "l").replace("đ", "d").replace("ø", "o")


def read_tsv(path):
    """Rows of a TAB file as dicts, skipping '#' comment lines; first non-comment line is the header."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if header is None:
                header = parts
                continue
            parts += [""] * (len(header) - len(parts))
            rows.append(dict(zip(header, (p.strip() for p in parts))))
    return rows


def split_bar(s):
    return [clean_ar(x) for x in s.split("|") if clean_ar(x)] if s else []


def word_freq():
    cache = os.path.join(os.environ.get("TMPDIR", "/tmp"), "marsad-kb-wordfreq.tsv")
    freq = collections.Counter()
    if os.path.exists(cache) and os.path.getmtime(cache) > os.path.getmtime(CORPUS):
        with open(cache, encoding="utf-8") as f:
            for line in f:
                w, n = line.rstrip("\n").split("\t")
                freq[w] = int(n)
        return freq
    if not os.path.exists(CORPUS):
        print("warning: corpus missing, no frequency filter", file=sys.stderr)
        return freq
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            t = HARAKAT.sub("", (d.get("content") or "") + " " + (d.get("title") or ""))
            freq.update(WORD.findall(t))
    with open(cache, "w", encoding="utf-8") as f:
        for w, n in sorted(freq.items()):
            f.write(f"{w}\t{n}\n")
    return freq


# ---------------------------------------------------------------- nisba forms

def nisba_forms(stem):
    """All forms of a masculine singular nisba stem (one or more words ending in ي)."""
    words = stem.split()
    out = []
    for suffix in ("", "ة", "ون", "ين"):
        for art in ("", "ال"):
            ws = []
            for w in words:
                if w.endswith("ي"):
                    ws.append(art + w + suffix)
                else:
                    ws.append(w)
            out.append(" ".join(ws))
    return out


def plural_forms(p):
    return [p, "ال" + p] if " " not in p else [p]


# ---------------------------------------------------------------- KB container

class KB:
    def __init__(self):
        self.ents = {}  # id -> dict
        self.aliases = {}  # (alias, id) -> kind
        self.alias_owner = collections.defaultdict(set)  # alias -> ids
        self.cc_of = {}  # country entity id -> alpha2
        self.geo_refs = {}  # hand entity id -> GeoNames Latin name giving its coordinates

    def add_entity(self, eid, typ, name_ar, name_en, lat="", lon="", roles="", parent="", origin="hand"):
        if eid in self.ents:
            raise SystemExit(f"duplicate id {eid}")
        self.ents[eid] = dict(id=eid, type=typ, name_ar=name_ar, name_en=name_en, lat=fmt_coord(lat),
                              lon=fmt_coord(lon), roles=roles, parent=parent, origin=origin)

    def add_alias(self, alias, eid, kind="name"):
        alias = clean_ar(alias)
        if not alias or not ARABIC_ONLY.match(alias):
            return
        self.register_alias(alias, eid, kind)

    def add_latin_alias(self, alias, eid):
        """A name written in Latin letters, kept as written (case and all)."""
        alias = re.sub(r"\s+", " ", alias).strip()
        if not LATIN_ONLY.match(alias):
            raise SystemExit(f"latin_aliases: not a Latin name {alias!r}")
        self.register_alias(alias, eid, "name")

    def register_alias(self, alias, eid, kind):
        if (alias, eid) in self.aliases:
            return
        self.aliases[(alias, eid)] = kind
        self.alias_owner[alias].add(eid)

    def country_of(self, eid, depth=0):
        if eid in self.cc_of:
            return self.cc_of[eid]
        e = self.ents.get(eid)
        if not e or not e["parent"] or depth > 5:
            return None
        return self.country_of(e["parent"], depth + 1)


def fmt_coord(x):
    if x is None or x == "":
        return ""
    return f"{float(x):.2f}"


# ---------------------------------------------------------------- builders

def load_countries(kb):
    iso = {r["alpha2"]: r for r in read_tsv(os.path.join(GAZ, "countries_ar.tsv"))}
    hand = {r["alpha2"]: r for r in read_tsv(os.path.join(HAND, "countries.tsv"))}
    extra_coords = {"XK": ("42.67", "21.00", "Pristina", "42.67", "21.17")}
    centroids = {r["alpha2"]: (r["lat"], r["lon"]) for r in read_tsv(os.path.join(HAND, "country_centroids.tsv"))}
    capitals = {}
    used = set()
    for a2 in sorted(set(iso) | set(hand)):
        r = iso.get(a2, {})
        h = hand.get(a2)
        name_en = (h and h["name_en"]) or r.get("name_en", a2)
        slug = (h and h["slug"]) or slugify(name_en.split(",")[0])
        if slug in used:
            slug = slug + "-" + a2.lower()
        used.add(slug)
        eid = "gpe:" + slug
        names = split_bar(h["names"]) if h else []
        iso_ar = clean_ar(r.get("name_ar", "").replace("\u0651", ""))
        iso_names = []
        if iso_ar:
            for part in re.split(r"[،,()]", iso_ar):
                part = part.strip()
                if part and ARABIC_ONLY.match(part):
                    iso_names.append(part)
        if not names:
            names = iso_names[:1]
        for n in iso_names:
            if n not in names:
                names.append(n)
        if not names:
            continue
        lat, lon = r.get("lat", ""), r.get("lon", "")
        cap = (r.get("capital_en"), r.get("capital_lat"), r.get("capital_lon"))
        if a2 in extra_coords:
            lat, lon, *cap = extra_coords[a2]
        if a2 in centroids:
            lat, lon = centroids[a2]
        kb.add_entity(eid, "GPE", names[0], name_en, lat, lon, "country", "")
        kb.cc_of[eid] = a2
        for n in names:
            kb.add_alias(n, eid, "name")
        if h:
            for stem in split_bar(h["nisbas"]):
                for f in nisba_forms(stem):
                    kb.add_alias(f, eid, "nisba")
            for p in split_bar(h["plurals"]):
                for f in plural_forms(p):
                    kb.add_alias(f, eid, "nisba")
        if cap[0] and cap[0] != "None":
            capitals[a2] = (cap[0], eid)
    return capitals


def load_hand_entities(kb):
    files = sorted(f for f in os.listdir(HAND) if f.startswith("entities_") and f.endswith(".tsv"))
    for fn in files:
        for r in read_tsv(os.path.join(HAND, fn)):
            names = split_bar(r["names"])
            if not names:
                raise SystemExit(f"{fn}: {r['id']} has no Arabic name")
            lat, lon = r["lat"], r["lon"]
            if lat.startswith("@"):
                # coordinates of the GeoNames place with this Latin name (resolved in load_geonames)
                kb.geo_refs[r["id"]] = lat[1:]
                lat, lon = "", ""
            kb.add_entity(r["id"], r["type"], names[0], r["name_en"], lat, lon, r["roles"], r["parent"])
            for n in names:
                kb.add_alias(n, r["id"], "name")
            for stem in split_bar(r.get("nisbas", "")):
                for f in nisba_forms(stem):
                    kb.add_alias(f, r["id"], "nisba")


DIRECTIONS = [
    # slug, English, name forms ("{X}" = place name), adjective forms with a feminine nisba ("{N}")
    ("northern", "Northern", ["شمال {X}", "شمالي {X}"], ["الشمال {N}"]),
    ("southern", "Southern", ["جنوب {X}", "جنوبي {X}"], ["الجنوب {N}"]),
    ("eastern", "Eastern", ["شرق {X}", "شرقي {X}"], ["الشرق {N}"]),
    ("western", "Western", ["غرب {X}", "غربي {X}"], ["الغرب {N}"]),
    ("northeast", "Northeast", ["شمال شرق {X}", "شمال شرقي {X}", "شمالي شرق {X}", "شمالي شرقي {X}",
                                 "شمال وشرق {X}", "شمال وشرقي {X}", "شمالي وشرقي {X}", "الشمال الشرقي من {X}"],
     ["الشمال الشرقي {N}"]),
    ("northwest", "Northwest", ["شمال غرب {X}", "شمال غربي {X}", "شمالي غرب {X}", "شمالي غربي {X}",
                                 "الشمال الغربي من {X}"], ["الشمال الغربي {N}"]),
    ("southeast", "Southeast", ["جنوب شرق {X}", "جنوب شرقي {X}", "جنوبي شرق {X}", "جنوبي شرقي {X}"],
     ["الجنوب الشرقي {N}"]),
    ("southwest", "Southwest", ["جنوب غرب {X}", "جنوب غربي {X}", "جنوبي غرب {X}", "جنوبي غربي {X}"],
     ["الجنوب الغربي {N}"]),
    ("central", "Central", ["وسط {X}", "أواسط {X}"], ["الوسط {N}"]),
]


def add_direction_regions(kb):
    """LOC entities for compass sub-regions of the states and territories news talks about most."""
    for r in read_tsv(os.path.join(HAND, "direction_targets.tsv")):
        base = r["id"]
        if base not in kb.ents:
            raise SystemExit(f"direction_targets: unknown {base}")
        names = split_bar(r["names"])
        masc = split_bar(r["nisba"])
        slug = r["slug"]
        base_en = kb.ents[base]["name_en"]
        for dslug, den, forms, adj in DIRECTIONS:
            eid = f"loc:{dslug}-{slug}"
            if eid in kb.ents:
                als = []
            else:
                # The first form that names nothing else ("جنوب السودان" is South Sudan, the
                # state: the region is "جنوبي السودان").
                name = next((f.replace("{X}", names[0]) for f in forms
                             if not kb.alias_owner.get(clean_ar(f.replace("{X}", names[0])))),
                            forms[0].replace("{X}", names[0]))
                kb.add_entity(eid, "LOC", name, f"{den} {base_en}", "", "",
                              "region", base, origin="direction")
            for n in names:
                for fm in forms:
                    kb.add_alias(fm.replace("{X}", n), eid, "name")
            for nm in masc:
                for a in adj:
                    if dslug == "western" and slug not in ("libya", "iraq", "egypt", "saudi-arabia"):
                        continue  # "الغرب X" reads as "the X West", rarely a region
                    kb.add_alias(a.replace("{N}", nm), eid, "name")


ORGANS = {
    # code: (id suffix, English, roles, name templates with {M} masc nisba, {F} fem nisba, {X} country name)
    "G": ("government", "government", "government",
          ["الحكومة {F}", "حكومة {X}", "السلطات {F}"]),
    "F": ("foreign-ministry", "Ministry of Foreign Affairs", "ministry",
          ["وزارة الخارجية {F}", "الخارجية {F}", "وزارة خارجية {X}"]),
    "D": ("defence-ministry", "Ministry of Defence", "ministry",
          ["وزارة الدفاع {F}", "الدفاع {F}", "وزارة دفاع {X}"]),
    "I": ("interior-ministry", "Ministry of the Interior", "ministry",
          ["وزارة الداخلية {F}", "الداخلية {F}", "وزارة داخلية {X}"]),
    "A": ("army", "armed forces", "armed forces",
          ["الجيش {M}", "القوات {F}", "القوات المسلحة {F}", "جيش {X}"]),
    "R": ("presidency", "presidency", "presidency",
          ["الرئاسة {F}", "رئاسة الجمهورية {F}"]),
    "N": ("finance-ministry", "Ministry of Finance", "ministry",
          ["وزارة المالية {F}", "وزارة مالية {X}"]),
    "H": ("health-ministry", "Ministry of Health", "ministry",
          ["وزارة الصحة {F}", "وزارة صحة {X}"]),
    "J": ("justice-ministry", "Ministry of Justice", "ministry",
          ["وزارة العدل {F}", "وزارة عدل {X}"]),
    "E": ("energy-ministry", "Ministry of Energy", "ministry",
          ["وزارة الطاقة {F}", "وزارة النفط {F}", "وزارة البترول {F}", "وزارة الطاقة والمياه {F}"]),
    "C": ("intelligence", "intelligence service", "intelligence agency",
          ["المخابرات {F}", "الاستخبارات {F}", "جهاز المخابرات {M}", "جهاز الاستخبارات {M}"]),
}


def add_state_organs(kb):
    """ORG entities for the armed forces, government and main ministries of the states news names most."""
    for r in read_tsv(os.path.join(HAND, "state_organs.tsv")):
        country = r["id"]
        if country not in kb.ents:
            raise SystemExit(f"state_organs: unknown {country}")
        masc, fem, names = split_bar(r["masc"]), split_bar(r["fem"]), split_bar(r["names"])
        for code in r["organs"]:
            suffix, en, role, templates = ORGANS[code]
            eid = f"org:{r['adj']}-{suffix}"
            if code == "A" and r["adj"] == "russian":
                eid = "org:russian-armed-forces"
            name_en = f"{r['adj_en']} {en}" if code in "GARC" else f"{en} ({kb.ents[country]['name_en']})"
            if code == "A":
                # News English: "Syrian Army", but "Russian/US Armed Forces" for the two
                # militaries whose Arabic reports say القوات more than الجيش.
                name_en = f"{r['adj_en']} {'Armed Forces' if r['adj'] in ('russian', 'american', 'us') else 'Army'}"
            forms = []
            for t in templates:
                if "{M}" in t:
                    forms += [t.replace("{M}", m) for m in masc]
                elif "{F}" in t:
                    forms += [t.replace("{F}", f) for f in fem]
                else:
                    forms += [t.replace("{X}", x) for x in names]
            if code == "A":
                forms += split_bar(r["army_extra"])
            if eid in kb.ents:
                raise SystemExit(f"state_organs: {eid} already defined")
            kb.add_entity(eid, "ORG", forms[0], name_en, "", "", role, country, origin="organ")
            for f in forms:
                kb.add_alias(f, eid, "name")


COUNTRYSIDE_DIRS = ["الشمالي", "الجنوبي", "الشرقي", "الغربي", "الشمالي الشرقي", "الشمالي الغربي",
                    "الجنوبي الشرقي", "الجنوبي الغربي", "الأوسط"]


def add_countryside(kb):
    """LOC entities for the countryside of cities ("ريف حلب", "ريف حلب الشمالي")."""
    for r in read_tsv(os.path.join(HAND, "countryside_targets.tsv")):
        base = r["id"]
        if base not in kb.ents:
            print(f"warning: countryside_targets: unknown {base}", file=sys.stderr)
            continue
        names = split_bar(r["names"])
        eid = f"loc:{r['slug']}-countryside"
        kb.add_entity(eid, "LOC", "ريف " + names[0], kb.ents[base]["name_en"] + " countryside", "", "",
                      "region", base, origin="direction")
        for n in names:
            kb.add_alias("ريف " + n, eid, "name")
            for d in COUNTRYSIDE_DIRS:
                kb.add_alias(f"ريف {n} {d}", eid, "name")


def load_geonames(kb, freq, capitals, report):
    stop = set()
    allow = set()
    for fn, target in (("stop_aliases.txt", stop), ("allow_aliases.txt", allow)):
        p = os.path.join(HAND, fn)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                for line in f:
                    line = line.split("#")[0].strip()
                    if line:
                        target.add(clean_ar(line))
                        target.add(fold(clean_ar(line)))
    rows = []
    with open(os.path.join(GAZ, "cities500_arabic.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            r["population"] = int(r["population"] or 0)
            rows.append(r)
    # capital cities: the GeoNames place of that name in that country
    cap_gid = {}
    for a2, (cap_en, ceid) in capitals.items():
        best = None
        for r in rows:
            if r["countrycode"] == a2 and (r["name"] == cap_en or slugify(r["name"]) == slugify(cap_en)):
                if best is None or r["population"] > best["population"]:
                    best = r
        if best:
            cap_gid[best["geonameid"]] = ceid
    rows.sort(key=lambda r: (-r["population"], r["geonameid"]))
    by_latin = {}
    for r in rows:
        by_latin.setdefault((r["countrycode"], r["name"]), r)
    twin = {}  # geonameid -> hand entity that takes its place
    for eid, latin in kb.geo_refs.items():
        cc = kb.country_of(eid)
        if re.match(r"^[A-Z]{2}:", latin):
            cc, latin = latin[:2], latin[3:]
        r = by_latin.get((cc, latin))
        if r is None:
            raise SystemExit(f"{eid}: no GeoNames place {latin!r} in {cc}")
        kb.ents[eid]["lat"], kb.ents[eid]["lon"] = fmt_coord(r["latitude"]), fmt_coord(r["longitude"])
        twin[r["geonameid"]] = eid
    # also absorb rows without a usable Arabic name when the Latin name gives the hand id's slug
    hand_by_latin = {}
    # hand GPE entities (not countries) by country and name, to absorb their GeoNames twin
    hand_by_cc = collections.defaultdict(dict)
    for eid, e in kb.ents.items():
        if e["type"] == "GPE" and eid not in kb.cc_of and e["origin"] == "hand":
            cc = kb.country_of(eid)
            if cc:
                hand_by_latin[(cc, eid.split(":", 1)[1])] = eid
                for (al, aid) in kb.aliases:
                    if aid == eid:
                        hand_by_cc[cc].setdefault(al, eid)
    absorbed = set()
    admin_parent = {}  # (country, GeoNames admin1 code) -> hand province entity
    for r in read_tsv(os.path.join(HAND, "admin1_regions.tsv")):
        admin_parent[(r["countrycode"], r["admin1code"])] = r["id"]
    hand_aliases = set(kb.alias_owner)
    slug_count = collections.Counter()
    pending = []
    for r in rows:
        cc = r["countrycode"]
        pop = r["population"]
        is_cap = r["geonameid"] in cap_gid
        if not is_cap and not ((cc in MENA and pop >= MIN_POP_BY_COUNTRY.get(cc, MENA_MIN_POP)) or pop >= WORLD_MIN_POP
                               or (cc in CORE and pop == 0)):
            continue
        names = []
        for n in r["arabic_names"].split("|"):
            n = clean_ar(n)
            for pre in ("مدينة ", "بلدة ", "قرية "):
                if n.startswith(pre) and len(n) > len(pre) + 2:
                    names.append(n[len(pre):])
            if (n and ARABIC_ONLY.match(n) and len(n.replace(" ", "")) >= 3 and n not in names
                    and min(len(w) for w in n.split()) >= 2):
                names.append(n)
        # absorb into a hand entity?
        target = twin.get(r["geonameid"])
        for n in names if target is None else []:
            t = hand_by_cc.get(cc, {}).get(n)
            if t and t not in absorbed:
                target = t
                break
        if target is None:
            t = hand_by_latin.get((cc, slugify(r["name"])))
            if t and t not in absorbed:
                target = t
        if target:
            absorbed.add(target)
            # A unit inside a first-level region or province (the governorate of Bisha in the
            # Asir region) does not stand for GeoNames' admin1 code: it must not become the
            # parent of the whole region's towns.
            up = kb.ents.get(kb.ents[target]["parent"], {}).get("roles", "").split("|")
            if (any(x in kb.ents[target]["roles"] for x in ("governorate", "province", "region", "emirate"))
                    and not ({"region", "province"} & set(up))):
                admin_parent.setdefault((cc, r["admin1code"]), target)
            e = kb.ents[target]
            if not e["lat"]:
                e["lat"], e["lon"] = fmt_coord(r["latitude"]), fmt_coord(r["longitude"])
            if is_cap and kb.ents[target]["parent"]:
                cap_role(kb, target, cap_gid[r["geonameid"]])
            for n in names:
                if n not in kb.alias_owner and keep_alias(n, pop, freq, stop, allow, report, r):
                    kb.add_alias(n, target, "name")
            continue
        if not names:
            continue
        keep = []
        for n in names:
            if n in hand_aliases or n in kb.alias_owner:
                continue  # taken by a hand entity or by a bigger place
            if not keep_alias(n, pop, freq, stop, allow, report, r):
                continue
            keep.append(n)
        if not keep:
            continue
        base = slugify(r["name"]) or "place"
        pending.append((r, keep, base, is_cap))
        slug_count[base] += 1
        for n in keep:
            kb.alias_owner[n].add("?")  # reserve, so smaller namesakes do not take it
    used_ids = set(kb.ents)
    for r, keep, base, is_cap in pending:
        eid = "gpe:" + base
        if slug_count[base] > 1 or eid in used_ids:
            eid = f"gpe:{base}-{r['countrycode'].lower()}"
        k = 2
        while eid in used_ids:
            eid = f"gpe:{base}-{r['countrycode'].lower()}-{k}"
            k += 1
        used_ids.add(eid)
        parent = admin_parent.get((r["countrycode"], r["admin1code"])) or country_id(kb, r["countrycode"])
        kb.add_entity(eid, "GPE", keep[0], plain_latin(r["name"]), r["latitude"], r["longitude"],
                      "city" if r["population"] >= 100000 else "town", parent, origin="geonames")
        if is_cap:
            cap_role(kb, eid, cap_gid[r["geonameid"]])
        for n in keep:
            kb.alias_owner[n].discard("?")
            kb.add_alias(n, eid, "name")
    for al in list(kb.alias_owner):
        kb.alias_owner[al].discard("?")
    return absorbed


def cap_role(kb, eid, country):
    e = kb.ents[eid]
    role = "capital of " + kb.ents[country]["name_en"]
    roles = [x for x in e["roles"].split("|") if x]
    if role not in roles:
        roles.insert(0, role)
    if "city" not in roles and "town" not in roles:
        roles.append("city")
    e["roles"] = "|".join(roles)
    if not e["parent"]:
        e["parent"] = country


def country_id(kb, cc):
    for eid, a2 in kb.cc_of.items():
        if a2 == cc:
            return eid
    return ""


def fold(s):
    """Loose matching key, close to what the loader does: alef/hamza seats, ta marbuta, alef maqsura."""
    s = re.sub("[أإآٱ]", "ا", s)
    return s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")


def keep_alias(n, pop, freq, stop, allow, report, r):
    if n in allow:
        return True
    if n in stop or fold(n) in stop:
        report["stoplist"].append((n, r["name"], r["countrycode"], pop, 0))
        return False
    if " " in n or pop >= BIG_PLACE_POP:
        return True
    f = freq.get(fold(n), 0)
    limit = SMALL_PLACE_MAX_FREQ if pop < SMALL_PLACE_POP else MID_PLACE_MAX_FREQ
    if f >= limit:
        report["common"].append((n, r["name"], r["countrycode"], pop, f))
        return False
    return True


# Honorifics and titles that news puts before a person's name. The gold annotation leaves them outside
# the mention, so aliases of people do not start with them, except where the bare remainder is a single
# common first name ("الملك سلمان", "السلطان قابوس"): then the linker trims the title (titles.tsv).
PERSON_TITLES = ["خادم الحرمين الشريفين", "ولي العهد", "آية الله", "الملكة", "الملك", "الأمير", "السلطان",
                 "الشيخ", "البابا", "الرئيس", "السيد", "المشير", "العميد", "اللواء", "البطريرك", "المفتي",
                 "الإمام", "الدكتور", "النبي", "الرسول", "سيدنا", "نبينا"]


def strip_person_titles(kb):
    for (al, eid), kind in list(kb.aliases.items()):
        if kb.ents[eid]["type"] != "PERSON":
            continue
        rest = al
        changed = True
        while changed:
            changed = False
            for t in PERSON_TITLES:
                if rest.startswith(t + " "):
                    rest = rest[len(t) + 1:]
                    changed = True
        if rest == al:
            continue
        # "عبد الله" is one name written in two words: "الملك عبد الله" keeps its title like "الملك سلمان"
        if len(rest.replace("عبد ", "عبد").split()) >= 2 or (rest, eid) in kb.aliases:
            del kb.aliases[(al, eid)]
            kb.alias_owner[al].discard(eid)
            kb.add_alias(rest, eid, kind)


def copy_table(src, dst, comment):
    rows = read_tsv(src)
    if not rows:
        raise SystemExit(f"{src}: empty")
    header = list(rows[0].keys())
    seen = set()
    out = []
    for r in rows:
        key = tuple(r[h] for h in header)
        if key in seen:
            continue
        seen.add(key)
        out.append(key)
    out.sort()
    with open(dst, "w", encoding="utf-8") as f:
        for c in comment:
            f.write("# " + c + "\n")
        f.write("\t".join(header) + "\n")
        for key in out:
            f.write("\t".join(key) + "\n")
    return len(out)


LICENCE = [
    "marsad knowledge base, generated by tools/kb/build.py - do not edit by hand.",
    "Places derived from GeoNames (geonames.org, CC BY 4.0) via /work/shared/data/gazetteer-geonames-ar;",
    "country names partly from iso-codes (LGPL-2.1); other facts hand-compiled for marsad.",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "crates", "extract", "data", "kb"))
    ap.add_argument("--report", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "marsad-kb-report.txt"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    kb = KB()
    freq = collections.Counter()
    for w, n in word_freq().items():
        freq[fold(w)] += n
    capitals = load_countries(kb)
    load_hand_entities(kb)
    add_state_organs(kb)
    add_direction_regions(kb)
    report = collections.defaultdict(list)
    load_geonames(kb, freq, capitals, report)
    add_countryside(kb)
    strip_person_titles(kb)
    # extra aliases for generated entities (alias<TAB>id<TAB>kind)
    ep = os.path.join(HAND, "extra_aliases.tsv")
    if os.path.exists(ep):
        for r in read_tsv(ep):
            if r["id"] not in kb.ents:
                raise SystemExit(f"extra_aliases: unknown id {r['id']}")
            kb.add_alias(r["alias"], r["id"], r["kind"] or "name")
    # names written in Latin letters (alias<TAB>id)
    lp = os.path.join(HAND, "latin_aliases.tsv")
    if os.path.exists(lp):
        for r in read_tsv(lp):
            if r["id"] not in kb.ents:
                raise SystemExit(f"latin_aliases: unknown id {r['id']}")
            kb.add_latin_alias(r["alias"], r["id"])
    # drop aliases listed as wrong for a given id (alias<TAB>id)
    dp = os.path.join(HAND, "drop_aliases.tsv")
    if os.path.exists(dp):
        for r in read_tsv(dp):
            kb.aliases.pop((clean_ar(r["alias"]), r["id"]), None)
    with open(os.path.join(args.out, "entities.tsv"), "w", encoding="utf-8") as f:
        for c in LICENCE:
            f.write("# " + c + "\n")
        f.write("id\ttype\tname_ar\tname_en\tlat\tlon\troles\tparent\n")
        for eid in sorted(kb.ents):
            e = kb.ents[eid]
            f.write("\t".join(e[k] for k in ("id", "type", "name_ar", "name_en", "lat", "lon", "roles", "parent")) + "\n")
    with open(os.path.join(args.out, "aliases.tsv"), "w", encoding="utf-8") as f:
        for c in LICENCE:
            f.write("# " + c + "\n")
        f.write("alias\tid\tkind\n")
        for (al, eid) in sorted(kb.aliases):
            f.write(f"{al}\t{eid}\t{kb.aliases[(al, eid)]}\n")
    hand_lic = ["marsad knowledge base, generated by tools/kb/build.py from tools/kb/hand/ - do not edit by hand.",
                "Hand-compiled facts (public knowledge); written for marsad."]
    n_t = copy_table(os.path.join(HAND, "titles.tsv"), os.path.join(args.out, "titles.tsv"), hand_lic)
    n_o = copy_table(os.path.join(HAND, "offices.tsv"), os.path.join(args.out, "offices.tsv"), hand_lic)
    n_d = copy_table(os.path.join(HAND, "directions.tsv"), os.path.join(args.out, "directions.tsv"), hand_lic)
    types = collections.Counter(e["type"] for e in kb.ents.values())
    origins = collections.Counter(e["origin"] for e in kb.ents.values())
    with open(args.report, "w", encoding="utf-8") as f:
        f.write(f"entities {len(kb.ents)} {dict(types)} {dict(origins)}\naliases {len(kb.aliases)}\n")
        f.write(f"titles {n_t} offices {n_o} directions {n_d}\n")
        nocoord = [e["id"] for e in kb.ents.values() if e["type"] in ("GPE", "FAC") and not e["lat"]]
        f.write(f"GPE/FAC without coordinates ({len(nocoord)}): {' '.join(sorted(nocoord))}\n")
        for k in sorted(report):
            f.write(f"== dropped ({k}) {len(report[k])}\n")
            for x in sorted(report[k], key=lambda x: -x[-1]):
                f.write("\t".join(map(str, x)) + "\n")
    print(f"entities {len(kb.ents)} {dict(types)}; aliases {len(kb.aliases)}; titles {n_t}; offices {n_o}; "
          f"directions {n_d}; report {args.report}")
    # The transliteration's spellings taken from the people just written.
    lexicons = os.path.join(os.path.dirname(os.path.abspath(args.out)), "lexicons")
    if os.path.isdir(lexicons):
        spellings = os.path.join(lexicons, "entity_kb_spellings.tsv")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "..", "lexicons", "kb_spellings.py"),
                        "--kb", os.path.join(args.out, "entities.tsv")],
                       stdout=open(spellings, "w", encoding="utf-8"), check=True)
        print(f"spellings {spellings}")


if __name__ == "__main__":
    main()
