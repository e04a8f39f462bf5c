"""Moving clients in: a pull pipeline of read (codecs) → map columns → clean → decide → write.

``columns`` says which field each column fills, ``clean`` holds a row to the field rules,
``plan`` decides what each row does (pure: no session, no writer), ``pipeline`` chains
the stages as generators after a first pass over the file's keys, ``write`` puts the
settled clients into the database through the write doorway, and ``vcards`` does the
same for an address book.
"""

from __future__ import annotations

from kiaro_cli.core.imports.columns import parse_map, template
from kiaro_cli.core.imports.headers import IMPORTABLE
from kiaro_cli.core.imports.plan import Plan, iter_preview
from kiaro_cli.core.imports.vcards import VcardResult, import_vcards
from kiaro_cli.core.imports.write import ImportResult, import_clients

__all__ = [
    "IMPORTABLE",
    "ImportResult",
    "Plan",
    "VcardResult",
    "import_clients",
    "import_vcards",
    "iter_preview",
    "parse_map",
    "template",
]
