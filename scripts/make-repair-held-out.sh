#!/usr/bin/env bash
# Writes fixtures/repair/held-out/*.txt: the text layers of seven born-digital Swedish public-sector documents
# of fixtures/real (text as `styrdok extract --no-ocr --no-repair` reads and cleans it), the held-out set of
# the repair evaluation (`cargo run --release -p styrdok-eval --example repair_eval -- --held-out`). No rule
# of repair was written or tuned on these texts; see fixtures/repair/held-out/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=fixtures/repair/held-out
for name in se01_dir-2009-71_kommittedirektiv se02_ds-1998-10_departementsserien se03_hd-T170-08_dom \
            se09_sfs-1999-175_prince se10_sfs-2000-80_distiller-mac se13_fst-anvandarhandledning_word2010 \
            se17_helsingborg-samsynsguiden-2023; do
    target/release/styrdok extract --no-ocr --no-repair "fixtures/real/$name.pdf" |
        python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["text"])' >"$out/$name.txt"
done
