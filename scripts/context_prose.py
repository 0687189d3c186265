#!/usr/bin/env python3
"""Extracts the running prose of unpacked Debian documentation packages for the repair's context model.

    scripts/context_prose.py UNPACKED_ROOT OUT_DIR

UNPACKED_ROOT holds one folder per package (as `dpkg-deb -x PKG.deb UNPACKED_ROOT/PKG` leaves it); OUT_DIR
gets one text file per source document, its blocks (paragraphs, headings, list items, table cells) apart
by blank lines, markup stripped. Called by scripts/build-context-model.sh; see data/context/SOURCE.md.
"""
import gzip
import html
import html.parser
import os
import re
import sys

# Elements whose text is a block of its own.
BLOCKS = {
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd', 'div', 'br', 'tr',
    'title', 'caption', 'figcaption', 'blockquote', 'section', 'table', 'ul', 'ol', 'dl',
}
# Elements whose text is no prose: code, navigation, scripts.
SKIP = {'script', 'style', 'pre', 'code', 'kbd', 'samp', 'tt', 'nav', 'header', 'aside', 'head',
        'noscript', 'button', 'input', 'select', 'textarea', 'svg', 'math', 'var'}
VOID = {'br', 'img', 'meta', 'link', 'input', 'hr', 'area', 'base', 'col', 'embed', 'source', 'wbr'}


class Prose(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.blocks = []
        self.current = []

    def flush(self):
        text = re.sub(r'\s+', ' ', ''.join(self.current)).strip()
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP and tag not in VOID:
            self.skip += 1
        if tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP and tag not in VOID:
            self.skip = max(0, self.skip - 1)
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_blocks(raw):
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('latin-1')
    parser = Prose()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.blocks


TEXT_MACROS = {'B', 'I', 'BR', 'IR', 'RB', 'BI', 'IB', 'SM', 'SB', 'SH', 'SS'}
BREAK_MACROS = {'PP', 'P', 'LP', 'TP', 'IP', 'HP', 'SH', 'SS', 'RS', 'RE', 'br', 'sp', 'nf', 'fi', 'TH'}


def troff_blocks(raw):
    """The prose of a man page: text lines and the text of font macros, escapes removed."""
    text = raw.decode('utf-8', errors='replace')
    blocks, current, literal = [], [], False

    def flush():
        line = re.sub(r'\s+', ' ', ' '.join(current)).strip()
        if line:
            blocks.append(line)
        current.clear()

    for line in text.splitlines():
        if line.startswith(('.\\"', "'\\\"", '\\"')):
            continue
        if line.startswith(('.', "'")):
            parts = line[1:].strip().split(None, 1)
            macro = parts[0] if parts else ''
            if macro == 'nf' or macro == 'EX':
                literal = True
            elif macro == 'fi' or macro == 'EE':
                literal = False
            if macro in BREAK_MACROS:
                flush()
            if macro in TEXT_MACROS and len(parts) > 1:
                current.append(parts[1].replace('"', ''))
            if macro in ('SH', 'SS'):
                flush()
            continue
        if literal:
            continue
        current.append(line)
        if not line.strip():
            flush()
    flush()
    cleaned = []
    for b in blocks:
        b = re.sub(r'\\f(\[[^]]*\]|\(..|.)', '', b)
        b = re.sub(r'\\\(..|\\\[[^]]*\]|\\[*n]\(?..?', '', b)
        b = b.replace('\\-', '-').replace('\\&', '').replace('\\e', '\\').replace('\\ ', ' ')
        b = re.sub(r'\\.', '', b)
        b = re.sub(r'\s+', ' ', b).strip()
        if b:
            cleaned.append(b)
    return cleaned


def main():
    root, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    n = 0
    for package in sorted(os.listdir(root)):
        base = os.path.join(root, package)
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    continue
                rel = os.path.relpath(path, base)
                if rel.startswith('usr/share/doc/') and ('changelog' in name or name in ('copyright', 'README')):
                    continue
                raw = open(path, 'rb').read()
                if name.endswith('.html'):
                    blocks = html_blocks(raw)
                elif '/man/sv/' in path and name.endswith('.gz'):
                    blocks = troff_blocks(gzip.decompress(raw))
                else:
                    continue
                if not blocks:
                    continue
                n += 1
                with open(os.path.join(out, f'{package}-{n:05}.txt'), 'w') as f:
                    f.write('\n\n'.join(blocks) + '\n')
    print(f'{n} documents', file=sys.stderr)


if __name__ == '__main__':
    main()
