#!/usr/bin/env python3
"""Checks a `datagouv.json` written by Carnet against data.gouv.fr's rules.

The rules are udata's (data.gouv.fr's platform), written down here apart from the Rust engine
so that the engine's own checks are checked: field lengths, tag slugs, licence, frequency,
granularity and zone ids, dates, resource types. See ../shared/reference/datagouv.md.

Usage: datagouv.py path/to/datagouv.json  → exit 0 when valid, else 1 with one line per fault.
"""
import json
import re
import sys
import unicodedata
from datetime import date

LICENSES = {"lov2", "fr-lo", "odc-odbl", "odc-by", "odc-pddl", "cc-by", "cc-by-sa", "cc-zero",
            "notspecified", "other-at", "other-open", "other-pd"}
# udata 17, core/dataset/constants.py, UpdateFrequency (legacy ids it rewrites are refused).
FREQUENCIES = {"continuous", "oneMinute", "fiveMinutes", "tenMinutes", "fifteenMinutes", "thirtyMinutes",
               "hourly", "bihourly", "trihourly", "twelveHours", "severalTimesADay", "threeTimesADay",
               "semidaily", "daily", "fiveTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly", "biweekly",
               "threeTimesAMonth", "semimonthly", "monthly", "bimonthly", "quarterly", "threeTimesAYear",
               "semiannual", "annual", "biennial", "triennial", "quadrennial", "quinquennial", "decennial",
               "bidecennial", "tridecennial", "punctual", "irregular", "never", "notPlanned", "other", "unknown"}
assert len(FREQUENCIES) == 40
GRANULARITIES = {"fr:commune", "fr:iris", "fr:epci", "fr:departement", "fr:region", "fr:canton",
                 "fr:arrondissement", "fr:collectivite", "country", "country-group", "country-subset", "poi", "other"}
RESOURCE_TYPES = {"main", "documentation", "update", "api", "code", "other"}
ZONE = re.compile(r"^(fr:commune:(\d{2}|2[AB])\d{3}|fr:iris:(\d{2}|2[AB])\d{7}|fr:epci:\d{9}"
                  r"|fr:departement:(\d{2}|2[AB]|97\d)|fr:region:\d{2}|country:fr)$")


def slugify(text):
    """udata's tag slug: ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def iso_date(text):
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def faults(doc):
    d = doc.get("dataset", {})
    out = []

    def need(cond, message):
        if not cond:
            out.append(message)

    title = d.get("title", "")
    need(isinstance(title, str) and title.strip(), "dataset.title: required")
    need(len(title) <= 350, f"dataset.title: {len(title)} characters, at most 350")
    desc = d.get("description", "")
    need(isinstance(desc, str) and desc.strip(), "dataset.description: required")
    need(len(desc) <= 100_000, "dataset.description: at most 100,000 characters")
    need(len(d.get("description_short", "")) <= 200, "dataset.description_short: at most 200 characters")
    for tag in d.get("tags", []):
        need(slugify(tag) == tag, f"dataset.tags: {tag!r} is not a slug ({slugify(tag)!r})")
        need(3 <= len(tag) <= 96, f"dataset.tags: {tag!r} must have 3 to 96 characters")
    need(d.get("license") in LICENSES, f"dataset.license: unknown id {d.get('license')!r}")
    need(d.get("frequency") in FREQUENCIES, f"dataset.frequency: unknown id {d.get('frequency')!r}")
    coverage = d.get("temporal_coverage")
    if coverage is not None:
        start, end = iso_date(coverage.get("start", "")), coverage.get("end")
        need(start is not None, "dataset.temporal_coverage.start: an ISO date is required")
        if end is not None:
            need(iso_date(end) is not None, "dataset.temporal_coverage.end: not an ISO date")
            need(start is None or iso_date(end) is None or start <= iso_date(end),
                 "dataset.temporal_coverage: ends before it starts")
    spatial = d.get("spatial", {})
    for zone in spatial.get("zones", []):
        need(ZONE.match(zone), f"dataset.spatial.zones: {zone!r} is not a zone id")
    need(spatial.get("granularity") in GRANULARITIES,
         f"dataset.spatial.granularity: unknown id {spatial.get('granularity')!r}")
    need(isinstance(d.get("private", False), bool), "dataset.private: a boolean")
    allowed = {"title", "description", "description_short", "acronym", "tags", "license", "frequency",
               "temporal_coverage", "spatial", "private", "extras"}
    for key in d:
        need(key in allowed, f"dataset.{key}: not a field of data.gouv.fr's API")
    for i, r in enumerate(doc.get("resources", [])):
        f = r.get("fields", {})
        need(r.get("file"), f"resources[{i}].file: required")
        need(f.get("title", "").strip(), f"resources[{i}].title: required")
        need(f.get("type") in RESOURCE_TYPES, f"resources[{i}].type: unknown id {f.get('type')!r}")
        need(re.fullmatch(r"[a-z0-9]+", f.get("format", "")), f"resources[{i}].format: lower case")
    need(any(r.get("fields", {}).get("type") == "main" for r in doc.get("resources", [])),
         "resources: no main resource")
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    problems = faults(doc)
    for p in problems:
        print(p)
    if not problems:
        print("datagouv.json: valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
