#!/usr/bin/python3
"""Generate ontology/gazetteer/countries.tsv.

Reads Debian iso-codes (iso_3166-1.json: current countries and territories;
iso_3166-3.json: withdrawn codes) and the hand-kept overrides in
countries-extra.tsv (its header explains how a row is applied), and writes
countries.tsv with the columns

    slug  label  kind  alpha2  names  adjectives

sorted by slug. The output depends only on the two inputs, so it can be
regenerated and compared (tests/cli/gazetteer.sh does).

    /usr/bin/python3 ontology/gazetteer/make-countries.py [-o FILE]
        [--iso-dir /usr/share/iso-codes/json] [--extra countries-extra.tsv]
"""

import argparse
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("country", "territory", "former")


def slugify(label):
    """ASCII, lower case, apostrophes dropped, other runs of non-alphanumerics
    as one '-': "Côte d'Ivoire" -> "cote-divoire"."""
    s = unicodedata.normalize("NFKD", label)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace("\u2019", "")
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def inverted(name):
    """ISO's inverted forms: "Korea, Republic of", "Congo, The Democratic
    Republic of the", "Palestine, State of"."""
    return re.search(r", .*\bof( the)?$", name) is not None


def split(field):
    return [v.strip() for v in field.split("|") if v.strip()] if field else []


def add_names(names, values):
    for v in values:
        if v.startswith("-"):
            v = v[1:]
            if v in names:
                names.remove(v)
        elif v not in names:
            names.append(v)


def die(msg):
    sys.stderr.write("make-countries: %s\n" % msg)
    sys.exit(1)


def read_extra(path):
    rows, ambiguous = [], set()
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# ambiguous:"):
                ambiguous.update(split(line.split(":", 1)[1]))
                continue
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                die("%s:%d: %d fields, expected 6" % (path, lineno, len(fields)))
            rows.append((lineno, fields))
    return rows, ambiguous


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--extra", default=os.path.join(HERE, "countries-extra.tsv"))
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "countries.tsv"))
    args = ap.parse_args()

    with open(os.path.join(args.iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        current = json.load(f)["3166-1"]
    with open(os.path.join(args.iso_dir, "iso_3166-3.json"), encoding="utf-8") as f:
        withdrawn = {e["alpha_4"]: e for e in json.load(f)["3166-3"]}
    extra, ambiguous = read_extra(args.extra)

    # Current countries, keyed by alpha-2.
    by_code = {}
    for e in current:
        names = []
        for key in ("official_name", "name", "common_name"):
            v = e.get(key)
            if not v:
                continue
            v = re.sub(r"^the ", "", v)
            if not inverted(v) and v not in names:
                names.append(v)
        label = e.get("common_name") or e["name"]
        by_code[e["alpha_2"]] = {"slug": "", "label": label, "kind": "country",
                                 "alpha2": e["alpha_2"], "names": names,
                                 "adjectives": []}

    out = list(by_code.values())
    merges, decided = [], set()
    for lineno, (slug, label, kind, code, names, adjectives) in extra:
        where = "%s:%d" % (args.extra, lineno)
        if kind and kind not in KINDS + ("merge", "skip"):
            die("%s: unknown kind %r" % (where, kind))
        if code in by_code:
            r = by_code[code]
            if kind in ("merge", "skip"):
                die("%s: %s is a current code" % (where, kind))
            if label and label != r["label"]:
                if r["label"] not in r["names"] and not inverted(r["label"]):
                    r["names"].insert(0, r["label"])
                r["label"] = label
            r["slug"] = slug or r["slug"]
            r["kind"] = kind or r["kind"]
            add_names(r["names"], split(names))
            add_names(r["adjectives"], split(adjectives))
        elif len(code) == 4:
            if code not in withdrawn:
                die("%s: %s is not an ISO 3166-3 code" % (where, code))
            decided.add(code)
            if kind == "former":
                if not (slug and label):
                    die("%s: a former country needs slug and label" % where)
                r = {"slug": slug, "label": label, "kind": "former",
                     "alpha2": withdrawn[code]["alpha_2"], "names": [],
                     "adjectives": []}
                add_names(r["names"], split(names))
                add_names(r["adjectives"], split(adjectives))
                out.append(r)
            elif kind == "merge":
                if not slug:
                    die("%s: merge needs the slug of the country" % where)
                merges.append((where, slug, split(names), split(adjectives)))
            elif kind != "skip":
                die("%s: a withdrawn code needs kind former, merge or skip" % where)
        else:
            if not (slug and label and kind in KINDS):
                die("%s: a new row needs slug, label and kind" % where)
            r = {"slug": slug, "label": label, "kind": kind, "alpha2": code,
                 "names": [], "adjectives": []}
            add_names(r["names"], split(names))
            add_names(r["adjectives"], split(adjectives))
            out.append(r)

    for code in sorted(set(withdrawn) - decided):
        sys.stderr.write("make-countries: warning: withdrawn code %s (%s) "
                         "not in %s; skipped\n"
                         % (code, withdrawn[code]["name"], args.extra))

    for r in out:
        r["slug"] = r["slug"] or slugify(r["label"])
    by_slug = {}
    for r in out:
        if r["slug"] in by_slug:
            die("duplicate slug %s" % r["slug"])
        by_slug[r["slug"]] = r
    for where, slug, names, adjectives in merges:
        if slug not in by_slug:
            die("%s: no country with slug %s" % (where, slug))
        add_names(by_slug[slug]["names"], names)
        add_names(by_slug[slug]["adjectives"], adjectives)

    # Every surface form names one country, unless declared ambiguous.
    owner = {}
    for r in out:
        r["names"] = [n for n in r["names"] if n != r["label"]]
        forms = set([r["label"]] + r["names"] + r["adjectives"])
        for form in forms:
            key = form.casefold()
            if key in owner and owner[key] != r["slug"] and form not in ambiguous:
                die("%r names both %s and %s; add it to '# ambiguous:' in %s "
                    "if that is meant" % (form, owner[key], r["slug"], args.extra))
            owner[key] = r["slug"]
        for field in ("label", "names", "adjectives"):
            v = r[field] if field == "label" else "|".join(r[field])
            if "\t" in v or "\n" in v:
                die("%s: TAB or newline in %s" % (r["slug"], field))
        if r["kind"] == "country" and r["alpha2"] and not r["adjectives"]:
            die("%s: a country needs at least one adjective" % r["slug"])

    out.sort(key=lambda r: r["slug"])
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# countries.tsv: countries, territories and former states, for the vitae extractor.\n"
            "# GENERATED by make-countries.py from Debian iso-codes (iso_3166-1.json,\n"
            "# iso_3166-3.json; LGPL-2.1+) and countries-extra.tsv (hand-kept: English\n"
            "# Wikipedia article titles as labels, other names, former names, demonyms and\n"
            "# adjectives written from general knowledge). Do not edit: edit the overrides.\n"
            "# kind: country (sovereign or self-governing state, incl. partially recognised),\n"
            "# territory (dependent territory or area; an extractor types it vt:Place),\n"
            "# former (a state that no longer exists; typed vt:Country).\n"
            "# alpha2: ISO 3166-1 code (ISO 3166-3's old alpha-2 for a former state).\n"
            "# names: other names of the same country; adjectives: forms used before a noun\n"
            "# ('Kazakh', 'U.S.'). Case matters: match 'US' only as written.\n"
            "# ambiguous: %s\n"
            "# slug\tlabel\tkind\talpha2\tnames\tadjectives\n" % "|".join(sorted(ambiguous)))
        for r in out:
            f.write("\t".join([r["slug"], r["label"], r["kind"], r["alpha2"],
                               "|".join(r["names"]), "|".join(r["adjectives"])]) + "\n")
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
