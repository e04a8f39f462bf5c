"""Moving clients in: a pipeline of read (codecs) → map columns → plan rows → write.

``columns`` says which field each column fills, ``plan`` cleans every record and decides
what to do with it (no session), ``write`` puts a CSV plan into the database through the
write doorway, and ``vcards`` does the same for an address book.
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
