"""The exceptions the layers share.

Bad input is never an exception: it becomes a located finding. An exception is for "the command
cannot run" and is caught once, in the CLI.
"""

from __future__ import annotations


class UsageError(Exception):
    """The command cannot run (exit 2): the message says why, naming the path at fault."""
