"""Named corpora: where each comes from, how it is verified, and where it is cached.

A corpus is looked for, in order:
1. in the directory named by the environment variable ``RNNLAB_DATA``;
2. in the user cache (``RNNLAB_CACHE``, else ``~/.cache/rnnlab``);
3. on the internet: downloaded, checked against its SHA-1, then moved into
   the cache in one atomic rename, so a partial or corrupt file is never cached.
"""

import hashlib
import os
import pathlib
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass

DATA_ENV = "RNNLAB_DATA"
CACHE_ENV = "RNNLAB_CACHE"


@dataclass(frozen=True)
class Corpus:
    name: str
    filename: str
    url: str
    sha1: str
    description: str
    gutenberg_markers: bool = False  # True: keep only the text between START/END lines


CORPORA = {
    c.name: c
    for c in [
        Corpus(
            "time_machine",
            "timemachine.txt",
            "http://d2l-data.s3-accelerate.amazonaws.com/timemachine.txt",
            "090b5e7e70c295757f55df93cb0a180b9691891a",
            "H. G. Wells, The Time Machine (Gutenberg #35, as used by Dive into Deep Learning)",
        ),
        Corpus(
            "tiny_shakespeare",
            "tinyshakespeare.txt",
            "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
            "04486597058d11dcc2c556b1d0433891eb639d2e",
            "Tiny Shakespeare, the char-rnn corpus (40,000 lines of plays)",
        ),
        Corpus(
            "war_of_the_worlds",
            "war_of_the_worlds.txt",
            "https://www.gutenberg.org/cache/epub/36/pg36.txt",
            "8a5d3dd63210f4420faa17508adf988d7e209e1e",
            "H. G. Wells, The War of the Worlds (Gutenberg #36)",
            gutenberg_markers=True,
        ),
    ]
}


class CorpusError(RuntimeError):
    """A corpus could not be found, downloaded or verified."""


def cache_dir():
    """The user cache directory for corpora (created on demand)."""
    env = os.environ.get(CACHE_ENV)
    return pathlib.Path(env) if env else pathlib.Path.home() / ".cache" / "rnnlab"


def get_corpus(name):
    """The registry entry of a corpus, with a helpful error for unknown names."""
    if name not in CORPORA:
        known = ", ".join(sorted(CORPORA))
        raise CorpusError(f"unknown corpus {name!r}; known corpora: {known}")
    return CORPORA[name]


def sha1_of(path):
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_path(name, download=True):
    """Path of a verified local copy of the corpus ``name``, downloading it if needed."""
    corpus = get_corpus(name)
    looked = []
    data_dir = os.environ.get(DATA_ENV)
    if data_dir:
        candidate = pathlib.Path(data_dir) / corpus.filename
        looked.append(str(candidate))
        if candidate.is_file():
            return candidate
    cached = cache_dir() / corpus.filename
    looked.append(str(cached))
    if cached.is_file():
        return cached
    if not download:
        raise CorpusError(_missing_message(corpus, looked, reason="downloads are off"))
    try:
        return download_corpus(corpus, cached)
    except (urllib.error.URLError, OSError) as e:
        if isinstance(e, CorpusError):
            raise
        raise CorpusError(_missing_message(corpus, looked, reason=f"download failed: {e}")) from None


def _missing_message(corpus, looked, reason):
    where = "\n  ".join(looked)
    return (
        f"corpus {corpus.name!r} ({corpus.filename}) is not available: {reason}.\n"
        f"Looked in:\n  {where}\n"
        f"To fix: download {corpus.url}\n"
        f"and put it in the cache directory above, or set {DATA_ENV} to a folder that holds "
        f"{corpus.filename} (SHA-1 {corpus.sha1})."
    )


def download_corpus(corpus, target, timeout=60):
    """Download ``corpus`` to ``target``; verify SHA-1 before the atomic rename."""
    target = pathlib.Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"Downloading {corpus.name} from {corpus.url} ...")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{corpus.filename}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(corpus.url, timeout=timeout) as resp:
            while block := resp.read(1 << 16):
                out.write(block)
        actual = sha1_of(tmp)
        if actual != corpus.sha1:
            hint = (
                " Project Gutenberg revises its files, so a fresh download can differ from the"
                " revision this book was checked with."
                if corpus.gutenberg_markers
                else ""
            )
            raise CorpusError(
                f"checksum mismatch for {corpus.name} downloaded from {corpus.url}:\n"
                f"  expected SHA-1 {corpus.sha1}\n  got      SHA-1 {actual}\n"
                f"Nothing was cached.{hint} To use your own copy anyway, put it in a folder and "
                f"set {DATA_ENV} to that folder."
            )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return target


def strip_gutenberg(text):
    """Keep only the book: the lines between '*** START OF' and '*** END OF'."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, l in enumerate(lines) if l.startswith("*** START OF")), None)
    end = next((i for i, l in enumerate(lines) if l.startswith("*** END OF")), None)
    if start is None or end is None or end <= start:
        return text
    return "".join(lines[start + 1 : end])


def read_corpus_text(name):
    """The text of a corpus, with any Project Gutenberg header and license removed."""
    corpus = get_corpus(name)
    text = corpus_path(name).read_text(encoding="utf-8-sig")
    return strip_gutenberg(text) if corpus.gutenberg_markers else text
