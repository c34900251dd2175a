"""``khabar.normalize`` and ``khabar.Normalizer``: the batch convention on top of the core.

The rules run in Rust (``khabar._khabar.Normalizer``); this module only routes pandas, polars
and pyarrow columns and shapes the offsets output.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from . import _batch
from ._khabar import Alignment
from ._khabar import Normalizer as _CoreNormalizer
from ._khabar import presets as _presets
from ._khabar import rules as _rules

RuleValue = "bool | str | int"


class Normalizer:
    """A reusable, picklable set of normalization rules.

    ``preset`` picks a starting set of rules (see :func:`khabar.presets`); keyword arguments set
    single rules (see :func:`khabar.rules`): ``True``/``False`` for on/off rules, a word for
    choices (``digits="ascii"``), an int for counts (``elongation=2``).

    >>> from khabar import Normalizer
    >>> n = Normalizer("basic", fold_teh_marbuta=False)
    >>> n.normalize("الْمَدْرَسَةُ")
    'المدرسة'
    >>> n.normalize(["أَحْمَد", None])
    ['احمد', None]
    >>> Normalizer(digits="ascii").normalize("عام ٢٠٢٤")
    'عام 2024'
    """

    __slots__ = ("_core",)

    def __init__(self, preset: str = "ml_clean", **rules: Any) -> None:
        self._core = _CoreNormalizer(preset, **rules)

    def normalize(self, x: Any, *, return_offsets: bool = False) -> Any:
        """Normalize a str or a column, in the caller's type (see :func:`khabar.normalize`)."""
        return _apply(self._core, x, return_offsets)

    __call__ = normalize

    def describe(self) -> list[str]:
        """The active rules in words, one line each.

        >>> Normalizer("search").describe()[0]
        'strip_harakat: remove tanween, short vowels, shadda and sukun (U+064B–0652)'
        """
        return self._core.describe()

    @property
    def preset(self) -> str:
        """The preset this normalizer started from."""
        return self._core.preset

    @property
    def rules(self) -> dict[str, Any]:
        """Every rule with its value."""
        return self._core.rules

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Normalizer) and self._core == other._core

    def __hash__(self) -> int:
        return hash(self._core)

    def __repr__(self) -> str:
        return repr(self._core)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.preset, self.rules))


def _restore(preset: str, rules: dict[str, Any]) -> Normalizer:
    return Normalizer(preset, **rules)


@lru_cache(maxsize=64)
def _cached(preset: str, rules: tuple[tuple[str, Any], ...]) -> _CoreNormalizer:
    return _CoreNormalizer(preset, **dict(rules))


def core_normalizer(preset: str, rules: dict[str, Any]) -> _CoreNormalizer:
    """A compiled normalizer, cached by its options (hashable values only)."""
    try:
        return _cached(preset, tuple(sorted(rules.items())))
    except TypeError:  # an unhashable value: let the core report it
        return _CoreNormalizer(preset, **rules)


def _apply(core: _CoreNormalizer, x: Any, return_offsets: bool) -> Any:
    if return_offsets:
        return _batch.apply(lambda v: core.normalize(v, True), x, "struct")
    return _batch.apply(core.normalize, x, "text")


def normalize(x: Any, preset: str = "ml_clean", *, return_offsets: bool = False,
              **rules: Any) -> Any:
    """Normalize Arabic text: one string or a whole column.

    ``preset`` picks a set of rules (see :func:`presets`); keyword arguments set single rules
    (see :func:`rules`). The default, ``"ml_clean"``, fixes Unicode (presentation forms,
    decomposed letters), removes invisible characters, every mark and tatweel, and normalizes
    spaces, keeping every letter; ``"basic"`` is the five classic rules (marks, tatweel,
    أ إ آ ٱ → ا, ى → ي, ة → ه); ``"search"`` is exactly Lucene's ArabicNormalizationFilter;
    ``"display"`` only fixes Unicode and invisible characters.

    Args:
        x: a ``str``; a list, tuple or iterable of ``str | None``; a pandas Series; a polars
            Series; or a pyarrow Array/ChunkedArray of strings (or any object exposing the
            Arrow PyCapsule interface).
        preset: name of the preset to start from.
        return_offsets: also return, for each output character, where it came from: a
            ``(text, Alignment)`` pair for a ``str``, a list of pairs for a list, a struct
            column ``{text, alignment}`` for Arrow/polars and a DataFrame with ``text`` and
            ``alignment`` columns for pandas (the alignment in flat form, see
            :mod:`khabar.align`).
        **rules: rule names with values.

    Returns:
        The same kind of thing as ``x``: ``str`` for ``str``, ``list`` for a sequence, a Series
        with the same index, name and dtype for a Series, Arrow for Arrow. Missing rows (None,
        NaN, ``pd.NA``, Arrow nulls) stay missing in the same place.

    Raises:
        KhabarTypeError: ``x`` is not text or a column of text (the message names the row), a
            rule name is unknown (the message lists the valid ones), or a rule value has the
            wrong type.
        KhabarValueError: the preset or a rule's word is unknown, or a string holds a lone
            surrogate.

    >>> normalize("مَدْرَسَــةٌ")
    'مدرسة'
    >>> normalize("أَحْمَد", preset="basic")
    'احمد'
    >>> normalize("مدرسة", fold_teh_marbuta=True)
    'مدرسه'
    >>> normalize(("كِتَاب", None))
    ['كتاب', None]
    >>> text, align = normalize("ﷲ أَكْبَر", return_offsets=True)
    >>> text, align.source_of(0), align.to_source(5, 9)
    ('الله أكبر', (0, 1), (2, 9))
    """
    return _apply(core_normalizer(preset, rules), x, return_offsets)


def rules() -> dict[str, str]:
    """Every normalization rule with what it does.

    >>> rules()["strip_tatweel"]
    'remove tatweel U+0640'
    """
    return {name: desc for name, _group, desc, _kind, _choices in _rules()}


def rule_details() -> list[dict[str, Any]]:
    """Every rule with its group, description, value kind and allowed words."""
    return [{"name": n, "group": g, "description": d, "kind": k, "choices": c}
            for n, g, d, k, c in _rules()]


def presets() -> dict[str, dict[str, Any]]:
    """Every preset with the rule values it sets.

    >>> sorted(presets()["basic"])
    ['fold_alef', 'fold_alef_maqsura', 'fold_teh_marbuta', 'strip_dagger_alef', 'strip_harakat', 'strip_tatweel']
    """
    return {name: dict(values) for name, _desc, values in _presets()}


__all__ = ["Alignment", "Normalizer", "normalize", "presets", "rule_details", "rules"]
