"""Where a text sits in its book: held-out text and training text must occupy disjoint stretches.

``check_held_out`` compares n-token pieces, which lets a short copy through (a few dozen
training characters in front of the validation text are a few pieces among thousands). Here
both texts are cut into chunks, each chunk is found in one of the three books (by the pattern
of its repeated tokens, whatever the ids, ``heldout.id_meanings``), and the positions the
chunks cover are compared. Chunks that are found nowhere (word-level text, a chunk that
straddles a join of two stretches) are left out; texts found in no book are not judged.
"""

CHUNK = 1000  # tokens; at least heldout._GAP_CAP + heldout._PROBE


def book_spans(ids, books, chunk=CHUNK):
    """[(book, start, end)] of the chunks of ``ids`` found in a book, in characters. ``books``
    gives ``id_meanings(piece)`` ({id: character} or None) and ``texts`` ({name: text});
    ``heldout`` passes itself, so this module imports nothing of the package."""
    id_meanings, texts = books.id_meanings, books.book_texts()
    spans = []
    for at in range(0, len(ids), chunk):
        piece = ids[at : at + chunk]
        meaning = id_meanings(piece)
        if meaning is None:
            continue
        text = "".join(meaning[i] for i in piece)
        for name, book in texts.items():
            where = book.find(text)
            if where >= 0 and book.find(text, where + 1) < 0:  # found once: its place is known
                spans.append((name, where, where + len(text)))
                break
    return spans


def shared_positions(val_ids, train_texts, books):
    """How many characters of the book both ``val_ids`` and one of ``train_texts`` cover."""
    val = book_spans(val_ids, books)
    if not val:
        return 0
    shared = 0
    for train in train_texts:
        for book, start, end in book_spans(train, books):
            for vbook, vstart, vend in val:
                if vbook == book:
                    shared += max(0, min(end, vend) - max(start, vstart))
    return shared
