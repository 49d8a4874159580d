"""Type stubs of the extension module (``python/src/lib.rs``). Use the wrappers in :mod:`newsdiff` instead:
they turn these byte buffers into NumPy arrays."""

from typing import Optional, Sequence, Tuple

import numpy as np

def sketch(texts: Sequence[str], num_perm: int = 128, shingle: int = 5) -> Tuple[bytes, bytes]: ...
def sketch_arrow(
    offsets: np.ndarray,
    data: np.ndarray,
    validity: Optional[np.ndarray],
    offset: int,
    length: int,
    num_perm: int = 128,
    shingle: int = 5,
) -> Tuple[bytes, bytes]: ...
def banding(num_perm: int = 128, threshold: float = 0.8) -> Tuple[int, int]: ...
def band_keys(signatures: np.ndarray, num_perm: int, bands: int, rows: int) -> bytes: ...
def jaccard(a: str, b: str, shingle: int = 5) -> float: ...
def verify(a: Sequence[str], b: Sequence[str], shingle: int = 5) -> Tuple[bytes, bytes]: ...
def verify_arrow(
    offsets: np.ndarray,
    data: np.ndarray,
    validity: Optional[np.ndarray],
    offset: int,
    length: int,
    a: np.ndarray,
    b: np.ndarray,
    shingle: int = 5,
) -> bytes: ...
def compare(a: str, b: str, id_a: str = "a", id_b: str = "b", model: bool = True) -> str: ...
def tokens(text: str, id: str = "text") -> str: ...
