"""The references page labels each entry the way the chapters cite it (sphinx.local_extensions).

The chapters cite author-year ("Hochreiter and Schmidhuber, 1997", ``bibtex_reference_style:
author_year``), but pybtex's plain style numbers the bibliography ("[15]"), so the label a
reader lands on never matched the link they followed (website review 12b, D-06). The style
``book_author_year`` (``bibtex_default_style`` in _config.yml) is pybtex's plain style with
labels "Surname, year", "Surname and Surname, year" or "Surname et al., year" (a, b, ... when
two entries would share one).
"""

import codecs
import re
import string

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


def _surname(person):
    name = " ".join(person.prelast_names + person.last_names)
    return re.sub(r"[{}]", "", codecs.decode(name, "ulatex"))


def author_year(entry):
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in persons]
    if not names:
        who = entry.fields.get("organization") or entry.fields.get("title", "Anonymous").split(":")[0]
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = [author_year(e) for e in entries]
        repeated = {label for label in labels if labels.count(label) > 1}
        suffix = {label: iter(string.ascii_lowercase) for label in repeated}
        for label in labels:
            yield label + next(suffix[label]) if label in repeated else label


class AuthorYearStyle(PlainStyle):
    default_label_style = AuthorYearLabels


def setup(app):
    register_plugin("pybtex.style.labels", "book_author_year", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "book_author_year", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
