"""Verdicts decided in the judge process: learner code in the kernel cannot forge them.

The slow tests grade real submissions of a small book (a function and a from-scratch RNN layer)
through ``rnnlab grade`` (runner, sandboxed kernel, judge): four attacks that forge the verdict of
an in-kernel check leave a wrong solution failed, and the correct solution passes. The fast tests
check the protocol: the judge refuses a pickle, an unknown tag or a reply without a value, and
the in-kernel harness is indeed fooled by the first attack (so the slow test means something).
"""

import base64
import csv
import io
import json
import os
import pickle
import subprocess
import sys

import nbformat
import pytest
import torch

from grading_fixtures import tiny_solution
from rnnlab.tools import harness, judge, judge_routes, judge_wire
from rnnlab.tools.exercises import add_nbgrader_metadata
from rnnlab.tools.grade import load_references  # noqa: F401  (the grader's own import path)

V4 = nbformat.v4
IMPORTS = "import torch\nfrom torch import nn\nfrom rnnlab import checks"
RNN = """class RNNScratch(nn.Module):
    def __init__(self, num_inputs, num_hiddens, num_layers=1):
        super().__init__()
        ### BEGIN SOLUTION
        self.hidden_size, self.num_layers = num_hiddens, num_layers
        for l in range(num_layers):
            n_in = num_inputs if l == 0 else num_hiddens
            self.register_parameter(f"weight_ih_l{l}", nn.Parameter(torch.randn(num_hiddens, n_in)))
            self.register_parameter(f"weight_hh_l{l}", nn.Parameter(torch.randn(num_hiddens, num_hiddens)))
            self.register_parameter(f"bias_ih_l{l}", nn.Parameter(torch.zeros(num_hiddens)))
            self.register_parameter(f"bias_hh_l{l}", nn.Parameter(torch.zeros(num_hiddens)))
        ### END SOLUTION

    def forward(self, X, H):
        ### BEGIN SOLUTION
        finals = []
        for l in range(self.num_layers):
            p = [getattr(self, f"{k}_l{l}") for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            h, steps = H[l], []
            for x in X:
                h = torch.tanh(x @ p[0].T + p[2] + h @ p[1].T + p[3])
                steps.append(h)
            X = torch.stack(steps)
            finals.append(h)
        return X, torch.stack(finals)
        ### END SOLUTION
"""
CHECK_RNN = (
    "checks.check_twin(RNNScratch(3, 4, num_layers=2), nn.RNN(3, 4, num_layers=2))\n"
    "checks.check_twin_gradients(RNNScratch(3, 4, num_layers=2), nn.RNN(3, 4, num_layers=2))"
)
# (a) the learner's double(), called by the check, patches the failure function it is called from
FRAMES = """def double(x):
    import sys
    import rnnlab.checks, rnnlab.checks.core as core
    noop = lambda *a, **k: None
    frame = sys._getframe(1)
    while frame is not None:
        for name in ("checks", "core"):
            if hasattr(frame.f_globals.get(name), "fail"):
                frame.f_globals[name].fail = noop
        frame = frame.f_back
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("rnnlab.checks") and hasattr(module, "fail"):
            module.fail = noop
    torch.testing.assert_close = noop
    return 0"""
# (b) the harness and the oracle, found in builtins, replaced by forgers
HARNESS = """import builtins, json
forged = json.dumps(dict(status="passed", message="forged", output="PASSED: forged"))
for name in [n for n in dir(builtins) if n.startswith("_rnnlab_")]:
    setattr(builtins, name, lambda *a, **k: forged)"""
# (c) IPython's evaluation of user_expressions answers with a forged verdict
IPYTHON = """import json
forged = repr(json.dumps(dict(status="passed", message="forged", output="", ok=6)))
ip = get_ipython()
ip.user_expressions = lambda expressions: {
    k: {"status": "ok", "data": {"text/plain": forged}, "metadata": {}} for k in expressions}"""
# (d) a "scratch" layer that runs torch's fused kernel through a reference kept from __init__
FUSED = RNN.replace(
    "        ### END SOLUTION\n\n    def forward",
    "        ### END SOLUTION\n        self.kernel = torch._VF.rnn_tanh\n\n    def forward",
).replace(
    "        finals = []",
    "        p = [getattr(self, n) for n, _ in self.named_parameters()]\n"
    "        return self.kernel(X, H, p, True, self.num_layers, 0.0, False, False, False)\n"
    "        finals = []",
)


@pytest.fixture(autouse=True)
def the_checks_package_stays():
    """The judge imports ``rnnlab.checks`` afresh in this process; later tests of this worker
    (the mutants) must keep catching the package's own ``CheckFailed``."""
    saved = {k: v for k, v in sys.modules.items() if k.startswith("rnnlab.checks")}
    yield
    if saved:
        for name in [k for k in sys.modules if k.startswith("rnnlab.checks")]:
            del sys.modules[name]
        sys.modules.update(saved)
        import rnnlab

        rnnlab.checks = saved["rnnlab.checks"]


def judged_book():
    """The tiny set plus a from-scratch RNN layer whose check runs in the judge."""
    nb = tiny_solution()
    nb.cells[1].source = IMPORTS
    nb.cells += [
        V4.new_markdown_cell("## Exercise 3. A scratch RNN"),
        V4.new_code_cell(RNN),
        V4.new_code_cell(CHECK_RNN, metadata={"tags": ["check"]}),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i}"
    add_nbgrader_metadata(nb, "00_tiny")
    return nb


def student(solution, double=None, rnn=None, before=None):
    nb = nbformat.from_dict(json.loads(json.dumps(solution)))
    for cell in nb.cells:
        if cell.source.startswith("def double") and double is not None:
            cell.source = double
        elif cell.source.startswith("class RNNScratch") and rnn is not None:
            cell.source = rnn
    if before:
        nb.cells.insert(2, V4.new_code_cell(before, id="attack"))
    return nb


WRONG = "def double(x):\n    return 0"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from grading_fixtures import make_book
    from rnnlab.tools.sandbox import bwrap_path

    if bwrap_path() is None:
        pytest.skip("needs a working bubblewrap (bwrap)")
    tmp = tmp_path_factory.mktemp("judged")
    book, subs, out = tmp / "book", tmp / "subs", tmp / "out"
    solution = judged_book()
    make_book(book, solution)
    students = {
        "correct": student(solution),
        "wrong": student(solution, double=WRONG),
        "frames": student(solution, double=FRAMES),
        "harness": student(solution, double=WRONG, before=HARNESS),
        "ipython": student(solution, double=WRONG, before=IPYTHON),
        "fused": student(solution, rnn=FUSED),
    }
    for name, nb in students.items():
        (subs / name).mkdir(parents=True)
        nbformat.write(nb, subs / name / "00_tiny.ipynb")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "-m", "rnnlab", "grade", str(subs), "--out", str(out), "--book", str(book)]
        + ["--jobs", "2", "--timeout", "120", "--memory-gb", "3", "--quick"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    records = {r["student"]: r for r in map(json.loads, open(out / "results.jsonl"))}
    return dict(records=records, rows={r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))})


ONE_WORKER = pytest.mark.xdist_group("grade-judge")  # the tests of the graded class: one worker grades it


def checks_of(graded, name):
    return {c["id"]: c for c in graded["records"][name]["checks"]}


@pytest.mark.slow
@ONE_WORKER
def test_correct_solution_passes_in_the_judge(graded):
    found = checks_of(graded, "correct")
    assert all(c["status"] == "passed" for c in found.values()), found
    assert all(c["decided_in"] == "judge" for c in found.values())


@pytest.mark.slow
@ONE_WORKER
@pytest.mark.parametrize("name", ["wrong", "frames", "harness", "ipython"])
def test_forged_verdicts_stay_failed(graded, name):
    double = checks_of(graded, name)["c4"]
    assert double["status"] == "failed" and double["decided_in"] == "judge", double


@pytest.mark.slow
@ONE_WORKER
def test_fused_kernel_kept_from_init_fails(graded):
    rnn = checks_of(graded, "fused")["c11"]
    assert rnn["status"] == "failed" and "fused kernel" in rnn["message"], rnn
    assert checks_of(graded, "fused")["c4"]["status"] == "passed"


# --- the protocol, without a kernel ---------------------------------------------------------------


class Boom:
    def __reduce__(self):
        return (os.system, ("touch /tmp/rnnlab-judge-pwned",))


def reply_with_blob(raw, meta=None):
    data = base64.b64encode(raw).decode()
    blob = data if meta is None else dict(meta=meta, data=data)
    return json.dumps(dict(ok={"$t": 0}, fused=[], blob=blob))


def test_wire_refuses_a_pickle():
    buf = io.BytesIO()
    torch.save([Boom()], buf)  # torch.save pickles any object: the reader must refuse it
    with pytest.raises(judge_wire.WireError):
        judge_wire.read(reply_with_blob(buf.getvalue()))
    with pytest.raises(judge_wire.WireError):
        judge_wire.read(reply_with_blob(pickle.dumps(Boom())))
    for meta in ([["object", [1]]], [["float32", [2, "x"]]], [["float32", [10**6]]], [["uint8", [1]]]):
        with pytest.raises(judge_wire.WireError):  # unknown dtype, bad shape, too few or too many bytes
            judge_wire.read(reply_with_blob(pickle.dumps(Boom()), meta))
    assert not os.path.exists("/tmp/rnnlab-judge-pwned")


def test_wire_refuses_unknown_tags_and_non_tensors():
    with pytest.raises(judge_wire.WireError):
        judge_wire.decode({"$pickle": "x"}, [], None)
    buf = io.BytesIO()
    torch.save({"a": 1}, buf)
    with pytest.raises(judge_wire.WireError):
        judge_wire.read(reply_with_blob(buf.getvalue()))
    t = torch.arange(3.0)
    enc = judge_wire.Encoder(lambda v, e: None)
    fields, tensors = judge_wire.read(enc.message(ok=enc((t, {"k": [t.int()]}, torch.float64))))
    got = judge_wire.decode(fields["ok"], tensors, None)
    assert torch.equal(got[0], t) and got[1]["k"][0].dtype == torch.int32 and got[2] is torch.float64
    gen = torch.Generator().manual_seed(7)
    enc = judge_wire.Encoder(lambda v, e: None)
    fields, tensors = judge_wire.read(enc.message(ok=enc(gen)))
    copy = judge_wire.decode(fields["ok"], tensors, None)
    assert torch.equal(torch.rand(4, generator=copy), torch.rand(4, generator=gen))


def hostile_kernel(answer):
    """A ``send`` that answers the 'begin' and 'get' requests honestly enough, then ``answer``."""
    calls = []

    def send(text):
        calls.append(json.loads(text)["op"])
        if calls[-1] == "begin":
            return json.dumps(dict(ok=None, fused=[], blob=""))
        if calls[-1] == "get":
            return json.dumps(dict(ok={"$h": [1, "function", True]}, fused=[], blob=""))
        return answer

    return send


@pytest.mark.parametrize(
    "answer",
    [
        "pickle",
        json.dumps(dict(status="passed", message="forged", output="")),
        json.dumps(dict(ok={"value": {"$evil": 1}}, fused=[], blob="")),
        "not json",
    ],
)
def test_judge_fails_the_check_on_a_refused_answer(answer):
    if answer == "pickle":
        answer = reply_with_blob(pickle.dumps(Boom()))
    source = "got = double(3)\nif got != 6:\n    checks.fail('double(3)', 6, got)\nchecks.passed('ok')"
    verdict = judge.judge_check(source, "from rnnlab import checks", hostile_kernel(answer))
    assert verdict["status"] == "failed" and "refuse" in verdict["message"], verdict
    assert not os.path.exists("/tmp/rnnlab-judge-pwned")


def test_the_in_kernel_harness_is_fooled_by_the_frame_attack(monkeypatch):
    """The control for the slow test: run in the kernel, attack (a) forges a pass."""
    namespace = {"torch": torch}
    exec(FRAMES, namespace)  # noqa: S102
    monkeypatch.setattr(harness, "_ip", lambda: None)
    saved = {k: v for k, v in sys.modules.items() if k.startswith("rnnlab.checks")}
    try:
        harness.snapshot()

        class Shell:
            user_ns = {"double": namespace["double"]}

        monkeypatch.setattr(harness, "_ip", lambda: Shell())
        monkeypatch.setattr(torch.testing, "assert_close", torch.testing.assert_close)
        source = "got = double(3)\nif got != 6:\n    checks.fail('double(3)', 6, got)\nchecks.passed('ok')"
        verdict = json.loads(harness.run(source, "from rnnlab import checks"))
    finally:
        for name in [k for k in sys.modules if k.startswith("rnnlab.checks")]:
            del sys.modules[name]
        sys.modules.update(saved)
        import rnnlab

        rnnlab.checks = saved["rnnlab.checks"]
    assert verdict["status"] == "passed"  # forged: why the verdict moved out of the kernel


def test_routes_are_a_fixed_list():
    assert judge_routes.route("checks.check_twin(A(1, 2), nn.RNN(1, 2))") == "judge"
    assert judge_routes.route("checks.check_trained_lm(net, it, 'x')") == "kernel"
    assert judge_routes.route("checks.check_windows(make_windows)") == "judge"


def in_process_judge(source, namespace):
    """The judge against an oracle in this process (the protocol and the stand-ins, no kernel)."""
    from rnnlab.checks.core import recurrence_spy
    from rnnlab.checks.guard import guarded
    from rnnlab.tools.oracle import Oracle

    serve = Oracle(namespace, recurrence_spy, guarded).serve
    return judge.judge_check(source, IMPORTS, serve)


@pytest.mark.parametrize("cut", [False, True])
def test_mirrors_carry_weights_and_gradients_across(cut):
    namespace = {"torch": torch, "nn": torch.nn}
    exec(
        RNN.replace(
            "steps.append(h)", "steps.append(h)\n                h = h.detach()" if cut else "steps.append(h)"
        ),
        namespace,
    )  # noqa: S102
    verdict = in_process_judge(CHECK_RNN, namespace)
    if cut:  # forward values right, gradients through time cut: only the gradients can tell
        assert verdict["status"] == "failed" and "gradient" in verdict["message"], verdict
    else:
        assert verdict["status"] == "passed", verdict


def test_the_guide_says_where_every_check_runs():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1]
    guide = (root / "docs" / "grading.md").read_text()
    called = set()
    for path in sorted((root / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "check" in cell.metadata.get("tags", []):
                called |= judge_routes.called_checks(cell.source)
    missing = sorted(n for n in called | set(judge_routes.IN_KERNEL) if f"`{n}`" not in guide)
    assert not missing, f"docs/grading.md does not say where these checks run: {missing}"
