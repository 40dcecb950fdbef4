"""Draw the book's diagrams into rnnlab/diagrams/ (one SVG each, plus index.json).

    python figures/draw.py            # (re)draw every diagram: `make figures` runs this
    python figures/draw.py --check    # exit 1 and list the diagrams whose stored SVG is stale

Each module figNN.py holds the diagrams of chapter NN as (name, alt, caption, draw) entries.
index.json records every diagram's chapter, alt text and caption (rnnlab.diagrams reads the
alt text from it; the notebooks' cell metadata must agree with it, which a test checks) and
the matplotlib version that drew the SVGs: another version may lay out text differently, so
the byte-for-byte staleness test runs only under the recorded version.
"""

import argparse
import importlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "rnnlab" / "diagrams"
MODULES = sorted(p.stem for p in HERE.glob("fig[0-9][0-9].py"))
sys.path.insert(0, str(HERE))

import matplotlib  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

import style  # noqa: E402


def entries():
    """Every diagram as a dict: name, chapter, alt, caption, draw."""
    found = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, alt, caption, draw in module.FIGURES:
            found.append(
                {"name": name, "chapter": module.CHAPTER, "alt": alt, "caption": caption, "draw": draw}
            )
    return found


def render():
    """{file name: bytes} for every SVG and for index.json, as drawn now."""
    files, index = {}, {"matplotlib": matplotlib.__version__, "diagrams": {}}
    found = entries()  # imported first: a module may import rnnlab, which sets its plot style
    # matplotlib's defaults plus style.RC, whatever styles were set before (rnnlab's, a test's)
    with plt.style.context("default"), matplotlib.rc_context(style.RC):
        for entry in found:
            files[f"{entry['name']}.svg"] = style.svg_bytes(entry["draw"](), entry["alt"])
            index["diagrams"][entry["name"]] = {
                "chapter": entry["chapter"],
                "alt": entry["alt"],
                "caption": entry["caption"],
            }
    files["index.json"] = (json.dumps(index, indent=1, ensure_ascii=False) + "\n").encode()
    return files


def stale(files):
    """Names of stored files that differ from `files`, or that nothing draws any more."""
    names = [
        name for name, data in files.items() if not (OUT / name).exists() or (OUT / name).read_bytes() != data
    ]
    extra = [p.name for p in OUT.glob("*.svg") if p.name not in files]
    return names + extra


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale diagrams")
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        names = stale(files)
        for name in names:
            print(f"stale: rnnlab/diagrams/{name} (run `make figures`)")
        return 1 if names else 0
    OUT.mkdir(exist_ok=True)
    for name in stale(files):
        path = OUT / name
        if name in files:
            path.write_bytes(files[name])
            print(f"wrote {path.relative_to(HERE.parent)}")
        else:
            path.unlink()
            print(f"removed {path.relative_to(HERE.parent)} (no longer drawn)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
