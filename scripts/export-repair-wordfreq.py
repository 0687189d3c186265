#!/usr/bin/env python3
"""Exports the Swedish word-frequency list of the `wordfreq` package (CC BY-SA 4.0) for the repair stage.

Writes data/wordfreq/sv.tsv: one word a line, most frequent first, `word<TAB>zipf*100` (zipf is log10 of
the frequency per billion words). Only words made of letters (and inner hyphens) are kept, so numbers and
punctuation tokens stay out. Run: pip install wordfreq==3.1.1 && python3 scripts/export-repair-wordfreq.py
"""
import pathlib
import re

import wordfreq

LIMIT = 300_000
MIN_ZIPF = 1.0
WORD = re.compile(r"^[a-zåäöéüæøà]+(?:-[a-zåäöéüæøà]+)*$")

out = pathlib.Path(__file__).resolve().parent.parent / "data" / "wordfreq" / "sv.tsv"
out.parent.mkdir(parents=True, exist_ok=True)
rows = []
for word in wordfreq.top_n_list("sv", 2_000_000, wordlist="large"):
    if not WORD.match(word):
        continue
    zipf = wordfreq.zipf_frequency(word, "sv", wordlist="large")
    if zipf < MIN_ZIPF:
        break
    rows.append(f"{word}\t{round(zipf * 100)}")
    if len(rows) >= LIMIT:
        break
out.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"{len(rows)} words written to {out}")
