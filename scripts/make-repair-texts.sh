#!/usr/bin/env bash
# Writes the texts of the repair evaluation's two public-sector sets from the born-digital Swedish
# documents of fixtures/real (text as `styrdok extract --no-ocr --no-repair` reads and cleans it):
#   fixtures/repair/held-out/   seven texts no rule of repair was written or tuned on (only measured);
#   fixtures/repair/public-dev/ six texts whose errors may be read and tuned on (a development set).
# See the README.md of each folder; `cargo run --release -p styrdok-eval --example repair_eval --
# --held-out` and `-- --public-dev` measure them.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
write() {
    local out=$1
    shift
    for name in "$@"; do
        target/release/styrdok extract --no-ocr --no-repair "fixtures/real/$name.pdf" |
            python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["text"])' >"$out/$name.txt"
    done
}
write fixtures/repair/held-out \
    se01_dir-2009-71_kommittedirektiv se02_ds-1998-10_departementsserien se03_hd-T170-08_dom \
    se09_sfs-1999-175_prince se10_sfs-2000-80_distiller-mac se13_fst-anvandarhandledning_word2010 \
    se17_helsingborg-samsynsguiden-2023
write fixtures/repair/public-dev \
    se04_sjvfs-2009-26_foreskrifter se05_fffs-2011-39_foreskrifter se08_affs-2008-8_quartz \
    se11_vervafs-2007-2-allmanna-rad se12_bofs-1987-4-tob6 se15_fst-info-verksamhetsansvarig_word2010
