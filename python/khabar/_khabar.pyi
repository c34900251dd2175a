"""Typed stubs of the Rust extension module ``khabar._khabar`` (checked by mypy.stubtest)."""

from typing import Any, final

__all__ = [
    "Alignment",
    "Normalizer",
    "__version__",
    "_restore_normalizer",
    "_trigger_panic",
    "parse",
    "presets",
    "rules",
]

__version__: str

@final
class Alignment:
    """Offsets from normalized text back to its source (code points, half-open).

    >>> from khabar._khabar import Normalizer
    >>> text, al = Normalizer("ml_clean").normalize("كِتَابٌ  جَدِيدٌ", True)
    >>> text, al.source_of(4), al.to_source(5, 9)
    ('كتاب جديد', (7, 9), (9, 16))
    """

    @staticmethod
    def from_flat(flat: list[int]) -> Alignment:
        """Rebuild from ``[out_start, out_len, src_start, src_len, group, ...]``."""
    def to_flat(self) -> list[int]:
        """The flat form ``[out_start, out_len, src_start, src_len, group, ...]``."""
    @property
    def segments(self) -> list[tuple[int, int, int, int, bool]]:
        """Segments as ``(out_start, out_len, src_start, src_len, group)``."""
    def source_of(self, i: int) -> tuple[int, int]:
        """Source span of output character ``i``."""
    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering the output span ``[start, end)``."""
    def spans(self) -> list[tuple[int, int]]:
        """The source span of every output character."""
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class Normalizer:
    """The compiled rule table (``khabar.Normalizer`` wraps it for pandas and polars).

    >>> from khabar._khabar import Normalizer
    >>> n = Normalizer("basic", fold_teh_marbuta=False)
    >>> n.normalize("الْمَدْرَسَةُ")
    'المدرسة'
    >>> n.normalize(["أَحْمَد", None])
    ['احمد', None]
    """

    def __new__(cls, preset: str = "ml_clean", **rules: bool | str | int) -> Normalizer: ...
    def normalize(self, x: Any, return_offsets: bool = False) -> Any:
        """Normalize a str (-> str), a sequence of str/None (-> list) or an Arrow column."""
    def describe(self) -> list[str]:
        """The active rules in words, one line each."""
    @property
    def preset(self) -> str:
        """The preset this normalizer started from."""
    @property
    def rules(self) -> dict[str, bool | str | int]:
        """Every rule with its value."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse(x: Any) -> Any:
    """Parse one article (str -> dict) or a column (-> list of dict | None)."""

def rules() -> list[tuple[str, str, str, str, list[str]]]:
    """``(name, group, description, kind, choices)`` of every normalization rule."""

def presets() -> list[tuple[str, str, dict[str, bool | str | int]]]:
    """``(name, description, {rule: value})`` of every preset."""

def _restore_normalizer(preset: str, rules: dict[str, bool]) -> Normalizer: ...
def _trigger_panic(message: str) -> None: ...
