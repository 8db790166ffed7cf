"""The staff side: correct what the parser got wrong without ever losing data.

Every save marks the record `edited` (re-imports keep it) and is versioned by django-reversion
(history with who and when, revert, recover deleted).
"""

# history first: it registers the models with reversion before the admins are built.
from . import history  # noqa: F401, I001
from . import calls, people  # noqa: F401
