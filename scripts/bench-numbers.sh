#!/usr/bin/env bash
# Swedish number parsing: styrdok's parser next to Babel's parse_decimal (locale sv_SE) on the same lines,
# the cell and styrtal texts of the three seed documents repeated to N lines. Prints time, throughput and
# how the two readings differ. Needs: cargo, python3 with babel (pip install babel).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin styrdok
cargo build --release --quiet -p styrdok-eval --example parse_numbers
for f in fixtures/seeds/*.txt; do
  ./target/release/styrdok extract "$f" > "$work/$(basename "$f" .txt).json"
done
python3 - "$work" "$n" <<'PY'
import json, glob, sys, itertools
work, n = sys.argv[1], int(sys.argv[2])
texts = []
for path in sorted(glob.glob(work + "/*.json")):
    d = json.load(open(path))
    for t in d["tables"]:
        for row in t["rows"]:
            texts += [c["text"] for c in row[1:] if c["text"]]
    for i in d["indicators"]:
        texts += [c["text"] for c in (i["outcome"], i["target"], i["long_term_target"]) if c]
# Forms the seeds do not contain but Swedish documents do: no-break space, U+2212, an ambiguous separator.
texts += ["2\u00a0451,7", "\u22126\u00a0975,0", "1.250", "12,500"]
open(work + "/distinct.txt", "w").write("\n".join(texts) + "\n")
with open(work + "/corpus.txt", "w") as out:
    for t in itertools.islice(itertools.cycle(texts), n):
        out.write(t + "\n")
print(f"{len(texts)} distinct cell texts from the seeds, repeated to {n} lines")
PY
./target/release/examples/parse_numbers < "$work/corpus.txt"
python3 - "$work/corpus.txt" <<'PY'
import sys, time
from babel.numbers import parse_decimal, NumberFormatError
lines = open(sys.argv[1]).read().splitlines()
t0 = time.perf_counter()
ok = bad = 0
for s in lines:
    try:
        parse_decimal(s, locale="sv_SE")
        ok += 1
    except (NumberFormatError, ValueError):
        bad += 1
secs = time.perf_counter() - t0
print(f"babel    {len(lines):>8} lines {secs*1000:>8.1f} ms {len(lines)/secs:>10.0f} lines/s  parsed {ok} rejected {bad}")
PY
echo "readings that differ (distinct texts; text both leave alone is not listed): text | styrdok | babel"
./target/release/examples/parse_numbers --each < "$work/distinct.txt" | python3 -c '
import sys
from babel.numbers import parse_decimal, NumberFormatError
seen = set()
for line in sys.stdin.read().splitlines():
    text, ours = line.split("\t")
    if text in seen:
        continue
    seen.add(text)
    try:
        theirs = str(float(parse_decimal(text, locale="sv_SE")))
    except (NumberFormatError, ValueError):
        theirs = "rejected"
    try:
        same = float(ours) == float(theirs)
    except ValueError:
        same = False
    if not same and not (ours == "not a number" and theirs == "rejected"):
        print(f"  {text!r:42} {ours:16} {theirs}")
'
