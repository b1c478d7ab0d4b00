"""kommarch: architecture inventory and audit for Danish municipal IT."""

__version__ = "0.1.0"
