#!/usr/bin/env bash
# Benchmark of `styrdok run` (the batch): builds synthetic diaria of 1,000 and 10,000 documents from the
# bundled fixtures and prints, per size, documents/s and pages/s with --jobs 1 and with every core, the
# peak resident memory (/usr/bin/time -v), and the time of a re-run with nothing changed. As a reference
# it runs the same extraction as separate `styrdok extract` processes under `xargs -P` (the batch one
# would script without `run`).
#
# Usage: scripts/bench_batch.sh [SIZE...]        (default: 1000 10000)
#   BENCH_DIR=dir   keep the diaria and outputs there (default: a temporary folder, removed at the end)
#   BENCH_OCR=1     OCR the scanned copies too. Off by default: a quarter of the copies are scans, and at
#                   about 3.5 CPU-seconds per page Tesseract alone would take hours for 10,000 documents and
#                   measure Tesseract, not the batch. OCR speed has its own benchmark, scripts/bench_ocr.sh.
#
# Targets (2 cores): speed-up >= 1.8x over one job; no-change re-run of 1,000 documents < 1 s; peak
# memory of 10,000 documents within 20 % of 1,000.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
cores=$(nproc)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

cargo build --release --quiet
ocr_flag=(--no-ocr)
[ "${BENCH_OCR:-0}" = 1 ] && ocr_flag=()

work="${BENCH_DIR:-}"
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
# A copy of the binary: a rebuild during the benchmark must not change what is measured.
cp target/release/styrdok "$work/styrdok"
bin="$work/styrdok"

# Varied copies in every format present in fixtures/diarium: text gets a line of its own; PDF a trailing
# comment; DOCX/ODT an extra part in the zip; images bytes after their end marker. Every copy thus has
# its own hash (and so its own document), and readers still take it for what it is.
generate() {
  local n=$1 dest=$2
  python3 - "$n" "$dest" <<'PY'
import io, os, sys, zipfile
n, dest = int(sys.argv[1]), sys.argv[2]
src = "fixtures/diarium"
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if not f.startswith("."))
blobs = [(os.path.relpath(p, src), open(p, "rb").read()) for p in files]
def vary(data, i):
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return data + b"\n%%kopia %d\n" % i
    if data.startswith(b"PK\x03\x04"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                zout.writestr(item, zin.read(item.filename))
            zout.writestr("docProps/kopia.txt", "kopia %d" % i)
        return out.getvalue()
    if data[:4] in (b"\x89PNG", b"II*\x00", b"MM\x00*") or data[:3] == b"\xff\xd8\xff":
        return data + b"kopia %d" % i
    return data + ("\nDiarieanteckning: kopia nr %d.\n" % i).encode()
for i in range(n):
    rel, data = blobs[i % len(blobs)]
    path = os.path.join(dest, "%04d" % (i // 100), "%05d-%s" % (i, rel.replace("/", "-")))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(vary(data, i))
PY
}

# Runs a command under /usr/bin/time -v; sets $wall (s) and $rss (MiB).
measure() {
  local log="$work/time.log"
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || true
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$log")
}

report_field() { # report_field OUT python-expression-on-r
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1/run-report.json"
}

rate() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.1f" : "-"), a / b }'; }

formats=$(find fixtures/diarium -type f ! -name '.*' -exec file -b --mime-type {} + | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
echo "styrdok batch benchmark: $cores cores, fixtures: $formats"
[ ${#ocr_flag[@]} -gt 0 ] && echo "scanned pages are not OCR'd (--no-ocr; BENCH_OCR=1 includes them)"
printf '%-7s %-26s %9s %10s %10s %10s\n' docs run seconds docs/s pages/s "peak MiB"
for n in "${sizes[@]}"; do
  diarium="$work/diarium-$n"
  [ -d "$diarium" ] || generate "$n" "$diarium"
  for jobs in 1 "$cores"; do
    out="$work/out-$n-j$jobs"
    rm -rf "$out"
    measure "$bin" run "$diarium" --out "$out" --jobs "$jobs" --quiet "${ocr_flag[@]}"
    docs=$(report_field "$out" 'r["counts"]["extracted"]')
    pages=$(report_field "$out" 'r["totals"]["pages_extracted"]')
    failed=$(report_field "$out" 'r["counts"]["failed"]')
    printf '%-7s %-26s %9.2f %10s %10s %10s\n' "$n" "run --jobs $jobs" "$wall" \
      "$(rate "$docs" "$wall")" "$(rate "$pages" "$wall")" "$rss"
    [ "$failed" = 0 ] || echo "        ($failed documents failed; see $out/run-report.json)"
    [ "$jobs" = 1 ] && one_job=$wall
  done
  printf '%-7s %-26s %9s %10s\n' "$n" "speed-up $cores jobs / 1" "" "$(awk -v a="$one_job" -v b="$wall" 'BEGIN { printf "%.2f", a / b }')x"
  measure "$bin" run "$diarium" --out "$out" --jobs "$cores" --quiet "${ocr_flag[@]}"
  printf '%-7s %-26s %9.2f %10s %10s %10s   (extracted: %s)\n' "$n" "re-run, nothing changed" "$wall" "" "" "$rss" \
    "$(report_field "$out" 'r["counts"]["extracted"]')"
  ref="$work/ref-$n"
  rm -rf "$ref"
  mkdir -p "$ref"
  start=$(date +%s.%N)
  find "$diarium" -type f -print0 | xargs -0 -n 50 -P "$cores" "$bin" extract --jobs 1 "${ocr_flag[@]}" --out "$ref" 2>/dev/null || true
  ref_wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  printf '%-7s %-26s %9.2f %10s\n' "$n" "ref: xargs -P$cores extract -j1" "$ref_wall" \
    "$(rate "$(find "$ref" -name '*.json' | wc -l)" "$ref_wall")"
done
