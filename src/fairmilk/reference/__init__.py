"""Embedded reference data, each file with its provenance record.

Modules (import them directly; nothing is read at package import):

- ``catalog``: list datasets, read their rows, bytes and provenance records.
- ``products``: ``dairy_prefixes()``, ``category_for(code, year)``, ``ffmp_role_for``.
- ``categories``: product categories with milk-equivalent and reconstitution factors.
- ``geo``: countries and codes, ``members(region, when)``, ``resolve_geo(text)``,
  ``country_by_iso/comext/comtrade``, ``NON_COUNTRY_PARTNERS``.
- ``observations`` and ``published``: the shipped series and published figures as rows
  of the ``observations`` table (loaded by ``fairmilk.store.reference.load_reference``).
"""
