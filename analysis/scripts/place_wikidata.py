#!/usr/bin/env python3
"""Writes place-wikidata.tsv: the Wikidata id of every first-level ISO 3166-2 subdivision and of
every country's capital (see place-wikidata.NOTICE.md beside the table).

Inputs (nothing is downloaded here):
  DR5HN   a checkout of github.com/dr5hn/countries-states-cities-database (ODbL-1.0): its
          csv/states.csv (subdivisions, with iso3166_2 and wikiDataId), csv/countries.csv
          (capital names) and contributions/cities/<CC>.json (cities, with wikiDataId)
  GEONAMES a folder with countryInfo.txt and cities15000.txt (the files the knowledge base reads,
          from the opensextant-xponents-core jar: unzip -j JAR 'geonames.org/*' -d DIR)

  COUNTRIES country-wikidata.tsv (the countries' ids: a city-state's capital is the country)

Usage: python3 place_wikidata.py DR5HN GEONAMES COUNTRIES > place-wikidata.tsv
"""
import csv
import json
import re
import os
import sys
import unicodedata

dr5hn, geonames, country_wikidata = sys.argv[1], sys.argv[2], sys.argv[3]


def norm(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(s.replace("-", " ").replace("'", "").replace("’", "").split())


out = []
warn = []

# subdivisions whose id in the source is another place's (checked by hand): Kalimantan Barat has
# the id of Kalimantan (the island, ID-KA; an independent list of the provinces' ids gives Q3916,
# kept in places.tsv), Florida in Puerto Rico the id of the U.S. state
WRONG_REGION = {"ID-KB": "Q3795", "PR-054": "Q812"}

# First-level subdivisions: rows without a parent, with an ISO 3166-2 code and a Wikidata id.
states = list(csv.DictReader(open(os.path.join(dr5hn, "csv/states.csv"), encoding="utf-8")))
regions = {}
for r in states:
    if r["parent_id"] or not r["iso3166_2"]:
        continue
    if not re.fullmatch(r"Q[1-9][0-9]*", r["wikiDataId"] or ""):
        warn.append("region without a Wikidata id: %s %s" % (r["iso3166_2"], r["name"]))
        continue
    if WRONG_REGION.get(r["iso3166_2"]) == r["wikiDataId"]:
        warn.append("region with another place's id: %s %s" % (r["iso3166_2"], r["name"]))
        continue
    regions.setdefault(r["iso3166_2"], r)  # a code listed twice (FR-973): the first row
by_qid = {}
for r in regions.values():
    by_qid.setdefault(r["wikiDataId"], set()).add(norm(r["name"]))
for code, r in sorted(regions.items()):
    if len(by_qid[r["wikiDataId"]]) > 1:
        # one id for two differently named subdivisions (Mbeya and Songwe): wrong for one of
        # them, and which is not known here: both left out
        warn.append("region sharing its id with another: %s %s" % (code, r["name"]))
        continue
    out.append(("region", code, "-", r["wikiDataId"], r["name"], r["type"] or "-"))

# Capitals: GeoNames' capital (feature code PPLC, else the city named as countryInfo's capital)
# of each country, with the Wikidata id of the city of that name in the same country.
cities = {}
for line in open(os.path.join(geonames, "cities15000.txt"), encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    cities.setdefault(c[8], []).append(c)
capital_names = {
    r["iso2"]: r["capital"]
    for r in csv.DictReader(open(os.path.join(dr5hn, "csv/countries.csv"), encoding="utf-8"))
}
country_qids = {}
for line in open(country_wikidata, encoding="utf-8"):
    if not line.startswith("#") and line.strip():
        country_qids[line.split("\t")[0]] = line.split("\t")[1].strip()
# ids a city cannot have: a country's, a state's or a province's (dr5hn's cities file gives Buenos
# Aires the id of Buenos Aires Province)
not_cities = set(country_qids.values()) | {
    r["wikiDataId"] for r in states if r["type"] in ("state", "province")
}
# city-states whose capital is the country itself (one Wikidata item)
CITY_STATES = {"SG", "MC", "VA", "HK", "MO"}
# capitals whose id in dr5hn's cities file is not the city's (checked by hand: the item of a
# district, municipality or division of the same name); left out, places.tsv gives the city's id
# where it is certain
WRONG_IN_SOURCE = {
    "AZ": "Q10860191", "BD": "Q1850485", "CH": "Q15621742", "MD": "Q17176229",
    "ML": "Q799794", "NP": "Q797472", "PK": "Q848613", "PR": "Q1320747", "PT": "Q33690701",
    "RW": "Q167196", "ZW": "Q5623288", "TV": "Q2481883", "NR": "Q1835785", "PS": "Q212938",
}
for line in open(os.path.join(geonames, "countryInfo.txt"), encoding="utf-8"):
    if line.startswith("#"):
        continue
    c = line.rstrip("\n").split("\t")
    iso, capital = c[0], c[5]
    if not capital:
        continue
    names = {norm(capital), norm(capital_names.get(iso, ""))} - {""}
    here = cities.get(iso, [])
    pplc = [g for g in here if g[7] == "PPLC"]
    named = [g for g in here if names & ({norm(g[1]), norm(g[2])} | {norm(a) for a in g[3].split(",")})]
    pick = [g for g in pplc if g in named] or pplc or named
    geo = max(pick, key=lambda g: int(g[14] or 0)) if pick else None
    if geo is not None:
        names |= {norm(geo[1]), norm(geo[2])}
    qids = {}  # Wikidata id -> rank
    if iso in CITY_STATES:
        qids[country_qids[iso]] = (1, 0)
    for r in states:
        # a capital that is itself a first-level subdivision: Berlin, Kyiv, DKI Jakarta, Bogota D.C.
        n, t = norm(r["name"]), r["type"] or ""
        if not qids and r["country_code"] == iso and r["wikiDataId"] and not r["parent_id"]:
            # the same name and a city's type, or "DKI Jakarta", "Bogota D.C." as capital district
            if ("city" in t or "capital" in t) and n in names or t == "capital district" and any(
                " %s " % m in " %s " % n for m in names
            ):
                qids[r["wikiDataId"]] = (1, 0)
    path = os.path.join(dr5hn, "contributions/cities/%s.json" % iso)
    if not qids and os.path.exists(path):
        for city in json.load(open(path, encoding="utf-8")):
            q = city.get("wikiDataId") or ""
            if re.fullmatch(r"Q[1-9][0-9]*", q) and norm(city["name"]) in names and q not in not_cities and q != WRONG_IN_SOURCE.get(iso):
                rank = (city.get("type") == "capital", city.get("population") or 0)
                qids[q] = max(rank, qids.get(q, rank))
    qids.pop(WRONG_IN_SOURCE.get(iso), None)
    if not qids:
        warn.append("capital %s %s: no Wikidata id in the source" % (iso, capital))
        continue
    ranked = sorted(qids, key=qids.get, reverse=True)
    if len(ranked) > 1:
        warn.append("capital %s %s: %s, took %s" % (iso, capital, ranked, ranked[0]))
    qid = ranked[0]
    name = geo[1] if geo is not None else capital
    out.append(("capital", iso, geo[0] if geo is not None else "-", qid, name, "-"))

def clean(s):
    return " ".join((s or "").split()) or "-"


print("# kind\tcode\tgeonames\twikidata\tname\ttype (see place-wikidata.NOTICE.md)")
for row in sorted(out, key=lambda r: (r[0] != "capital", r[1])):
    print("\t".join(clean(f) for f in row))
for w in warn:
    print(w, file=sys.stderr)
