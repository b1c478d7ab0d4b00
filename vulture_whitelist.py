"""Names vulture (``make deadcode``) reports that are used, each with the reason.

Run: ``vulture src tests bench vulture_whitelist.py --min-confidence 80``. This file is read by
vulture only (it is not imported, linted or type-checked). Add a name here only with a reason;
anything else vulture finds is dead code to remove.
"""

# pytest fixture requested by name for its side effect (the fixed rule registry is in place);
# tests/render/conftest.py and tests/render/test_render_rules.py never read its value.
fake_registry  # noqa

# the context-manager protocol's third parameter (cliprogress.RichProgress.__exit__)
tb  # noqa
