"""Corpora: registry, download through a real local HTTP server, checksum, cache, errors."""

import hashlib
import http.server
import socket
import threading

import pytest

from rnnlab import corpora
from rnnlab.corpora import Corpus, CorpusError

GOOD = b"*** START OF THE BOOK ***\nthe time traveller\n*** END OF THE BOOK ***\nlicense\n"


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 serving /good.txt and 404 for anything else."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/good.txt":
                self.send_response(200)
                self.send_header("Content-Length", str(len(GOOD)))
                self.end_headers()
                self.wfile.write(GOOD)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def register(monkeypatch, url, sha1):
    corpus = Corpus("test_book", "test_book.txt", url, sha1, "a test corpus", gutenberg_markers=True)
    monkeypatch.setitem(corpora.CORPORA, "test_book", corpus)
    return corpus


def cache_files(cache):
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_download_verifies_caches_and_strips(server, empty_cache, monkeypatch):
    register(monkeypatch, f"{server}/good.txt", hashlib.sha1(GOOD).hexdigest())
    path = corpora.corpus_path("test_book")
    assert path == empty_cache / "test_book.txt"
    assert path.read_bytes() == GOOD
    assert cache_files(empty_cache) == ["test_book.txt"]  # no temp file left behind
    assert corpora.read_corpus_text("test_book") == "the time traveller\n"


def test_wrong_checksum_caches_nothing(server, empty_cache, monkeypatch):
    register(monkeypatch, f"{server}/good.txt", "0" * 40)
    with pytest.raises(CorpusError) as err:
        corpora.corpus_path("test_book")
    message = str(err.value)
    assert "expected SHA-1 " + "0" * 40 in message
    assert hashlib.sha1(GOOD).hexdigest() in message
    assert "Gutenberg revises" in message
    assert cache_files(empty_cache) == []


def test_http_404_caches_nothing(server, empty_cache, monkeypatch):
    register(monkeypatch, f"{server}/missing.txt", "0" * 40)
    with pytest.raises(CorpusError) as err:
        corpora.corpus_path("test_book")
    assert "404" in str(err.value)
    assert "RNNLAB_DATA" in str(err.value) and str(empty_cache) in str(err.value)
    assert cache_files(empty_cache) == []


def test_refused_connection_says_where_it_looked(empty_cache, monkeypatch):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    register(monkeypatch, f"http://127.0.0.1:{port}/book.txt", "0" * 40)
    with pytest.raises(CorpusError) as err:
        corpora.corpus_path("test_book")
    message = str(err.value)
    assert "download failed" in message and "refused" in message.lower()
    assert str(empty_cache / "test_book.txt") in message and "To fix" in message
    assert cache_files(empty_cache) == []


def test_data_dir_comes_first(tmp_path, empty_cache, monkeypatch):
    register(monkeypatch, "http://127.0.0.1:9/never", "0" * 40)
    (tmp_path / "test_book.txt").write_text("local copy")
    monkeypatch.setenv("RNNLAB_DATA", str(tmp_path))
    assert corpora.corpus_path("test_book") == tmp_path / "test_book.txt"


def test_unknown_corpus_lists_known_ones():
    with pytest.raises(CorpusError, match="known corpora: time_machine, tiny_shakespeare, war_of_the_worlds"):
        corpora.get_corpus("time_machien")


def test_registered_checksums_match_shared_copies():
    import os
    import pathlib

    data = pathlib.Path(os.environ["RNNLAB_DATA"])
    for corpus in corpora.CORPORA.values():
        assert corpora.sha1_of(data / corpus.filename) == corpus.sha1


def test_war_of_the_worlds_loses_its_gutenberg_header_and_license():
    text = corpora.read_corpus_text("war_of_the_worlds")
    assert "Project Gutenberg" not in text
    assert "THE WAR OF THE WORLDS" in text[:2000].upper()
