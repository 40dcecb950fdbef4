"""What travels between the judge and the learner's kernel: JSON plus raw tensors, nothing pickled.

A message is a JSON object; tensors inside it are placeholders ``{"$t": i}`` into a list that
travels as ``blob``: each tensor's dtype (from a fixed list) and shape, and their raw bytes in
base64. Nothing is unpickled, so no learner object can run code in the judge while it is read
(and it is ten times faster than ``torch.save``/``torch.load``). Other values:
``None``, bools, numbers, strings, lists; ``{"$tuple": [...]}``, ``{"$dict": [[k, v], ...]}``,
``{"$dev": "cpu"}``, ``{"$dtype": "float32"}``, ``{"$packed": [...]}`` (a PackedSequence),
``{"$np": i}`` (a numeric NumPy array, sent as tensor ``i``), ``{"$gen": i}`` (a CPU
``torch.Generator``: its state travels, so the receiver draws the same numbers from a copy).
Anything else is a side's business: the kernel sends a handle (``{"$h": id}``) or a module's
description (``{"$m": ...}``), the judge sends back ``{"$ref": id}``. An unknown tag, a payload
that is not a list of plain tensors, or malformed JSON raises ``WireError``.
"""

import base64
import json

import torch

TAGS = ("$t", "$np", "$gen", "$tuple", "$dict", "$dev", "$dtype", "$packed", "$h", "$m", "$ref")


class WireError(ValueError):
    """A message that is not what the protocol allows (the judge then fails the check)."""


DTYPES = {
    str(d).removeprefix("torch."): d
    for d in (
        torch.float16,
        torch.bfloat16,
        torch.float32,
        torch.float64,
        torch.complex64,
        torch.complex128,
        torch.uint8,
        torch.int8,
        torch.int16,
        torch.int32,
        torch.int64,
        torch.bool,
    )
}


def pack_tensors(tensors):
    """``{"meta": [[dtype, shape], ...], "data": base64 of the raw bytes}`` ('' when none)."""
    if not tensors:
        return ""
    meta, chunks = [], []
    for t in tensors:
        t = t.detach().cpu().contiguous()
        if str(t.dtype).removeprefix("torch.") not in DTYPES:
            t = t.double() if t.is_floating_point() else t.long()
        meta.append([str(t.dtype).removeprefix("torch."), list(t.shape)])
        chunks.append(t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b"")
    return dict(meta=meta, data=base64.b64encode(b"".join(chunks)).decode("ascii"))


def unpack_tensors(blob):
    """The tensors of ``blob``: raw bytes cut by the declared dtypes and shapes, nothing unpickled."""
    if not blob:
        return []
    try:
        meta, raw = blob["meta"], base64.b64decode(blob["data"].encode("ascii"), validate=True)
        tensors, at = [], 0
        for name, shape in meta:
            dtype = DTYPES[name]
            if not all(type(n) is int and n >= 0 for n in shape):
                raise ValueError(f"a shape {shape!r}")
            count = 1
            for n in shape:
                count *= n
            size = count * dtype.itemsize
            if at + size > len(raw):
                raise ValueError("fewer bytes than the shapes need")
            chunk = bytearray(raw[at : at + size])
            at += size
            flat = torch.frombuffer(chunk, dtype=torch.uint8) if size else torch.empty(0, dtype=torch.uint8)
            tensors.append(flat.view(dtype).reshape(shape))
        if at != len(raw):
            raise ValueError("more bytes than the shapes need")
    except (KeyError, TypeError, ValueError, AttributeError, RuntimeError) as err:
        raise WireError(
            f"a tensor payload that is not plain tensors ({type(err).__name__}: {err})"[:400]
        ) from None
    return tensors


class Encoder:
    """Turns a value into JSON-able data; ``other(value, encoder)`` handles what is not plain."""

    def __init__(self, other):
        self.other, self.tensors, self.originals = other, [], []

    def tensor(self, t):
        self.originals.append(t)
        self.tensors.append(t)
        return {"$t": len(self.tensors) - 1}

    def __call__(self, v):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, (int, float)) and type(v) in (int, float, bool):
            return v
        if type(v) in (torch.Tensor, torch.nn.Parameter):
            return self.tensor(v)
        if isinstance(v, torch.device):
            return {"$dev": str(v)}
        if isinstance(v, torch.dtype):
            return {"$dtype": str(v).removeprefix("torch.")}
        if isinstance(v, torch.nn.utils.rnn.PackedSequence):
            return {"$packed": [self(x) for x in v]}
        if type(v).__module__ == "numpy" and type(v).__name__ == "ndarray" and v.dtype.kind in "biuf":
            return {"$np": self.tensor(torch.from_numpy(v.copy()))["$t"]}
        if type(v).__module__ == "numpy" and hasattr(v, "item") and getattr(v, "shape", None) == ():
            return self(v.item())
        if type(v) is torch.Generator and v.device.type == "cpu":  # its state travels; draws stay there
            return {"$gen": self.tensor(v.get_state())["$t"]}
        if type(v) is list:
            return [self(x) for x in v]
        if type(v) is tuple:
            return {"$tuple": [self(x) for x in v]}
        if type(v) is dict:
            return {"$dict": [[self(k), self(x)] for k, x in v.items()]}
        return self.other(v, self)

    def message(self, **fields):
        return json.dumps(dict(fields, blob=pack_tensors(self.tensors)))


def decode(data, tensors, other):
    """The value of JSON ``data``; ``other(tag, body)`` builds handles and modules."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(x, tensors, other) for x in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise WireError(f"an unknown value in a message: {str(data)[:100]}")
    ((tag, body),) = data.items()
    if tag == "$t":
        if not (isinstance(body, int) and 0 <= body < len(tensors)):
            raise WireError(f"a tensor reference out of range: {body!r}")
        return tensors[body]
    if tag == "$tuple" and isinstance(body, list):
        return tuple(decode(x, tensors, other) for x in body)
    if tag == "$dict" and isinstance(body, list):
        return {_key(decode(k, tensors, other)): decode(v, tensors, other) for k, v in body}
    if tag == "$dev" and isinstance(body, str):
        return torch.device(body)
    if tag == "$dtype" and isinstance(getattr(torch, str(body), None), torch.dtype):
        return getattr(torch, body)
    if tag == "$np" and isinstance(body, int) and 0 <= body < len(tensors):
        return tensors[body].numpy()
    if tag == "$gen" and isinstance(body, int) and 0 <= body < len(tensors):
        generator = torch.Generator()
        try:
            generator.set_state(tensors[body])
        except (RuntimeError, TypeError) as err:
            raise WireError(f"a generator state that is not one: {err}") from None
        return generator
    if tag == "$packed" and isinstance(body, list):
        return torch.nn.utils.rnn.PackedSequence(*[decode(x, tensors, other) for x in body])
    if tag in ("$h", "$m", "$ref"):
        return other(tag, body)
    raise WireError(f"an unknown tag in a message: {tag!r}")


def _key(k):
    if isinstance(k, (list, dict, torch.Tensor)):
        raise WireError("a dictionary key that is not hashable")
    return k


def read(text):
    """(fields, tensors) of one message; WireError for anything else."""
    try:
        fields = json.loads(text)
    except (TypeError, ValueError) as err:
        raise WireError(f"a message that is not JSON: {err}") from None
    if not isinstance(fields, dict):
        raise WireError("a message that is not a JSON object")
    return fields, unpack_tensors(fields.pop("blob", ""))
