"""The inventory layer: files -> located records -> a merged, reference-checked inventory.

Modules, in the order data flows through them:

- :mod:`.loader`: discover the inventory's files (sorted) and decode each one;
- :mod:`.yamlbuild`: turn libyaml's events into dicts and lists that remember positions;
- :mod:`.yamlerrors`, :mod:`.schemaerrors`: KM001-KM003 findings, located, with did-you-mean;
- :mod:`.codes`: the validation codes KM001-KM006 and their texts;
- :mod:`.location`: positions (:class:`~.location.Location`) and the key -> mark maps;
- :mod:`.models`: the pydantic models of the format (no I/O);
- :mod:`.merge`: validates every entry, hands the valid ones to :mod:`.references`, and
  assembles the :class:`~.records.Inventory` from what it returns;
- :mod:`.references`: merges the sections by id and checks ids and references across them
  (KM002, KM004, KM005); returns a :class:`~.references.Merged`;
- :mod:`.records`: :class:`~.records.Entry` and :class:`~.records.Inventory`, plain data;
- :mod:`.config`: ``kommarch.yaml``.

This package imports nothing above it (no graph, rules, scoring, rendering or CLI); inside it,
imports follow the order of the import-linter layers in pyproject.toml.
"""
