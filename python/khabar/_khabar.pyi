"""Typed stubs of the Rust extension module ``khabar._khabar`` (checked by mypy.stubtest)."""

from typing import Any, final

__all__ = [
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
class Normalizer:
    """A reusable, picklable set of normalization rules.

    >>> from khabar import Normalizer
    >>> n = Normalizer("basic", fold_teh_marbuta=False)
    >>> n.normalize("الْمَدْرَسَةُ")
    'المدرسة'
    >>> n.normalize(["أَحْمَد", None])
    ['احمد', None]
    """

    def __new__(cls, preset: str = "ml_clean", **rules: bool) -> Normalizer: ...
    def normalize(self, x: Any) -> Any:
        """Normalize a str (-> str), a sequence of str/None (-> list) or an Arrow column."""
    def describe(self) -> list[str]:
        """The active rules in words, one line each."""
    @property
    def preset(self) -> str:
        """The preset this normalizer started from."""
    @property
    def rules(self) -> dict[str, bool]:
        """Every rule with whether it is on."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse(x: Any) -> Any:
    """Parse one article (str -> dict) or a column (-> list of dict | None)."""

def rules() -> list[tuple[str, str]]:
    """``(name, description)`` of every normalization rule."""

def presets() -> list[tuple[str, str, list[str]]]:
    """``(name, description, rules)`` of every preset."""

def _restore_normalizer(preset: str, rules: dict[str, bool]) -> Normalizer: ...
def _trigger_panic(message: str) -> None: ...
