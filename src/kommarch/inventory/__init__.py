"""The inventory layer: files -> located records -> a merged, reference-checked inventory.

Modules, in the order data flows through them:

- :mod:`.loader`: discover the inventory's files (sorted) and decode each one;
- :mod:`.yamlbuild`: turn libyaml's events into dicts and lists that remember positions;
- :mod:`.yamlerrors`, :mod:`.schemaerrors`: KM001-KM003 findings, located, with did-you-mean;
- :mod:`.codes`: the validation codes KM001-KM006 and their texts;
- :mod:`.location`: positions (:class:`~.location.Location`) and the key -> mark maps;
- :mod:`.models`: the pydantic models of the format (no I/O);
- :mod:`.merge`: validated records merged across files into an :class:`~.merge.Inventory`;
- :mod:`.references`: ids and references across sections (KM004, KM005, KM006);
- :mod:`.config`: ``kommarch.yaml``.

This package imports nothing above it (no graph, rules, scoring, rendering or CLI).
"""
