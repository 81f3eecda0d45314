"""oplens: what an opinion piece argues, whom it quotes and what it predicts.

>>> import oplens
>>> analysis = oplens.analyze("Jane Doe said the plan will fail. She is wrong.")
>>> analysis.document.body[0].text
'Jane Doe said the plan will fail. She is wrong.'
"""

from oplens.errors import FetchError, InputError, ModelError, OplensError
from oplens.pipeline import analyze, analyze_prepared, prepare
from oplens.schema import SCHEMA_VERSION, Analysis, json_schema

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
