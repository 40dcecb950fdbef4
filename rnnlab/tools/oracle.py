"""The kernel's side of a judged check: call the learner's objects as the judge asks, nothing more.

The harness loads a private copy of this module at boot and serves ``serve(request)`` through
``user_expressions`` (see ``runner.py``). The kernel keeps the learner's objects in a registry by
number; the judge names them by number. Requests: ``get`` a name of the notebook, ``getattr`` /
``setattr`` / ``getitem`` / ``len`` / ``iter`` / ``next`` / ``call`` on an object, ``backward``
through a call made with autograd on, ``assign`` a name a check cell defined. Results go back by
value when they are tensors, numbers, strings, devices, dtypes or containers of those; a module as
a description (its submodules, parameters and buffers, each module registered); anything else as
a handle. Learner code runs with file, socket and process access refused (``checks.guard``) and,
when the judge asks, under ``recurrence_spy``: the list of fused recurrent kernels it ran goes
back with the reply. Nothing here decides a verdict: a tampered kernel can only send other values,
which the judge compares with its own reference.
"""

import builtins
import json

import torch
from torch import nn

from rnnlab.tools.judge_wire import Encoder, decode, read

KEEP_GRAPHS = 32  # calls whose graphs stay for a backward (checks call backward right after)


class Oracle:
    def __init__(self, namespace, spy_class, guarded, on_begin=lambda: None):
        self.namespace, self.spy_class, self.guarded = namespace, spy_class, guarded
        self.on_begin = on_begin
        self.objects, self.ids, self.graphs = {}, {}, {}

    # --- the registry --------------------------------------------------------------------------
    def register(self, obj):
        key = id(obj)
        if key not in self.ids:
            self.ids[key] = len(self.objects) + 1
            self.objects[self.ids[key]] = obj
        return self.ids[key]

    def other(self, value, enc):
        if isinstance(value, nn.Module):
            return {"$m": self.describe(value, enc)}
        return {"$h": [self.register(value), type(value).__name__, callable(value)]}

    def describe(self, module, enc):
        base = next(
            (
                c.__name__
                for c in type(module).__mro__
                if c is not nn.Module and getattr(nn, c.__name__, None) is c  # nn.Linear, nn.GRU, nn.RNNBase
            ),
            None,
        )
        return dict(
            id=self.register(module),
            cls=type(module).__name__,
            torch_base=base,
            training=module.training,
            params=[
                [n, None if p is None else enc.tensor(p.detach())] for n, p in module._parameters.items()
            ],
            buffers=[[n, None if b is None else enc.tensor(b.detach())] for n, b in module._buffers.items()],
            children=[
                [n, {"$m": self.describe(m, enc)}] for n, m in module._modules.items() if m is not None
            ],
        )

    def lookup(self, tag, body):
        if tag != "$ref" or body not in self.objects:
            raise ValueError(f"no object {body!r} in the kernel's registry")
        return self.objects[body]

    # --- requests ------------------------------------------------------------------------------
    def serve(self, text):
        enc = Encoder(self.other)
        fused = []
        try:
            fields, tensors = read(text)
            op = fields["op"]
            value = getattr(self, "op_" + op)(fields, tensors, enc, fused)
            return enc.message(ok=enc(value) if op != "call" else value, fused=fused)
        except BaseException as err:  # noqa: BLE001  (the learner's code may raise anything)
            enc = Encoder(self.other)
            return json.dumps(dict(error=[type(err).__name__, str(err)[:2000]], fused=fused, blob=""))

    def _args(self, fields, tensors):
        return decode(fields.get("args", []), tensors, self.lookup)

    def _run(self, fn, spy, fused):
        """``fn()`` with learner I/O refused, under the spy when asked."""
        run = self.guarded(fn)
        if not spy:
            return run()
        with self.spy_class() as watch:
            try:
                return run()
            finally:
                fused += list(watch.calls)

    def op_begin(self, fields, tensors, enc, fused):
        self.on_begin()  # the harness's snapshot of torch, builtins and IPython, as for any check
        self.graphs.clear()
        return None

    def op_get(self, fields, tensors, enc, fused):
        name = fields["name"]
        if name not in self.namespace:
            raise NameError(f"name '{name}' is not defined")
        return self.namespace[name]

    def op_assign(self, fields, tensors, enc, fused):
        self.namespace[fields["name"]] = self._args(fields, tensors)
        return None

    def op_getattr(self, fields, tensors, enc, fused):
        obj = self.objects[fields["ref"]]
        return self._run(lambda: getattr(obj, fields["name"]), False, fused)

    def op_setattr(self, fields, tensors, enc, fused):
        obj, value = self.objects[fields["ref"]], self._args(fields, tensors)
        return self._run(lambda: setattr(obj, fields["name"], value), False, fused)

    def op_getitem(self, fields, tensors, enc, fused):
        obj, key = self.objects[fields["ref"]], self._args(fields, tensors)
        return self._run(lambda: obj[key], False, fused)

    def op_len(self, fields, tensors, enc, fused):
        obj = self.objects[fields["ref"]]
        return self._run(lambda: len(obj), False, fused)

    def op_iter(self, fields, tensors, enc, fused):
        obj = self.objects[fields["ref"]]
        return self._run(lambda: iter(obj), False, fused)

    def op_next(self, fields, tensors, enc, fused):
        obj = self.objects[fields["ref"]]
        return self._run(lambda: next(obj), False, fused)

    def op_release(self, fields, tensors, enc, fused):
        self.graphs.clear()
        return None

    def _sync(self, fields, tensors):
        """The judge's copies of parameters and buffers, and training flags, into the learner's modules."""
        with torch.no_grad():
            for ref, name, kind, index in fields.get("sync", []):
                module, value = self.objects[ref], tensors[index]
                table = module._parameters if kind == "p" else module._buffers
                target = table[name]
                if target.shape == value.shape and target.dtype == value.dtype:
                    target.copy_(value)
                else:
                    target.data = value.clone()
        for ref, flag in fields.get("training", []):
            self.objects[ref].training = bool(flag)

    def op_call(self, fields, tensors, enc, fused):
        self._sync(fields, tensors)
        fn = self.objects[fields["ref"]]
        graph = fields.get("graph")
        if graph:
            wanted = set(fields.get("needs_grad", []))
            tensors = [t.detach().requires_grad_() if i in wanted else t for i, t in enumerate(tensors)]
        args, kwargs = decode(fields.get("args", [[], {"$dict": []}]), tensors, self.lookup)
        with torch.set_grad_enabled(bool(fields.get("grad"))):
            value = self._run(lambda: fn(*args, **kwargs), fields.get("spy"), fused)
        data = enc(value)
        if graph:
            outputs = list(enc.originals)
            diff = [i for i, t in enumerate(outputs) if isinstance(t, torch.Tensor) and t.requires_grad]
            inputs = [tensors[i] for i in sorted(wanted)]
            params = [self.objects[ref]._parameters[name] for ref, name in fields.get("params", [])]
            self.graphs[graph] = (outputs, diff, inputs, params, sorted(wanted))
            while len(self.graphs) > KEEP_GRAPHS:
                self.graphs.pop(next(iter(self.graphs)))
            return {"value": data, "diff": diff}
        return {"value": data}

    def op_backward(self, fields, tensors, enc, fused):
        outputs, diff, inputs, params, wanted = self.graphs[fields["graph"]]
        grads_in = dict(zip(fields["which"], tensors))
        outs = [outputs[i] for i in diff if i in grads_in]
        grads = [grads_in[i].to(outputs[i].dtype) for i in diff if i in grads_in]
        wrt = [t for t in inputs + params if t.requires_grad]
        found = []
        if outs and wrt:
            found = list(
                self._run(
                    lambda: torch.autograd.grad(outs, wrt, grads, allow_unused=True, retain_graph=True),
                    fields.get("spy"),
                    fused,
                )
            )
        by_tensor = dict(zip(map(id, wrt), found))
        return [by_tensor.get(id(t)) for t in inputs + params]


def make(spy_class, guarded, on_begin):
    """The oracle of this kernel (its notebook's namespace) as a function of one request text."""
    from IPython import get_ipython

    ip = get_ipython()
    oracle = Oracle(ip.user_ns if ip is not None else vars(builtins), spy_class, guarded, on_begin)
    return oracle.serve
