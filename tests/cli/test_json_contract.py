"""The JSON contract, pinned by literal files: the keys (in order) and the JSON types of every
``--format json`` output, written down in ``tests/golden/*.json``.

The golden files are the contract; this test does not read the constants the code uses,
so renaming, dropping, adding or retyping a key fails it. A deliberate change of the
contract is written with ``uv run python -m tests.cli.test_json_contract`` and reviewed in the diff.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kiaro_cli.cli.app import app
from tests.helpers import FULL_ARGS, GOLDEN

INVOICING_ADDRESS = [
    "--kind",
    "invoicing",
    "--label",
    "Post",
    "--line1",
    "Postbus 1",
    "--city",
    "Utrecht",
    "--country",
    "NL",
]
# Every JSON output: the command, and the golden shape of one object (of the list, for listings).
OUTPUTS: list[tuple[str, list[str]]] = [
    ("client", ["client", "add", *FULL_ARGS, "--allow-duplicate", "--code", "BF2", "--value", "120.5"]),
    ("client", ["client", "quick-add", "Lead Co", "--allow-duplicate"]),
    ("client", ["client", "edit", "acme", "--city", "Utrecht", "--vat-rate", "21"]),
    ("client", ["client", "status", "acme", "active"]),
    ("client", ["client", "tag", "acme", "vip"]),
    ("tag", ["tag", "list"]),
    ("client", ["client", "archive", "gamma"]),
    ("client", ["client", "list", "--all"]),
    ("client", ["followup", "set", "acme", "2w"]),
    ("client", ["followup", "done", "acme", "--next", "1m"]),
    ("client", ["followup", "due"]),
    ("client", ["followup", "list"]),
    ("client", ["export", "clients", "--all"]),
    ("client-view", ["client", "show", "acme"]),
    ("client-view", ["client", "show", "gamma"]),
    ("client-view", ["client", "show", "1"]),
    ("contact", ["contact", "add", "acme", "--name", "Bo", "--role", "finance"]),
    ("contact", ["contact", "list", "acme"]),
    ("address", ["client", "address", "list", "acme"]),
    ("address", ["client", "address", "add", "acme", *INVOICING_ADDRESS]),
    ("rate", ["client", "rate", "add", "acme", "Designer", "--rate", "95", "--overtime", "120"]),
    ("rate", ["client", "rate", "add", "acme", "Developer", "--rate", "80", "--currency", "EUR"]),
    ("rate", ["client", "rate", "list", "acme"]),
    ("field", ["field", "add", "sector", "--type", "choice", "--choices", "Retail,Health"]),
    ("field", ["field", "add", "renewal", "--type", "date", "--label", "Contract renewal"]),
    ("client", ["client", "edit", "acme", "--set", "sector=Retail", "--set", "renewal=2027-03-31"]),
    ("field", ["field", "list"]),
    ("event", ["event", "add", "acme", "Chase the quote", "--kind", "quote", "--due", "1w", "--sticky"]),
    ("event", ["event", "add", "acme", "Call back", "-p", "high"]),
    ("event", ["event", "edit", "2", "--due", "today"]),
    ("event", ["event", "done", "2"]),
    ("event", ["event", "reopen", "2"]),
    ("event", ["event", "done", "2"]),
    ("event", ["event", "list", "--all"]),
    ("event", ["export", "events"]),
    ("document", ["doc", "add", "acme", "{contract}", "--kind", "contract", "--note", "Signed"]),
    ("document", ["doc", "list"]),
    ("document-view", ["doc", "show", "1"]),
    ("client-view", ["client", "show", "acme"]),
    ("contact-export", ["export", "contacts"]),
    ("interaction", ["interaction", "add", "acme", "Call", "--type", "call", "--on", "yesterday 10:00"]),
    ("interaction", ["interaction", "edit", "2", "--type", "meeting", "--next-step", "Send the deck"]),
    ("interaction", ["interaction", "list"]),
    ("interaction-export", ["export", "interactions"]),
    ("interaction", ["interaction", "remove", "2", "--yes"]),
    ("timeline-entry", ["client", "timeline", "acme"]),
    ("duplicate", ["client", "duplicates"]),
    ("draft", ["followup", "draft", "acme"]),
    ("settings", ["settings", "show"]),
    ("report", ["report"]),
    ("db-check", ["db", "check"]),
    ("import-summary", ["import", "clients", "{csv}"]),
    ("vcard-import-summary", ["import", "vcard", "{vcf}", "--dry-run"]),
    ("records-import-summary", ["import", "contacts", "{contacts}", "--dry-run"]),
    ("records-import-summary", ["import", "interactions", "{interactions}", "--dry-run"]),
    ("invoice-import-summary", ["import", "invoices", "{invoices}", "--dry-run", "--create-clients"]),
    ("plan", ["do", "mark acme as active and follow up in 2 weeks", "--dry-run"]),
    ("plan", ["do", "add Zenith to my clients, based in Germany", "--yes"]),
    ("plan", ["do", "new lead Kappa, follow up in 1 week", "--dry-run"]),
    (
        "quote",
        [
            "quote",
            "add",
            "acme",
            "--amount",
            "4800",
            "--title",
            "Web",
            "--currency",
            "EUR",
            "--valid-until",
            "30d",
        ],
    ),
    ("quote", ["quote", "add", "acme", "--amount", "10", "--currency", "EUR"]),
    ("quote", ["quote", "edit", "Q-2026-002", "--vat-rate", "21"]),
    ("quote", ["quote", "status", "Q-2026-001", "sent"]),
    ("quote", ["quote", "list"]),
    ("quote", ["quote", "show", "Q-2026-001"]),
    ("project", ["project", "add", "acme", "Web", "--currency", "EUR", "--budget", "4800", "--code", "W1"]),
    ("project", ["project", "add", "acme", "Audit", "--currency", "EUR"]),
    ("project", ["project", "edit", "1", "--start", "2026-11-02", "--deadline", "2026-11-20"]),
    ("project", ["project", "edit", "1", "--budget", "5200.50", "--notes", "Two pages"]),
    ("project", ["project", "status", "2", "done"]),
    ("project", ["project", "list", "--all"]),
    ("project", ["project", "show", "1"]),
    ("invoice", ["invoice", "add", "acme", "--amount", "1200", "--currency", "EUR", "--vat-rate", "21"]),
    ("invoice", ["invoice", "add", "acme", "--line", "Design", "2", "600", "--currency", "EUR", "--draft"]),
    ("invoice", ["invoice", "edit", "#2", "--title", "Design"]),
    ("invoice", ["invoice", "issue", "#2"]),
    ("payment", ["invoice", "pay", "INV-2026-001", "--amount", "100", "--method", "card"]),
    ("invoice", ["invoice", "show", "INV-2026-001"]),
    ("vdir-sync", ["sync", "vdir", "{vdir}", "--dry-run"]),
    ("invoice", ["invoice", "list"]),
    ("invoice", ["invoice", "void", "INV-2026-002", "--yes"]),
    ("contact", ["contact", "add", "acme", "--name", "Cy", "--birthday", "--11-25"]),
    ("client", ["followup", "set", "acme", "--every", "6w"]),
    ("client-date", ["client", "date", "add", "acme", "Renewal", "2027-03-01"]),
    ("client-date", ["client", "date", "add", "acme", "Founded", "2011-11-30", "--yearly"]),
    ("client-date", ["client", "date", "list", "acme"]),
    ("upcoming", ["dates", "--within", "1y"]),
    ("client-view", ["client", "show", "acme"]),
]


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape(item: dict[str, Any]) -> dict[str, list[str]]:
    """Each key of a JSON object, in order, with the type it holds (arrays of objects: their keys)."""
    return {key: [json_type(value)] for key, value in item.items()}


def observed(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON object the commands print in a working session: (golden name, object)."""
    runner = CliRunner()
    database = str(tmp_path / "kiaro.db")
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("name,email\nNordic Forge,hi@nordic.se\n")
    vcf = tmp_path / "in.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nORG:Card Co\nEMAIL:ann@card.co\nEND:VCARD\n")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("client_name,name,role\nAcme,Bea,finance\n")
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(b"%PDF-1.4 a signed contract")
    interactions = tmp_path / "interactions.csv"
    interactions.write_text("client_name,type,occurred_at,summary\nAcme,call,2026-11-02,Kick-off\n")
    invoices = tmp_path / "invoices.csv"
    invoices.write_text(
        "Customer,Invoice Number,Invoice Date,Total,Amount Paid,Currency\n"
        "Acme,X-1,23/11/2026,100.00,40.00,EUR\nAcme,X-1,23/11/2026,100.00,40.00,EUR\n"
        "Nowhere,X-2,2026-11-02,1,1,EUR\n,,,,,\n"
    )

    def run(*args: str) -> str:
        done = runner.invoke(app, ["--db", database, *args])
        assert done.exit_code == 0, (args, done.output)
        return done.stdout

    every_field = [
        "--phone",
        "021 555 0199",
        "--industry",
        "design",
        "--region",
        "WC",
        "--address2",
        "Floor 3",
    ]
    every_field += [
        "--vat-number",
        "4123",
        "--currency",
        "ZAR",
        "--source",
        "referral",
        "--start",
        "2026-01-05",
    ]
    every_field += ["--end", "2027-01-05", "--notes", "x", "--website", "bf.co.za", "--tag", "design"]
    run("client", "add", *FULL_ARGS, *every_field)
    run("client", "quick-add", "Acme", "--follow-up", "today")
    run("contact", "add", "acme", "--name", "Ann", "--email", "ann@acme.com", "--phone", "+31 20 123 4567")
    run("client", "quick-add", "Gamma")
    run("settings", "set", "owner-name", "Sam")
    run(
        "interaction",
        "add",
        "acme",
        "Intro",
        "--type",
        "email",
        "--next-step",
        "Send dates",
        "--contact",
        "2",
    )
    for name, args in OUTPUTS:
        files = {
            "csv": csv_file,
            "vcf": vcf,
            "contacts": contacts,
            "interactions": interactions,
            "invoices": invoices,
        }
        files["contract"] = contract
        files["vdir"] = tmp_path / "vdir"
        filled = [arg.format(**files) for arg in args]
        printed = json.loads(run(*filled, "--format", "json"))
        for item in printed if isinstance(printed, list) else [printed]:
            yield name, item
            if name == "client-view":
                for contact in item["contacts"]:
                    yield "contact", contact
                for address in item["addresses"]:
                    yield "address", address
                for rate in item["rates"]:
                    yield "rate", rate
                for event in item["events"]:
                    yield "event", event
                for day in item["dates"]:
                    yield "client-date", day
            if name == "plan":
                for action in item["actions"]:
                    yield "plan-action", action
            if name == "vdir-sync":
                for change in item["changes"]:
                    yield "vdir-sync-change", change


def golden(name: str) -> dict[str, list[str]]:
    return json.loads((GOLDEN / f"{name}.json").read_text())  # type: ignore[no-any-return]


def test_every_json_output_keeps_its_keys_and_types(tmp_path: Path) -> None:
    seen: set[str] = set()
    for name, item in observed(tmp_path):
        expected = golden(name)
        assert list(item) == list(expected), name  # the keys, in their order
        for key, value in item.items():
            assert json_type(value) in expected[key], (name, key, value)
        seen.add(name)
    assert seen == {path.stem for path in GOLDEN.glob("*.json")}  # every golden file is used


@pytest.mark.parametrize("name", sorted(path.stem for path in GOLDEN.glob("*.json")))
def test_golden_files_are_literal_shapes(name: str) -> None:
    for key, types in golden(name).items():
        assert types and set(types) <= {"null", "boolean", "number", "string", "array", "object"}, key


def write_golden(folder: Path) -> None:
    """Record the shapes a session prints (the union of the types seen per key, and of the
    types a golden file already allows, as null beside a value the session never left
    empty), one key a line."""
    shapes: dict[str, dict[str, list[str]]] = {}
    for name, item in observed(folder):
        before = golden(name) if (GOLDEN / f"{name}.json").exists() else {}
        known = shapes.setdefault(name, {key: before.get(key, []) for key in item})
        for key, types in shape(item).items():
            known[key] = sorted(set(known.get(key, [])) | set(types))
    GOLDEN.mkdir(exist_ok=True)
    for name, keys in shapes.items():
        lines = [f"  {json.dumps(key)}: {json.dumps(types)}" for key, types in keys.items()]
        (GOLDEN / f"{name}.json").write_text("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    import tempfile

    os.environ.setdefault("KIARO_TODAY", "2026-11-23")
    with tempfile.TemporaryDirectory() as directory:
        write_golden(Path(directory))
    sys.stdout.write(f"wrote {GOLDEN}\n")
