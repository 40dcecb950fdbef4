"""Rules of the site's stylesheet that no page can use, left out (used by _ext/book_speed.py).

pydata-sphinx-theme ships all of Bootstrap (carousel, toasts, spinners, a thousand utility
classes) and Lighthouse counted about 89 % of the stylesheet unused on a chapter; the browser
matches every rule against every element of a 7,000-element page. A rule goes only when every
one of its selectors names a class (outside any ``:not()``, ``:is()``, ``:has()`` ...) that
occurs in no page of the build and no script: not among the pages' ``class`` attributes, not as
a word of any script (inline or in ``_static``), and not starting with a longer word of a script
followed by ``-`` (scripts build names such as ``bs-tooltip-auto``). Anything else stays:
@font-face, @keyframes, attribute and element selectors, rules a script may switch on.
"""

import re

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
WORD = re.compile(r"[A-Za-z_][\w-]*")
GROUPING = ("@media", "@supports", "@layer", "@container", "@document")
TOP_CLASS = re.compile(r"\.((?:[\w-]|\\.)+)")


def used_words(pages_html, scripts):
    """Class names in the pages, and every word of the scripts."""
    classes, words = set(), set()
    for text in pages_html:
        for value in CLASS_ATTRIBUTE.findall(text):
            classes.update(value.split())
        for script in INLINE_SCRIPT.findall(text):
            words.update(WORD.findall(script))
    for script in scripts:
        words.update(WORD.findall(script))
    fragments = {w.strip("-") for w in words if w.endswith("-")}  # `bs-${name}-auto` gives "bs-"
    words |= {w.strip("-") for w in words}
    prefixes = {w for w in words if len(w) >= 3} | fragments
    return classes | words, prefixes


def class_is_used(name, used, prefixes):
    if "\\" in name or name in used:
        return True
    parts = name.split("-")
    return any("-".join(parts[:i]) in prefixes for i in range(1, len(parts)))


def split_top(text, separator=","):
    """``text`` split at ``separator`` outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def top_level(selector):
    """The selector without what is inside parentheses and brackets."""
    out, depth = [], 0
    for char in selector:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def selector_can_match(selector, used, prefixes):
    return all(class_is_used(c, used, prefixes) for c in TOP_CLASS.findall(top_level(selector)))


def blocks(css):
    """(prelude, body) of each top-level block of ``css``; statements (``@charset ...;``) have
    body None."""
    i, n = 0, len(css)
    while i < n:
        j = i
        while j < n and css[j] not in "{;":
            if css.startswith("/*", j):
                j = css.find("*/", j + 2)
                j = n if j == -1 else j + 2
                continue
            j += 1
        if j >= n:
            if css[i:].strip():
                yield css[i:], None
            return
        if css[j] == ";":
            yield css[i : j + 1], None
            i = j + 1
            continue
        depth, k = 1, j + 1
        while k < n and depth:
            if css[k] == "{":
                depth += 1
            elif css[k] == "}":
                depth -= 1
            k += 1
        yield css[i:j], css[j + 1 : k - 1]
        i = k


def purge(css, used, prefixes):
    """``css`` without the rules no page can use; (new css, rules dropped)."""
    out, dropped = [], 0
    for prelude, body in blocks(css):
        head = re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()
        if body is None:
            out.append(prelude)
        elif head.startswith(GROUPING):
            inner, count = purge(body, used, prefixes)
            dropped += count
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@") or not head:
            out.append(f"{prelude}{{{body}}}")
        elif any(selector_can_match(s, used, prefixes) for s in split_top(head)):
            out.append(f"{prelude}{{{body}}}")
        else:
            dropped += 1
    return "".join(out), dropped
