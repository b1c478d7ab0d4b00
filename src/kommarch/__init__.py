"""kommarch: architecture inventory and audit for Danish municipal IT."""

__version__ = "0.2.0"
