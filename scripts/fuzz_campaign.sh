#!/usr/bin/env bash
# Runs each cargo-fuzz target for a fixed time at low priority and prints, per target, the executions and the
# coverage reached every few minutes, so a plateau (coverage no longer growing) can be seen.
#
#   scripts/fuzz_campaign.sh SECONDS [TARGET...]      (default targets: pdf docx text extract)
#
# `pdf-small` runs the pdf target on its own corpus of PDFs under 20 KB (the small seeds and the small
# inputs found so far), with inputs capped at 20 KB: the whole-document fixtures run at about ten inputs a
# second, too slow to explore the parser's corners. `extract-small` does the same for the whole pipeline
# (the broken-file fixtures and the extract corpus's inputs under 20 KB): the full extract corpus of whole
# documents takes over an hour to load in the instrumented build.
#
# Needs a nightly toolchain and cargo-fuzz. Corpora live in fuzz/corpus/TARGET (git-ignored) and are seeded
# from the fixtures on the first run; crashes land in fuzz/artifacts/TARGET, to be kept in fixtures/fuzz/.
set -euo pipefail
secs=${1:?usage: fuzz_campaign.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pdf docx text extract)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
logs=${FUZZ_LOG_DIR:-$root/target/fuzz-logs}
mkdir -p "$logs"

seed() {
    local dir=corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $1 in
        pdf) cp "$root"/fixtures/pdf/*.pdf "$root"/fixtures/bad/*.pdf "$root"/fuzz/seeds/pdf/*.pdf "$dir"/ ;;
        docx) cp "$root"/fixtures/docx/*.docx "$root"/fixtures/bad/*.docx "$dir"/ ;;
        text) cp "$root"/fixtures/seeds/* "$root"/fixtures/fuzz/* "$dir"/ ;;
        extract) cp "$root"/fixtures/pdf/*.pdf "$root"/fixtures/docx/*.docx "$root"/fixtures/seeds/* "$dir"/ ;;
        pdf-small)
            cp "$root"/fuzz/seeds/pdf/*.pdf "$dir"/
            if [ -d corpus/pdf ]; then find corpus/pdf -type f -size -20k -exec cp {} "$dir"/ \; ; fi ;;
        extract-small)
            cp "$root"/fixtures/bad/* "$root"/fixtures/fuzz/* "$dir"/ 2>/dev/null || true
            if [ -d corpus/extract ]; then find corpus/extract -type f -size -20k -exec cp {} "$dir"/ \; ; fi ;;
    esac
}

cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
    seed "$t"
    log=$logs/$t.log
    start=$(date +%s)
    # -timeout: an input slower than this is reported as a hang (generous: the instrumented build runs at
    # low priority beside other work; a unit it reports is timed again with the release build before it
    # counts as a finding); -rss_limit_mb: as an out-of-memory.
    # Text inputs are cut to 4 KiB: the seeds are whole documents, and at their size the instrumented
    # text pipeline runs a few inputs a second, too few to explore; what breaks text handling breaks it
    # in a page as well.
    extra=()
    target=$t
    [ "$t" = text ] && extra=(-max_len=4096)
    [ "$t" = pdf-small ] && target=pdf && extra=(-max_len=20480)
    [ "$t" = extract-small ] && target=extract && extra=(-max_len=20480)
    # The whole pipeline's tokens (format markers, uppdrag and goal headings) as a libFuzzer dictionary.
    [ "$target" = extract ] && extra+=(-dict="$root/fuzz/extract.dict")
    nice -n 19 cargo +nightly fuzz run -O "$target" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=120 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" 2>&1 |
        while IFS= read -r line; do printf '%s %s\n' "$(($(date +%s) - start))" "$line"; done >"$log" || true
    echo "== $t ($secs s): elapsed_s execs cov ft"
    # One line per 5 minutes: the last status line libFuzzer printed before that moment.
    perl -ne 'if (/^(\d+) #(\d+)\s+[A-Z]+\s+cov: (\d+) ft: (\d+)/) { $s = int($1 / 300); $l{$s} = "$1 $2 $3 $4" }
              END { print "   $l{$_}\n" for sort { $a <=> $b } keys %l }' "$log"
    grep -E 'stat::number_of_executed_units|Test unit written|ERROR' "$log" | sed 's/^[0-9]* /   /' || true
done
