"""Only the icons the site shows, instead of all of Font Awesome (used by _ext/book_html.py).

pydata-sphinx-theme loads ``fontawesome.js`` (1.5 MB, every icon Font Awesome has) on every page
and turns each ``<i class="fa-...">`` into an inline SVG in the reader's browser; its stylesheet
also points at the icon fonts (fa-solid 150 KB, fa-brands 118 KB) for the few icons drawn by CSS
(admonition titles, the "on this page" arrow). Here both happen when the site is built:

* each ``<i>``/``<span>`` icon of a page becomes the inline ``<svg>`` that fontawesome.js would
  have made (the path data is read from the theme's own fontawesome.js), and the script goes;
* the solid icon font is cut down to the glyphs the stylesheets name (``content: "\\f0eb"``),
  a few KB, written as WOFF next to the original, and the stylesheet points there;
* the theme's stylesheet loses the 1,400 ``.fa-name:before`` rules, one per icon, that only
  styled ``<i>`` icons (a third of the file; it holds up the first paint of every page).
"""

import functools
import html
import pathlib
import re

ICON_ELEMENT = re.compile(r'<(i|span) class="([^"]*\bfa-[^"]*)"([^>]*)>\s*</\1>')
ICON_DEFINITION = re.compile(
    r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+",("[^"]*"|\[[^\]]*\])\]'
)
PACK_END = re.compile(r'\bd\("(fas|far|fab)",p\)')
PREFIXES = {
    "fa-solid": "fas",
    "fas": "fas",
    "fa-regular": "far",
    "far": "far",
    "fa-brands": "fab",
    "fab": "fab",
}
STYLE_CLASSES = set(PREFIXES) | {"fa"}


@functools.lru_cache(maxsize=None)
def icon_paths(fontawesome_js):
    """{(prefix, name): (width, height, path)} from the theme's fontawesome.js bundle."""
    text = pathlib.Path(fontawesome_js).read_text(encoding="utf-8")
    icons, start = {}, 0
    for end in PACK_END.finditer(text):
        prefix = end.group(1)
        pack_start = text.rfind("var p={", start, end.start())
        for match in ICON_DEFINITION.finditer(text, pack_start if pack_start != -1 else start, end.start()):
            names = [match.group(1) or match.group(2)] + re.findall(r'"([a-z0-9-]+)"', match.group(5))
            data = match.group(6)
            path = data[1:-1] if data.startswith('"') else re.findall(r'"([^"]*)"', data)[-1]
            for name in names:  # its own name, then its old names ("pencil-alt" is "pencil")
                icons.setdefault((prefix, name), (int(match.group(3)), int(match.group(4)), path))
        start = end.end()
    return icons


def svg_for(classes, attributes, icons):
    """The inline SVG for one icon element, or None when the icon is unknown."""
    names = classes.split()
    prefix = next((PREFIXES[c] for c in names if c in PREFIXES), "fas")
    icon = next(
        (c[3:] for c in names if c.startswith("fa-") and c not in STYLE_CLASSES and (prefix, c[3:]) in icons),
        None,
    )
    if icon is None:
        return None
    width, height, path = icons[(prefix, icon)]
    kept = " ".join(c for c in names if c not in STYLE_CLASSES)
    # A title on an icon is read as part of its button's name; the button carries the name.
    attributes = re.sub(r'\s+title="[^"]*"', "", attributes)
    return (
        f'<svg class="svg-inline--fa {html.escape(kept)}"{attributes} aria-hidden="true" focusable="false" '
        f'data-prefix="{prefix}" data-icon="{icon}" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}"><path fill="currentColor" d="{path}"></path></svg>'
    )


def inline_icons(page_html, fontawesome_js):
    """``page_html`` with every Font Awesome icon element as inline SVG, and the names of the
    icons it could not find (left as they were)."""
    icons = icon_paths(str(fontawesome_js))
    unknown = []

    def replace(match):
        svg = svg_for(match.group(2), match.group(3), icons)
        if svg is None:
            unknown.append(match.group(2))
            return match.group(0)
        return svg

    return ICON_ELEMENT.sub(replace, page_html), unknown


CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
ICON_CLASS_SELECTOR = re.compile(r"\.fa-[a-z0-9-]+:+before")
GLYPH = re.compile(r'"\\(f[0-9a-f]{3})"|"([\uf000-\uf8ff])"')


def css_glyphs(css):
    """Code points of the icons a stylesheet draws itself: in ``content`` or ``--pst-icon-*``
    values of rules other than the ``.fa-name:before`` classes (no <i> icons are left for those)."""
    found = set()
    for selectors, body in CSS_RULE.findall(css):
        if all(ICON_CLASS_SELECTOR.fullmatch(s.strip()) for s in selectors.split(",")):
            continue
        for escaped, literal in GLYPH.findall(body):
            found.add(int(escaped, 16) if escaped else ord(literal))
    return found


def drop_icon_classes(css):
    return CSS_RULE.sub(
        lambda m: (
            "" if all(ICON_CLASS_SELECTOR.fullmatch(s.strip()) for s in m.group(1).split(",")) else m.group(0)
        ),
        css,
    )


def subset_solid_font(static_dir):
    """Cut fa-solid-900 down to the glyphs the theme's stylesheets draw with CSS, point the
    stylesheets at the cut font, and return how many glyphs were kept."""
    from fontTools import subset, ttLib

    static_dir = pathlib.Path(static_dir)
    webfonts = static_dir / "vendor" / "fontawesome" / "webfonts"
    source = webfonts / "fa-solid-900.ttf"
    sheets = [
        static_dir / "styles" / "pydata-sphinx-theme.css",
        static_dir / "styles" / "sphinx-book-theme.css",
    ]
    sheets = [s for s in sheets if s.exists()]
    if not source.exists() or not sheets:
        return 0
    codepoints = set()
    for sheet in sheets:
        codepoints |= css_glyphs(sheet.read_text(encoding="utf-8"))
    font = ttLib.TTFont(source)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    font.flavor = "woff"
    font.save(webfonts / "fa-solid-900-used.woff")
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        text = text.replace(
            'url(../vendor/fontawesome/webfonts/fa-solid-900.woff2) format("woff2"),'
            'url(../vendor/fontawesome/webfonts/fa-solid-900.ttf) format("truetype")',
            'url(../vendor/fontawesome/webfonts/fa-solid-900-used.woff) format("woff")',
        )
        sheet.write_text(drop_icon_classes(text), encoding="utf-8")
    return len(codepoints)
