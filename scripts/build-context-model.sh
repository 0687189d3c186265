#!/usr/bin/env bash
# Rebuilds data/context/sv.tsv, the word and word-pair counts of the repair's context model, from the
# Swedish help and documentation packages of Debian 12 at the versions pinned below (see
# data/context/SOURCE.md for their licences and the method). Needs apt-get (downloads only: nothing is
# installed), dpkg-deb and python3; build.rs compiles the result into the binary.
#
#   scripts/build-context-model.sh [WORK_DIR]
#
# The held-out texts of the repair evaluation (fixtures/repair/held-out/) and the documents they come
# from (fixtures/real/se*) are public-sector texts; none of these packages holds them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work/deb" "$work/unpacked" "$work/prose"

packages=(
    "libreoffice-help-sv=4:7.4.7-1+deb12u14"
    "gimp-help-sv=2.10.34-2"
    "debian-edu-doc-legacy-sv=2.12.23~deb12u1"
    "manpages-sv=4.18.1-1"
    "lifelines-doc-sv=3.0.61-3"
)
# Words and folded keys seen fewer times, and pairs seen fewer times, are left out.
min_word=2
min_pair=2

cd "$work/deb"
for p in "${packages[@]}"; do
    name=${p%%=*}
    if ! ls "${name}"_*.deb >/dev/null 2>&1; then
        apt-get download -q "$p"
    fi
    rm -rf "$work/unpacked/$name"
    dpkg-deb -x "${name}"_*.deb "$work/unpacked/$name"
done
rm -rf "$work/prose" && mkdir -p "$work/prose"
python3 "$root/scripts/context_prose.py" "$work/unpacked" "$work/prose"
cd "$root"
cargo run --release --quiet -p styrdok-eval --example context_counts -- \
    data/context/sv.tsv "$min_word" "$min_pair" "$work/prose"
ls -l data/context/sv.tsv
