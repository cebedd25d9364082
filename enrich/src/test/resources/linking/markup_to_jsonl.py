#!/usr/bin/env python3
"""Writes linking-gold.jsonl from linking-gold.src.txt (SOURCES.md): offsets are computed, never typed.

Usage (from this directory): python3 markup_to_jsonl.py
"""
import json
import re

TYPES = {"P": "PERSON", "O": "ORGANIZATION", "L": "LOCATION"}
GOLD = re.compile(r"^(Q[1-9][0-9]*|geo:[1-9][0-9]*|NIL|IGNORE)$")
MARK = re.compile(r"\[\[([^|\]]+)\|([^|\]]+)\|([POL])\]\]")

with open("linking-gold.src.txt", encoding="utf-8") as f, open(
    "linking-gold.jsonl", "w", encoding="utf-8"
) as out:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        rid, lang, marked = (part.strip() for part in line.split(" | ", 2))
        text, mentions, pos = [], [], 0
        length = 0
        for m in MARK.finditer(marked):
            before = marked[pos : m.start()]
            text.append(before)
            length += len(before)
            surface, gold, typ = m.group(1), m.group(2), m.group(3)
            if not GOLD.match(gold):
                raise SystemExit(f"{rid}: bad gold {gold}")
            mentions.append(
                {"start": length, "end": length + len(surface), "text": surface,
                 "type": TYPES[typ], "gold": gold}
            )
            text.append(surface)
            length += len(surface)
            pos = m.end()
        text.append(marked[pos:])
        t = "".join(text)
        if "[[" in t or "]]" in t:
            raise SystemExit(f"{rid}: unbalanced markup")
        for mn in mentions:
            # Java String offsets count UTF-16 units; the texts here are in the BMP, so they agree.
            assert t[mn["start"] : mn["end"]] == mn["text"]
        out.write(json.dumps({"id": rid, "language": lang, "text": t, "mentions": mentions},
                             ensure_ascii=False) + "\n")
