"""Allow ``python -m kommarch``."""

from kommarch.cli import main

main()
