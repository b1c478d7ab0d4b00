"""``kommarch import kitos``: read a municipality's OS2 KITOS data and write or update an inventory.

client (HTTP, paging, retries) -> fetch (the resources of one organisation) or snapshot (the same
from disk) -> mapping (KITOS objects -> inventory entries) -> merge (round-trip YAML, in place) ->
summary (the change, as text or JSON). :func:`kommarch.kitos.run.run_import` sequences them.
"""
