#!/usr/bin/env python3
"""Builds the product's one font stack, src/main/resources/fonts/MotcuaSerif-*.ttf.

Source: Liberation Serif 2.1.5 (Debian's fonts-liberation2; SIL Open Font License 1.1), the free twin of
Times New Roman, whose metrics it shares: Decree 30/2020/ND-CP prints administrative documents in Times
New Roman. Every PDF embeds a subset of these files, so they are made small once, here:
  - hinting removed (fpgm, prep, cvt, per-glyph instructions): screens and printers do not need it in a
    PDF, and it was half of every embedded subset;
  - OpenType layout tables dropped (openhtmltopdf and PDFBox do not shape text);
  - every character kept (Latin with Vietnamese, Greek, Cyrillic, punctuation, currency signs).
Then each face again as MotcuaSerifCore-*.ttf, with the characters of Vietnamese documents only (Latin and
its Vietnamese letters, punctuation, the dong sign, a few symbols): 569 glyphs of 2,348. Embedding a
face measures every glyph of it, which was a third of a document's rendering; documents are laid out in
the core faces, and the full ones answer only for a character the core lacks.
The result is renamed "Motcua Serif", as the licence asks of a modified font ("Liberation", "Tinos" are
Reserved Font Names), and stays under the same licence (LICENSE-MotcuaSerif.txt).

Usage (needs fontTools: pip install fonttools):
    apt-get download fonts-liberation2 && dpkg-deb -x fonts-liberation2_*.deb /tmp/lib2
    python3 tools/fonts/build-fonts.py /tmp/lib2/usr/share/fonts/truetype/liberation2 src/main/resources/fonts
    python3 tools/fonts/build-fonts.py --core src/main/resources/fonts     # the core faces alone
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


# What Vietnamese administrative documents print: Basic Latin, Latin-1, Latin Extended-A, the horned O and U
# (Latin Extended-B), combining tone marks, the Vietnamese letters (Latin Extended Additional), general
# punctuation, currency signs (the dong sign), letterlike symbols (numero), arrows, minus, geometric shapes.
CORE = [(0x20, 0x7E), (0xA0, 0x17F), (0x1A0, 0x1A1), (0x1AF, 0x1B0), (0x300, 0x323), (0x1EA0, 0x1EF9),
        (0x2010, 0x2044), (0x20A0, 0x20CF), (0x2100, 0x2122), (0x2190, 0x2195), (0x2212, 0x2212),
        (0x25A0, 0x25FF), (0xFB01, 0xFB02)]


def core(full: Path, target: Path) -> None:
    font = TTFont(full)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for c in font.getBestCmap() if any(a <= c <= b for a, b in CORE)])
    subsetter.subset(font)
    font.save(target)
    print(f"{target}: {target.stat().st_size} bytes, {len(font.getGlyphOrder())} glyphs")


def main() -> None:
    if sys.argv[1] == "--core":
        # the core faces again from the full ones already built (no Liberation sources needed)
        target_dir = Path(sys.argv[2])
        for style in STYLES:
            core(target_dir / f"MotcuaSerif-{style}.ttf", target_dir / f"MotcuaSerifCore-{style}.ttf")
        return
    source_dir, target_dir = Path(sys.argv[1]), Path(sys.argv[2])
    for style in STYLES:
        build(source_dir / f"LiberationSerif-{style}.ttf", target_dir / f"MotcuaSerif-{style}.ttf", style)
        core(target_dir / f"MotcuaSerif-{style}.ttf", target_dir / f"MotcuaSerifCore-{style}.ttf")


if __name__ == "__main__":
    main()
