"""Messages between a process and its helper processes: length-prefixed pickles over a
pipe. Used by the reading workers (``parallel_read``) and the reading sandbox
(``sandbox``); both ends are this program, so pickle is safe here."""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_LENGTH = struct.Struct("!Q")


def write_frame(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes], at_end: Any = None) -> Any | None:
    """One message, or ``at_end`` at the end of the stream (None unless told: a reader that
    must tell a message None from a closed pipe passes something else)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return at_end
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return at_end
    return pickle.loads(data)
