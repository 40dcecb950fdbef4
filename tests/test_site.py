"""The website's sources and build, without a browser (tests/test_website.py reads the pages).

Binder environment, landing page, bibliography, d2l links, the site-only rewriting of notebooks
(_ext/book_pages.py), the stored-run progress bar, and the build without solutions.
"""

import ast
import glob
import json
import os
import pathlib
import re
import subprocess
import sys

import nbformat
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
import book_pages  # noqa: E402

# import name -> the name of the package that provides it (binder/requirements.txt)
PROVIDED_BY = {"yaml": "pyyaml", "IPython": "ipykernel", "matplotlib_inline": "ipykernel"}


def markdown_cells(patterns=("chapters/*.ipynb", "solutions/*.ipynb")):
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
                if cell.cell_type == "markdown":
                    yield path.relative_to(ROOT).as_posix(), i, cell.source


def test_binder_installs_a_cpu_torch_and_rnnlab():
    reqs = (ROOT / "binder" / "requirements.txt").read_text()
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in reqs, "Binder would get CUDA torch"
    names = {
        re.split(r"[<>=\[ ]", line.strip())[0].lower()
        for line in reqs.splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    }
    assert "torch" in names and not names & {"jupyter-book", "pytest", "nbval", "playwright"}, names
    post = (ROOT / "binder" / "postBuild").read_text()
    assert re.search(r"pip install .*-e \.", post) and os.access(ROOT / "binder" / "postBuild", os.X_OK)
    # Every third-party module the learner wing imports is installed on Binder.
    stdlib = set(sys.stdlib_module_names)
    for path in ROOT.glob("rnnlab/**/*.py"):
        if "tools" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in stdlib or top == "rnnlab":
                    continue
                assert PROVIDED_BY.get(top, top).lower() in names, (
                    f"{path.relative_to(ROOT)} imports {top}, which binder/requirements.txt lacks"
                )


def test_landing_page_has_a_real_clone_command():
    intro = (ROOT / "intro.md").read_text()
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    assert "<repository URL>" not in intro
    assert f"git clone {url}" in intro, f"intro.md should say `git clone {url}...`"


def test_every_citation_is_in_the_bibliography():
    bib = (ROOT / "references.bib").read_text()
    keys = set(re.findall(r"@\w+\{([^,\s]+),", bib))
    unlinked, cited = [], set()
    for path, i, text in markdown_cells():
        for group in re.findall(r"\{cite(?::[pt])?\}`([^`]+)`", text):
            for key in group.split(","):
                cited.add(key.strip())
                assert key.strip() in keys, f"{path} cell {i} cites {key!r}, not in references.bib"
        prose = re.sub(r"`[^`]*`", "", text)
        unlinked += [
            f"{path} cell {i}: {m.group(0)!r}"
            for m in re.finditer(
                r"\b[A-Z][a-z]+(?: et al\.| and [A-Z][a-z]+)?,? \(?(?:19[5-9]\d|20[0-3]\d)\)?(?=[);,.\s])",
                prose,
            )
            if "et al" in m.group(0) or " and " in m.group(0)
        ]
    assert not unlinked, "author-year citations without {cite:p}/{cite:t}:\n" + "\n".join(unlinked)
    assert cited, "no chapter cites anything"
    for key in re.findall(r"@\w+\{([^,\s]+),", bib):
        entry = bib[bib.index("{" + key + ",") :].split("\n}\n")[0]
        assert re.search(r"^\s*(url|doi)\s*=", entry, re.M), f"{key}: no url or doi to link"


def test_d2l_page_links_each_chapter_to_its_d2l_section():
    text = (ROOT / "from_d2l.md").read_text()
    for n in range(1, 10):
        rows = [
            line
            for line in text.splitlines()
            if re.search(rf"<chapters/0{n}_", line) and "https://d2l.ai/chapter_" in line
        ]
        assert rows, f"from_d2l.md has no row linking chapter {n} to its d2l section"


def test_chapters_link_solutions_instead_of_naming_files():
    for path, i, text in markdown_cells(("chapters/*.ipynb",)):
        assert not re.search(r"`(\.\./)?solutions/\w+\.ipynb`", text), (
            f"{path} cell {i} names a solution file; link the page: [Solutions N](../solutions/...)"
        )


def test_site_rewrites_solution_markers_into_model_answers():
    md = "**Q?**\n\n### BEGIN SOLUTION\nThe answer.\n```python\nx = 1\n```\n### END SOLUTION\nMore."
    out = book_pages.markdown_answer(md)
    assert "SOLUTION" not in out and "{admonition} Model answer" in out and out.endswith("More.")
    fence = re.search(r"^(`{4,})\{admonition\}", out, re.M)
    assert fence and out.count(fence.group(1)) == 2, out  # a fence longer than the inner one
    code, had = book_pages.code_answer("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION")
    assert had and code == "def f():\n    return 1"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("[badge](x)", metadata={"tags": ["colab-badge"]}),
        nbformat.v4.new_code_cell("%pip install", metadata={"tags": ["colab-install"]}),
        nbformat.v4.new_markdown_cell("# Solutions 5 · BPTT"),
        nbformat.v4.new_code_cell("### BEGIN SOLUTION\ny = 2\n### END SOLUTION"),
    ]
    cells = json.loads(book_pages.rewrite_notebook("solutions/05_bptt", nbformat.writes(nb)))["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "markdown", "code"]
    assert "../exercises/05_bptt.ipynb" in cells[1]["source"]
    assert cells[2]["source"] == "y = 2" and "model-answer" in cells[2]["metadata"]["tags"]
    # The sources on disk keep nbgrader's markers (nbgrader generate_assignment needs them).
    assert any(
        "### BEGIN SOLUTION" in c.source
        for p in ROOT.glob("solutions/*.ipynb")
        for c in nbformat.read(p, as_version=4).cells
    )


def test_stored_runs_keep_no_progress_bar(monkeypatch):
    from rnnlab.train import _progress

    monkeypatch.setenv("RNNLAB_PROGRESS", "0")
    with _progress(3, True) as bar:
        assert bar.disable, "RNNLAB_PROGRESS=0 should turn the bar off"
    monkeypatch.delenv("RNNLAB_PROGRESS")
    with _progress(3, True) as bar:
        assert not bar.disable
    source = (ROOT / "rnnlab" / "tools" / "execute.py").read_text()
    assert re.search(r'os\.environ\["RNNLAB_PROGRESS"\]\s*=\s*"0"', source), (
        "make execute must start its kernels with RNNLAB_PROGRESS=0"
    )


@pytest.mark.slow
def test_book_without_solutions(tmp_path):
    """`make book SOLUTIONS=0`: no solution page, no link to one, and still .nojekyll and KaTeX."""
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "--path-output", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BOOK_SOLUTIONS": "0"},
    )
    html = tmp_path / "_build" / "html"
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (html / "exercises").is_dir() and not (html / "solutions").exists()
    assert (html / ".nojekyll").exists() and (html / "_static/katex/katex.min.css").exists()
    assert '<meta name="description"' in (html / "intro.html").read_text()
    # Review 12b, D-11: the landing page says this build has no solutions, and claims no
    # "Model answer" blocks; D-12: no chapter, page or downloadable notebook points at them.
    intro = re.sub(r"<[^>]+>", " ", (html / "intro.html").read_text())
    assert "built without the solutions" in intro and "Model answer" not in intro
    for page in (html / "chapters").glob("*.html"):
        assert "model answers in" not in page.read_text(), f"{page.name} points at solutions"
    for notebook in (html / "_sources").rglob("*.ipynb"):
        assert "../solutions/" not in notebook.read_text(), f"{notebook} links a solution notebook"
    for page in glob.glob(str(html / "**/*.html"), recursive=True):
        text = pathlib.Path(page).read_text()
        assert "solutions/" not in re.sub(
            r"_sources/[^\"']*", "", " ".join(re.findall(r'href="([^"]*)"', text))
        ), f"{page} links to a solution page"


def test_every_notebook_is_a_page():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    tracked = subprocess.run(
        ["git", "ls-files", "chapters", "exercises", "solutions"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    missing = [f for f in tracked if f.endswith(".ipynb") and f[: -len(".ipynb")] not in files]
    assert not missing, f"notebooks that are not in _toc.yml (so not on the site): {missing}"


def test_bibliography_labels_are_author_year():
    """The references page labels entries as the chapters cite them (review 12b, D-06)."""
    import book_bib
    from pybtex.database import Entry, Person

    def entry(year, *names):
        return Entry("article", fields={"year": year}, persons={"author": [Person(n) for n in names]})

    entries = [
        entry("1997", "Hochreiter, Sepp", 'Schmidhuber, J{\\"u}rgen'),
        entry("2014", "Cho, Kyunghyun", 'van Merri{\\"e}nboer, Bart', "Bengio, Yoshua"),
        entry("1990", "Elman, Jeffrey"),
        entry("1990", "Elman, Jeffrey"),
    ]
    labels = list(book_bib.AuthorYearLabels().format_labels(entries))
    assert labels == [
        "Hochreiter and Schmidhuber, 1997",
        "Cho et al., 2014",
        "Elman, 1990a",
        "Elman, 1990b",
    ], labels


def test_icons_inlined_from_the_theme_bundle():
    """Font Awesome icons become inline SVG read from the theme's own fontawesome.js, old names
    included; an unknown icon is reported, not dropped (review 12b, D-13)."""
    import book_icons
    import pydata_sphinx_theme

    bundle = (
        pathlib.Path(pydata_sphinx_theme.__file__).parent
        / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
    )
    page = (
        '<button aria-label="Color mode"><i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" '
        'title="Light"></i></button><i class="fab fa-github"></i><i class="fas fa-pencil-alt"></i>'
        '<span class="fa-solid fa-no-such-icon"></span>'
    )
    out, unknown = book_icons.inline_icons(page, bundle)
    assert out.count("<svg") == 3 and 'data-icon="github"' in out and 'data-prefix="fab"' in out
    assert 'data-mode="light"' in out and 'title="Light"' not in out and "theme-switch" in out
    assert unknown == ["fa-solid fa-no-such-icon"] and "fa-no-such-icon" in out
    css = '.fa-sun:before{content:"\\f185"}.admonition-title:after{content:"\\f0eb"}.x{color:red}'
    assert book_icons.css_glyphs(css) == {0xF0EB}
    assert book_icons.drop_icon_classes(css) == '.admonition-title:after{content:"\\f0eb"}.x{color:red}'


def test_stylesheet_purge_keeps_what_pages_or_scripts_use():
    """_ext/book_css.py drops a rule only when each of its selectors names a class no page and no
    script uses; functional pseudo-classes, at-rules and names built by scripts stay."""
    import book_css

    pages = [
        '<div class="used card-x"><p class="other">x</p></div><script>el.classList.add("shown")</script>'
    ]
    scripts = ['tip.classList.add(`bs-${name}-auto`); document.body.classList.add("modal-open")']
    used, prefixes = book_css.used_words(pages, scripts)
    css = (
        ".used{a:1}.unused{b:2}.unused,.other{c:3}.used:not(.unused){d:4}.shown{e:5}.bs-tooltip-auto{f:6}"
        "@media (min-width:1px){.unused{g:7}.used .unused{h:8}}@font-face{font-family:K}"
        "@keyframes spin{to{transform:rotate(1turn)}}p{i:9}[class*=col-]{j:10}.modal-open p{k:11}"
    )
    out, dropped = book_css.purge(css, used, prefixes)
    assert dropped == 3, out
    for kept in ("a:1", "c:3", "d:4", "e:5", "f:6", "@font-face", "@keyframes", "i:9", "j:10", "k:11"):
        assert kept in out, f"{kept} dropped: {out}"
    for gone in ("b:2", "g:7", "h:8", "@media"):
        assert gone not in out, f"{gone} kept: {out}"


def test_speed_rewrites(tmp_path):
    """_ext/book_speed.py: the inline script resolves "auto" to light or dark before the first
    paint; the bundle's url()s point where the original stylesheets pointed; images get their
    size from the file and, below the first screen of text, lazy loading."""
    import book_speed

    head = (
        '<script>document.documentElement.dataset.theme = localStorage.getItem("theme") || "auto";</script>'
    )
    resolved = book_speed.resolve_theme(head)
    assert "prefers-color-scheme: dark" in resolved and '|| "auto";' not in resolved

    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "basic.css").write_text(".a{background:url(file.png)}")
    (static / "styles" / "theme.css").write_text(
        '@import "../basic.css";\n.b{src:url("../fonts/f.woff?x=1")}'
    )
    (static / "styles" / "t.css").write_text('@charset "UTF-8";.c{x:url(data:image/png;base64,AA)}')
    bundle = book_speed.bundle_css([static / "styles/theme.css", static / "styles/t.css"], static)
    css = bundle.read_text()
    assert 'url("file.png")' in css and 'url("fonts/f.woff?x=1")' in css and "url(data:image/png" in css
    assert "@import" not in css and css.count("@charset") == 1 and css.index(".a{") < css.index(".c{")

    page = tmp_path / "chapters" / "p.html"
    page.parent.mkdir()
    images = tmp_path / "_images"
    images.mkdir()
    (images / "plot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="345.6pt" height="172.8pt">'
    )
    (images / "box.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">')
    html = (
        '<img alt="logo" src="../_images/box.svg"><article><p>short</p>'
        '<img alt="top" src="../_images/plot.svg">'
        f'<p>{"text " * 400}</p><img alt="low" src="../_images/box.svg"></article>'
    )
    out = book_speed.size_images(html, page)
    assert '<img alt="logo" src="../_images/box.svg">' in out  # outside the article: untouched
    assert '<img width="461" height="230" alt="top"' in out
    assert '<img loading="lazy" decoding="async" width="120" height="60" alt="low"' in out
