"""Before grading: each needed set's solution must get full marks in this environment.

A passed self-test is remembered under a key made of everything that could change its outcome:
the solution and exercise notebooks, the ``rnnlab`` package's files, the versions of Python and
of the libraries a kernel uses, the corpora (names and sizes), the sandbox, quick mode and the
limits. A re-run, a resumed run or a Slurm shard with the same key skips it; anything changed
runs it again. The sets' self-tests run in parallel (``--jobs``).
"""

import concurrent.futures
import hashlib
import importlib.metadata
import json
import os
import pathlib
import platform

from .references import SetupError

LIBRARIES = ("torch", "numpy", "ipykernel", "jupyter_client", "nbclient", "nbformat", "matplotlib")


def default_cache():
    base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "rnnlab-grader" / "self-tests"


def _hash_files(h, paths):
    for path in sorted(paths):
        h.update(str(path.name).encode())
        h.update(path.read_bytes())


def environment_key(options):
    """A digest of the package, the libraries, the corpora, the sandbox and the limits."""
    import rnnlab

    h = hashlib.sha256()
    _hash_files(h, pathlib.Path(rnnlab.__file__).parent.rglob("*.py"))
    h.update(platform.python_version().encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    data = options.get("data_dir")
    if data and pathlib.Path(data).is_dir():
        for path in sorted(pathlib.Path(data).rglob("*")):
            if path.is_file():
                h.update(f"{path.relative_to(data)}:{path.stat().st_size}".encode())
    keep = ("bwrap", "quick", "timeout", "memory_gb", "threads", "max_output", "max_minutes")
    h.update(json.dumps({k: str(options.get(k)) for k in keep}, sort_keys=True).encode())
    return h.hexdigest()


def set_key(ref, env_key):
    h = hashlib.sha256(env_key.encode())
    h.update(pathlib.Path(ref.solution_path).read_bytes())
    h.update(json.dumps(ref.exercise_nb, sort_keys=True).encode())
    return h.hexdigest()[:32]


def run(refs, sets, options, grade_one, jobs=1, cache=None, log=print):
    """Grade each set's solution (cached); raise SetupError unless each gets full marks."""
    cache = pathlib.Path(cache) if cache else default_cache()
    env_key = environment_key(options)

    def one(name):
        ref = refs[name]
        key = set_key(ref, env_key)
        if (cache / f"{name}-{key}.json").exists():
            return name, None, "remembered (same solution and environment)"
        sub = dict(
            student="solution", raw_student="solution", set=name, path=str(ref.solution_path), problem=""
        )
        r = grade_one(sub, refs, dict(options, max_bytes=max(options["max_bytes"], 2**28)))
        return name, r, key

    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for name, r, key in pool.map(one, sorted(sets)):
            if r is None:
                log(f"self-test {name}: {key}")
                continue
            log(
                f"self-test {name}: the solution gets {r['points']:g}/{r['max_points']:g}, {r['status']} "
                f"({r['seconds']:.0f} s)"
            )
            if r["points"] != r["max_points"] or r["status"] != "ok" or r.get("errors"):
                failed = [
                    f"{c['exercise']} cell {c['id']}: {c['status']} {c['message'][:200]}"
                    for c in r["checks"]
                    if c["status"] != "passed"
                ]
                # an error the solution raised (a missing corpus, ...) fails the self-test too
                failed += [f"cell {n + 1} raised {message}" for n, message in r.get("errors", [])]
                failures.append(
                    f"the solution of {name} does not get full marks here, or raised an error "
                    f"({r['status']}):\n  " + "\n  ".join(failed)
                )
                continue
            cache.mkdir(parents=True, exist_ok=True)
            (cache / f"{name}-{key}.json").write_text(
                json.dumps(dict(points=r["points"], seconds=r["seconds"]))
            )
    if failures:
        raise SetupError("\n".join(failures) + "\nfix the grading environment first")
