#!/usr/bin/env bash
# The start-up cost of repair on born-digital documents, which need no repair: wall-clock seconds (best
# and median of RUNS) and peak memory of `styrdok extract` and `styrdok repair` on each file, side by side
# with poppler's `pdftotext` on the same file, in one run of this script. A second binary (an older build)
# may be given to time it in the same run.
#
#   scripts/bench_repair_start.sh [RUNS] [OTHER_STYRDOK]     (default 5 runs; needs GNU time, pdftotext)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
other=${2:-}
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/styrdok
files=(fixtures/real/se04_sjvfs-2009-26_foreskrifter.pdf
       fixtures/real/se05_fffs-2011-39_foreskrifter.pdf
       fixtures/real/se01_dir-2009-71_kommittedirektiv.pdf
       fixtures/real/se13_fst-anvandarhandledning_word2010.pdf)

# Prints "best median peak_MB" of a command run $runs times.
measure() {
  local times=() mem=0 out kb stats
  stats=$(mktemp)
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>&1 || true
    out=$(tail -1 "$stats")
    times+=("${out% *}")
    kb=${out#* }
    ((kb > mem)) && mem=$kb
  done
  rm -f "$stats"
  printf '%s\n' "${times[@]}" | sort -n | awk -v mem="$mem" '
    { t[NR] = $1 } END { printf "%6.3f %6.3f %6.0f", t[1], t[int((NR + 1) / 2)], mem / 1024 }'
}

printf '%-44s %-22s %s\n' "file (pages)" "command" "best s  median s  peak MB"
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  name="$(basename "$f") ($pages)"
  printf '%-44s %-22s %s\n' "$name" "pdftotext" "$(measure pdftotext "$f" /dev/null)"
  printf '%-44s %-22s %s\n' "" "styrdok extract" "$(measure "$bin" extract "$f")"
  printf '%-44s %-22s %s\n' "" "styrdok repair" "$(measure "$bin" repair "$f")"
  if [ -n "$other" ]; then
    printf '%-44s %-22s %s\n' "" "other extract" "$(measure "$other" extract "$f")"
  fi
done
