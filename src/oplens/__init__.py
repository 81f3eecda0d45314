"""oplens: what an opinion piece argues, whom it quotes and what it predicts.

>>> import oplens
>>> analysis = oplens.analyze("Jane Doe said the plan will fail. She is wrong.")
>>> analysis.document.body[0].text
'Jane Doe said the plan will fail. She is wrong.'
"""

from typing import TYPE_CHECKING, Any

from oplens.errors import FetchError, InputError, ModelError, OplensError
from oplens.schema import SCHEMA_VERSION, Analysis, json_schema

if TYPE_CHECKING:
    from oplens.pipeline import analyze, analyze_prepared, prepare

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "FetchError",
    "InputError",
    "ModelError",
    "OplensError",
    "__version__",
    "analyze",
    "analyze_prepared",
    "json_schema",
    "prepare",
]

# The pipeline's names load on first use (PEP 562): importing the stages loads spaCy, about
# half a second, which the ledger, export and web commands never need.
_PIPELINE_NAMES = frozenset({"analyze", "analyze_prepared", "prepare"})


def __getattr__(name: str) -> Any:
    """Return one of the pipeline's functions, importing the pipeline the first time."""
    if name in _PIPELINE_NAMES:
        from oplens import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'oplens' has no attribute {name!r}")
