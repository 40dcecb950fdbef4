"""The judge's stand-ins for the learner's objects: handles, module mirrors, gradients across.

- ``Handle``: a learner object that stays in the kernel (a function, a class, an iterator, a bound
  method). Calling it, reading an attribute or an item, iterating it or taking its length sends
  a request; the answer comes back by value (tensors, numbers...) or as another handle.
- ``Mirror``: a learner ``nn.Module``. Its submodules, parameters and buffers are real ones of the
  judge, so a check reads and writes them (``copy_`` of a twin's weights, ``zero_grad``,
  ``double()``, ``eval()``) as usual; before each call the values that changed since the last call
  and the training flags go to the kernel. ``forward`` runs in the kernel.
- Gradients: a call made with autograd on and a tensor that requires grad (an input, or a
  mirror's parameter) goes through ``RemoteCall``, an autograd Function: its forward makes the
  kernel keep the learner's graph, its backward sends the output gradients and receives those of
  the inputs and parameters, which autograd then accumulates here (``p.grad``,
  ``torch.autograd.grad``).
- The from-scratch spy runs where the learner's operations run: while a ``recurrence_spy`` is open
  in the judge, calls ask the kernel to record fused recurrent kernels, and the judge's spy gets
  the kernel's list (``ACTIVE_SPIES``).
"""

import itertools

import torch
from torch import nn

from .judge_wire import Encoder, WireError, decode, read

ACTIVE_SPIES = []
# errors of learner code that keep their type in the judge (checks catch some); others: RemoteError
BUILTIN_ERRORS = {
    e.__name__: e
    for e in (
        NotImplementedError,
        AttributeError,
        NameError,
        TypeError,
        ValueError,
        IndexError,
        KeyError,
        RuntimeError,
        StopIteration,
        ZeroDivisionError,
        AssertionError,
    )
}


class RemoteError(Exception):
    """An exception raised by the learner's code in the kernel (its type name leads the text)."""


class JudgeError(Exception):
    """The judge cannot go on (a malformed answer, an object it cannot send): the check fails."""


class Link:
    """Requests to the kernel through ``send(text) -> text`` (the runner relays them)."""

    def __init__(self, send):
        self.send, self.mirrors, self.calls = send, {}, itertools.count(1)

    def request(self, op, spy=False, **fields):
        """(decoded reply, raw reply fields, tensors) of one request; raises the learner's error."""
        enc = Encoder(self.encode_other)
        args = fields.pop("args", None)
        if args is not None:
            fields["args"] = enc(args)
        sync_tensors = fields.pop("sync_tensors", [])
        for entry, item in zip(fields.get("sync", []), sync_tensors):
            entry[3] = enc.tensor(item)["$t"]
        for spec, value in fields.pop("late_tensors", {}).items():
            fields[spec] = [enc.tensor(v)["$t"] for v in value]
        text = self.send(enc.message(op=op, spy=spy or bool(ACTIVE_SPIES), **fields))
        try:
            reply, tensors = read(text)
            fused = reply.get("fused", [])
            if not (isinstance(fused, list) and all(isinstance(f, str) for f in fused)):
                raise WireError("a list of fused kernels that is not a list of names")
        except WireError as err:
            raise JudgeError(f"the kernel sent a reply the judge refuses: {err}") from None
        for spy_ in ACTIVE_SPIES:
            spy_.calls.extend(fused)
        if "error" in reply:
            kind, text = (list(reply["error"]) + ["", ""])[:2]
            raise BUILTIN_ERRORS.get(str(kind), RemoteError)(
                text if str(kind) in BUILTIN_ERRORS else f"{kind}: {text}"
            )
        if "ok" not in reply:
            raise JudgeError("the kernel's reply holds neither a value nor an error")
        return reply["ok"], tensors

    def value(self, op, **fields):
        data, tensors = self.request(op, **fields)
        return self.decode(data, tensors)

    def decode(self, data, tensors):
        try:
            return decode(data, tensors, self.decode_other(tensors))
        except (WireError, KeyError, TypeError, ValueError) as err:
            raise JudgeError(f"the kernel sent a value the judge refuses: {err}") from None

    def decode_other(self, tensors):
        def other(tag, body):
            if tag == "$h" and isinstance(body, list) and len(body) == 3:
                return Handle(self, int(body[0]), str(body[1]), bool(body[2]))
            if tag == "$m" and isinstance(body, dict):
                return self.mirror(body, tensors)
            raise WireError(f"the tag {tag} from the kernel")

        return other

    def encode_other(self, value, enc):
        if isinstance(value, (Handle, Mirror)):
            return {"$ref": value._ref}
        raise JudgeError(
            f"the judge cannot hand a {type(value).__name__} to the learner's code (only tensors, "
            "numbers, strings, containers of those and the learner's own objects travel)"
        )

    def mirror(self, desc, tensors):
        """The judge's mirror of a module the kernel described (the same object -> the same mirror)."""
        ref = int(desc["id"])
        found = self.mirrors.get(ref)
        if found is None:
            found = make_mirror(self, desc)
            self.mirrors[ref] = found
        with torch.no_grad():
            for table, items in ((found._parameters, desc["params"]), (found._buffers, desc["buffers"])):
                for name, t in items:
                    value, old = (None if t is None else decode(t, tensors, None)), table.get(name)
                    if value is None or old is None or old.shape != value.shape or old.dtype != value.dtype:
                        is_param = table is found._parameters and value is not None
                        table[name] = nn.Parameter(value.clone()) if is_param else value
                    else:
                        old.copy_(value)
            for name, child in desc["children"]:
                found._modules[name] = self.mirror(child["$m"], tensors)
        found.training = bool(desc["training"])
        found._synced = {key: _signature(t) for key, t in _own_tensors(found)}
        return found

    # --- calls ---------------------------------------------------------------------------------
    def call(self, ref, args, kwargs, mirrors=()):
        mirrors = [m for m in mirrors if isinstance(m, Mirror)]
        mirrors += [a for a in _walk((args, kwargs)) if isinstance(a, Mirror)]
        nodes = {id(n): n for m in mirrors for n in m.modules()}.values()
        sync, training = [], []
        for node in nodes:
            training.append([node._ref, node.training])
            for (kind, name), t in _own_tensors(node):
                if t is not None and node._synced.get((kind, name)) != _signature(t):
                    sync.append((node, kind, name, t))
        params = [(n, name, p) for n in nodes for name, p in n._parameters.items() if p is not None]
        inputs = [t for t in _walk((args, kwargs)) if isinstance(t, torch.Tensor)]
        graph = torch.is_grad_enabled() and any(t.requires_grad for t in inputs + [p for *_, p in params])
        if graph:
            result = RemoteCall.run(self, ref, args, kwargs, sync, training, params)
        else:
            data, tensors = self.request(
                "call",
                ref=ref,
                args=[list(args), kwargs],
                grad=torch.is_grad_enabled(),
                **_sync(sync, training),
            )
            if not isinstance(data, dict) or "value" not in data:
                raise JudgeError("the kernel's reply to a call has no value")
            result = self.decode(data["value"], tensors)
        for node, kind, name, t in sync:
            node._synced[(kind, name)] = _signature(t)
        return result


def _sync(sync, training):
    return dict(
        sync=[[n._ref, name, kind, None] for n, kind, name, _ in sync],
        sync_tensors=[t.detach() for *_, t in sync],
        training=training,
    )


def _signature(t):
    return None if t is None else (id(t), t._version, t.data_ptr(), t.dtype, tuple(t.shape))


def _own_tensors(node):
    return [(("p", n), p) for n, p in node._parameters.items()] + [
        (("b", n), b) for n, b in node._buffers.items()
    ]


def _walk(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    else:
        yield value


class RemoteCall(torch.autograd.Function):
    """One call of learner code with autograd on: the kernel keeps the graph for the backward."""

    @staticmethod
    def run(link, ref, args, kwargs, sync, training, params):
        box = dict(link=link, ref=ref, args=[list(args), kwargs], sync=sync, training=training)
        box["params"] = params
        flat = [t for t in _walk(box["args"]) if isinstance(t, torch.Tensor)]
        box["needs"] = [t.requires_grad for t in flat]
        outputs = RemoteCall.apply(box, *flat, *(p for *_, p in params))
        return link.decode(box["data"]["value"], list(outputs))

    @staticmethod
    def forward(ctx, box, *tensors):
        link, graph = box["link"], next(box["link"].calls)
        n_args = len(tensors) - len(box["params"])
        needs = [i for i, t in enumerate(tensors[:n_args]) if box["needs"][i]]
        fields = _sync(box["sync"], box["training"])
        # the argument tensors are numbered first (in the order the encoder meets them)
        data, out = link.request(
            "call",
            ref=box["ref"],
            args=box["args"],
            grad=True,
            graph=graph,
            needs_grad=needs,
            params=[[n._ref, name] for n, name, _ in box["params"]],
            **fields,
        )
        if not isinstance(data, dict) or "value" not in data:
            raise JudgeError("the kernel's reply to a call has no value")
        diff = data.get("diff", [])
        if not (isinstance(diff, list) and all(isinstance(i, int) and 0 <= i < len(out) for i in diff)):
            raise JudgeError("the kernel's reply names outputs that do not exist")
        box["data"], ctx.box, ctx.graph, ctx.n_args = data, box, graph, n_args
        ctx.diff = [i for i in diff if out[i].is_floating_point() or out[i].is_complex()]
        outputs = tuple(t.clone() for t in out) or (torch.zeros(()),)
        ctx.mark_non_differentiable(*[t for i, t in enumerate(outputs) if i not in ctx.diff])
        return outputs

    @staticmethod
    def backward(ctx, *grads):
        box, link = ctx.box, ctx.box["link"]
        which = [i for i in ctx.diff if grads[i] is not None]
        data, tensors = link.request(
            "backward", graph=ctx.graph, which=which, late_tensors={"grads": [grads[i] for i in which]}
        )
        found = link.decode(data, tensors)
        inputs = [t for t in _walk(box["args"]) if isinstance(t, torch.Tensor)]
        want = [i for i, t in enumerate(inputs) if box["needs"][i]] + list(
            range(len(inputs), len(inputs) + len(box["params"]))
        )
        if not isinstance(found, list) or len(found) != len(want):
            raise JudgeError("the kernel's gradients do not match the call's inputs")
        result = [None] * (len(inputs) + len(box["params"]))
        for slot, g in zip(want, found):
            if g is not None and not isinstance(g, torch.Tensor):
                raise JudgeError("the kernel sent a gradient that is not a tensor")
            result[slot] = g
        return (None, *result)


class Handle:
    """A learner object that stays in the kernel."""

    def __init__(self, link, ref, type_name, is_callable):
        self._link, self._ref, self._type, self._callable = link, ref, type_name, is_callable
        self._owner = None  # the mirror this handle was read from (its method)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__qualname__"):
            raise AttributeError(name)
        return self._link.value("getattr", ref=self._ref, name=name)

    def __call__(self, *args, **kwargs):
        return self._link.call(self._ref, args, kwargs, mirrors=[self._owner])

    def __getitem__(self, key):
        return self._link.value("getitem", ref=self._ref, args=key)

    def __len__(self):
        return self._link.value("len", ref=self._ref)

    def __iter__(self):
        return self._link.value("iter", ref=self._ref)

    def __next__(self):
        return self._link.value("next", ref=self._ref)

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<the learner's {self._type}>"


class Mirror(nn.Module):
    """Base of the judge's mirrors of the learner's modules (see the module's docstring)."""

    def forward(self, *args, **kwargs):
        return self._link.call(self._ref, args, kwargs, mirrors=[self])

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name.startswith("_"):
                raise
        value = self.__dict__["_link"].value("getattr", ref=self.__dict__["_ref"], name=name)
        if isinstance(value, Handle):  # a method: calling it must carry this module's weights across
            value._owner = self
        return value


def make_mirror(link, desc):
    """An empty mirror whose class carries the learner's class name; a module built on a torch.nn
    class passes ``isinstance`` against it (``isinstance(layer.W_k, nn.Linear)``, and
    ``reject_torch_recurrence`` sees an nn.GRU inside a scratch layer)."""
    name = str(desc["cls"])[:100]
    namespace = {}
    base = getattr(nn, str(desc.get("torch_base")), None) if desc.get("torch_base") else None
    if isinstance(base, type) and issubclass(base, nn.Module):
        namespace["__class__"] = property(lambda self: base)
    cls = type(name if name.isidentifier() else "LearnerModule", (Mirror,), namespace)
    mirror = cls()
    mirror.__dict__["_link"], mirror.__dict__["_ref"] = link, int(desc["id"])
    mirror.__dict__["_synced"] = {}
    return mirror
