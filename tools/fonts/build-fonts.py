#!/usr/bin/env python3
"""Builds the product's one font stack, src/main/resources/fonts/MotcuaSerif-*.ttf.

Source: Liberation Serif 2.1.5 (Debian's fonts-liberation2; SIL Open Font License 1.1), the free twin of
Times New Roman, whose metrics it shares: Decree 30/2020/ND-CP prints administrative documents in Times
New Roman. Every PDF embeds a subset of these files, so they are made small once, here:
  - hinting removed (fpgm, prep, cvt, per-glyph instructions): screens and printers do not need it in a
    PDF, and it was half of every embedded subset;
  - OpenType layout tables dropped (openhtmltopdf and PDFBox do not shape text);
  - every character kept (Latin with Vietnamese, Greek, Cyrillic, punctuation, currency signs).
The result is renamed "Motcua Serif", as the licence asks of a modified font ("Liberation", "Tinos" are
Reserved Font Names), and stays under the same licence (LICENSE-MotcuaSerif.txt).

Usage (needs fontTools: pip install fonttools):
    apt-get download fonts-liberation2 && dpkg-deb -x fonts-liberation2_*.deb /tmp/lib2
    python3 tools/fonts/build-fonts.py /tmp/lib2/usr/share/fonts/truetype/liberation2 src/main/resources/fonts
"""
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Motcua Serif"
STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}


def build(source: Path, target: Path, style: str) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "kern", "DSIG", "FFTM", "gasp"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    # glyph names kept (post table format 2): PDFBox warns of every font without them as it parses it,
    # and embedding leaves the post table out anyway
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    full = FAMILY if style == "Regular" else f"{FAMILY} {STYLES[style]}"
    postscript = FAMILY.replace(" ", "") + "-" + style
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6):
            names.removeNames(nameID=record.nameID)
    names.setName(FAMILY, 1, 3, 1, 0x409)
    names.setName(f"{postscript}; derived from Liberation Serif 2.1.5", 3, 3, 1, 0x409)
    names.setName(full, 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    font.save(target)
    print(f"{target}: {target.stat().st_size} bytes")


def main() -> None:
    source_dir, target_dir = Path(sys.argv[1]), Path(sys.argv[2])
    for style in STYLES:
        build(source_dir / f"LiberationSerif-{style}.ttf", target_dir / f"MotcuaSerif-{style}.ttf", style)


if __name__ == "__main__":
    main()
