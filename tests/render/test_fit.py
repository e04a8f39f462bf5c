"""Tables and cards at 80 and 120 columns: one line a row, cut with "…", the useful columns kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import Run


@contextmanager
def columns(width: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A terminal ``width`` columns wide, for the tables (Rich) and for the result lines."""
    from kiaro_cli.render.console import console

    saved = console.size
    console.size = (width, 40)
    monkeypatch.setenv("COLUMNS", str(width))
    try:
        yield
    finally:
        console.size = saved


def shown(kiaro: Run, width: int, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    with columns(width, monkeypatch):
        result = kiaro(*args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), result.stdout
    return lines


def test_an_interaction_summary_is_cut_on_its_one_line_at_80(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("interaction", "add", "acme", "Talked about the spring campaign and the new landing pages", "-q")
    kiaro("interaction", "add", "acme", "Sent the first round of sketches", "-q")
    lines = shown(kiaro, 80, monkeypatch, "interaction", "list")
    assert len(lines) == 4  # the header, its rule and one line a row
    cut = next(line for line in lines if "Talked about the spring" in line)
    assert cut.rstrip().endswith("…")


def test_why_two_clients_look_alike_stays_on_one_line_at_120(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "Brand Factor Creative and Digital Marketing",
        "Brand Factor Creative and Digital Marketing Ltd",
    ):
        kiaro("client", "quick-add", name)
    kiaro("client", "edit", "1", "--email", "hello@brandfactor.example", "--phone", "+27 21 555 0199")
    kiaro("client", "edit", "2", "--email", "hello@brandfactor.example", "--phone", "+27 21 555 0199")
    lines = shown(kiaro, 120, monkeypatch, "client", "duplicates")
    assert len(lines) == 3
    assert "same name, same email" in lines[2] and "kiaro client merge 1 2" in lines[2]


def contact_with_everything(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Brand Factor")
    kiaro(
        "contact", "add", "brand", "--name", "Lerato van der Merwe-Dlamini",
        "--email", "lerato.vandermerwe@brandfactor.co.za", "--phone", "+27 21 555 0199",
        "--title", "Head of Digital Experience", "--role", "finance",
    )  # fmt: skip
    kiaro("interaction", "add", "brand", "Call about the invoice", "--contact", "1", "-q")


def test_contact_list_at_80_keeps_the_phone_over_last_talked(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact_with_everything(kiaro)
    header = shown(kiaro, 80, monkeypatch, "contact", "list", "brand")[0].split()
    assert "Phone" in header and "Last" not in header
    assert header[-1] == "Primary"  # the primary column says what it is


def test_the_contacts_card_gives_names_the_room_at_120(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    contact_with_everything(kiaro)
    lines = shown(kiaro, 120, monkeypatch, "client", "show", "brand")
    card = lines[next(i for i, line in enumerate(lines) if "Contacts" in line) :]
    assert any("Lerato van der Merwe-Dlamini" in line for line in card[:5])


def test_the_header_rules_of_contacts_and_rates_span_their_cards(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro("contact", "add", "acme", "--name", "Ann")
    kiaro("client", "rate", "add", "acme", "Designer", "--rate", "90")
    for width in (80, 120):
        lines = shown(kiaro, width, monkeypatch, "client", "show", "acme")
        rules = [line for line in lines if line.startswith("│ ─")]
        assert len(rules) == 2
        assert all(rule == "│ " + "─" * (width - 4) + " │" for rule in rules)


def test_doc_show_prints_the_whole_path_on_its_own_line(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory
) -> None:
    from pathlib import Path

    kiaro("client", "quick-add", "Acme")
    paper = Path(str(tmp_path)) / "proposal.md"
    paper.write_text("# Proposal\n")
    kiaro("doc", "add", "acme", str(paper))
    with columns(80, monkeypatch):
        result = kiaro("doc", "show", "1")
    path = kiaro("doc", "show", "1", "--format", "json").stdout.split('"path": "')[1].split('"')[0]
    assert len(path) > 80
    assert path in result.stdout.splitlines()


def test_address_list_keeps_the_country_and_cuts_the_street(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Acme")
    kiaro(
        "client", "address", "add", "acme", "--line1", "Unit 4, The Old Biscuit Factory, 100 Clements Road",
        "--line2", "Bermondsey", "--city", "London", "--postal-code", "SE16 4DG", "--country", "GB",
    )  # fmt: skip
    lines = shown(kiaro, 80, monkeypatch, "client", "address", "list", "acme")
    row = lines[2]
    assert "SE16 4DG London" in row and " GB " in row + " " and "Unit 4" in row and "…" in row


def test_an_event_confirmation_uses_the_width(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    kiaro("client", "quick-add", "Acme")
    text = "Send the revised quote with the four landing pages and the hosting options"
    with columns(120, monkeypatch):
        added = kiaro("event", "add", "acme", text)
    assert added.stdout == f"Added medium reminder #1 for Acme (#1): {text}\n"
    with columns(80, monkeypatch):
        again = kiaro("event", "add", "acme", text + " we talked about")
    facts, cut = again.stdout.splitlines()
    assert facts == "Added medium reminder #2 for Acme (#1):" and cut == f"  {text} we…"


def test_a_prompt_check_fits_the_line_below_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiaro_cli.prompts import _validator

    monkeypatch.setenv("COLUMNS", "80")
    said = _validator("email", date(2026, 11, 23))("thandi.mokoena@brandfactor")  # type: ignore[operator]
    assert isinstance(said, str) and len(said) < 80 and said.endswith("It should have a period.")
    monkeypatch.setenv("COLUMNS", "40")
    cut = _validator("email", date(2026, 11, 23))("ann@acme")  # type: ignore[operator]
    assert isinstance(cut, str) and len(cut) < 40 and cut.endswith("…")


def test_the_empty_contacts_card_names_the_client_by_its_id(kiaro: Run) -> None:
    kiaro("client", "quick-add", "Müller & Söhne (Stuttgart)")
    assert "No contacts yet: kiaro contact add 1 --name NAME" in kiaro("client", "show", "1").stdout


def test_an_event_text_is_cut_on_its_one_line_at_80(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    kiaro("client", "quick-add", "Nordlicht Brewing")
    kiaro("event", "add", "nordlicht", "Send the revised quote with the four landing pages", "--sticky", "-q")
    lines = shown(kiaro, 80, monkeypatch, "event", "list")
    assert len(lines) == 3 and "Send the revised quote with" in lines[2] and "…" in lines[2]


def test_a_name_that_begins_with_a_combining_accent_is_listed_and_cut(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rich before 14.3.3 looped forever cutting such a text: pyproject's lower bound says so
    name = "\u0301Atelier " + "Nordlicht " * 8
    kiaro("client", "quick-add", name.strip())
    with columns(80, monkeypatch):
        listed = kiaro("client", "list")
    (row,) = [line for line in listed.stdout.splitlines() if "Atelier Nordlicht" in line]
    assert "…   lead" in row and len(row.replace("\u0301", "")) <= 80  # the accent takes no cell


_CELL_TEXT = st.text(alphabet=st.sampled_from([*"ab Zé…ü漢字😀\x1b\u202e-@.", "\u0301"]), max_size=40)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), st.integers(0, 12)), min_size=1, max_size=6),
    st.data(),
    st.integers(40, 140),
)
def test_a_long_table_laid_out_line_by_line_prints_what_rich_lays_out(
    shapes: list[tuple[bool, bool, int]], data: st.DataObject, room: int
) -> None:
    from rich.console import Console
    from rich.text import Text

    from kiaro_cli.render import fit

    columns = [
        fit.Column(
            f"H{i}", squeeze=squeeze, justify="right" if right else "left", drop=drop or None, min_width=6
        )
        for i, (squeeze, right, drop) in enumerate(shapes)
    ]

    def styled(plain: str) -> Text:
        cell = Text(plain, style="bold" if "a" in plain else "")
        if "b" in plain:  # a part of it styled too
            cell.stylize("red", plain.index("b"), len(plain) - 1)
        return cell

    rows = data.draw(
        st.lists(
            st.lists(
                st.one_of(_CELL_TEXT, _CELL_TEXT.map(styled)),
                min_size=len(columns),
                max_size=len(columns),
            ),
            min_size=1,
            max_size=8,
        )
    )

    def printed(pieces: list[object]) -> str:
        screen = Console(width=room, force_terminal=True, color_system="truecolor", legacy_windows=False)
        with screen.capture() as captured:
            for piece in pieces:
                screen.print(piece, no_wrap=True, overflow="ignore", crop=False)
        return captured.get()

    whole = printed([fit.fitted_table(columns, rows, room)])
    original = fit.STREAMED
    fit.STREAMED = 0
    try:
        streamed = printed(list(fit.fitted_lines(columns, rows, room)))
    finally:
        fit.STREAMED = original
    assert streamed == whole


@pytest.mark.parametrize("width", [80, 120])
def test_a_long_project_name_is_cut_with_an_ellipsis_in_the_border_and_shown_whole_inside(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    name = (
        "Complete redesign of the corporate identity, website relaunch and multilingual content"
        " migration for all European branches and subsidiaries"
    )
    kiaro("client", "quick-add", "Acme")
    kiaro("project", "add", "acme", name, "--currency", "EUR")
    lines = shown(kiaro, width, monkeypatch, "project", "show", "1")
    assert lines[0].startswith("╭─ Complete redesign of the") and "…  #1 ─" in lines[0]
    inside = " ".join(line.strip("│ ") for line in lines[1:4])
    assert " ".join(name.split()) in " ".join(inside.replace("Project", "").split())


def test_a_word_too_long_for_an_invoice_line_is_cut_with_an_ellipsis_and_numbers_stay_whole(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenherstellungsberatungsleistungen"
    kiaro("client", "quick-add", "Acme")
    kiaro("invoice", "add", "acme", "--line", word, "3", "1000000", "--currency", "EUR", "--vat-rate", "0")
    lines = shown(kiaro, 80, monkeypatch, "invoice", "show", "#1")
    row = next(line for line in lines if "Donau" in line)
    assert "…" in row and "1,000,000.00 EUR" in row and "3,000,000.00 EUR" in row
    assert not any("sberatung" in line for line in lines)  # no piece of the word on a line of its own


def test_coming_dates_keep_their_client_and_line_up_at_80(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import TODAY

    kiaro("client", "quick-add", "Kobalt Labs")
    long = "Renewal of the framework agreement for every European branch and subsidiary"
    kiaro("client", "date", "add", "kobalt", long, (TODAY + timedelta(days=2)).isoformat())
    kiaro("client", "date", "add", "kobalt", "Founding day", (TODAY + timedelta(days=5)).isoformat())
    lines = shown(kiaro, 80, monkeypatch)
    dates = lines[lines.index("Coming up") + 1 :][:2]
    assert all(line.endswith(")") and "— Kobalt Labs  (in " in line for line in dates), dates
    assert "…" in dates[0] and dates[0].index("Renewal") == dates[1].index("Founding")  # one column


def test_kiaro_dates_at_80_keeps_whose_date_it_is(kiaro: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers import TODAY

    kiaro("client", "quick-add", "Kobalt Labs")
    long = "Renewal of the framework agreement for every European branch and subsidiary"
    kiaro("client", "date", "add", "kobalt", long, (TODAY + timedelta(days=2)).isoformat())
    row = shown(kiaro, 80, monkeypatch, "dates")[-1]
    assert "Kobalt Labs" in row and "…" in row  # the label gives way, the client stays


def test_invoice_list_at_80_keeps_whose_invoice_it_is_beside_a_long_number_and_amount(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Kobalt Labs")
    kiaro("client", "quick-add", "Lumen Dental")
    kiaro("client", "edit", "lumen", "--code", "LUMEN", "-q")
    kiaro("invoice", "add", "kobalt", "--amount", "123456.78", "--currency", "EUR", "-q")
    kiaro("invoice", "add", "lumen", "--amount", "950", "--currency", "EUR", "-q")
    lines = shown(kiaro, 80, monkeypatch, "invoice", "list")
    assert lines[0].split()[:3] == ["ID", "Number", "Client"], lines[0]
    assert any("LUMEN-" in line and "Lumen Dental" in line for line in lines), lines
    assert max(len(line) for line in lines) > 72  # the room is used, not left empty


def test_a_coming_date_shares_its_line_with_a_long_client_name_and_keeps_its_day(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import TODAY

    name = "The Extraordinarily Long-Named International Consortium of Artisanal Bakers and Brewers"
    kiaro("client", "quick-add", name)
    kiaro(
        "client",
        "date",
        "add",
        "consortium",
        "Renewal of the master agreement",
        (TODAY + timedelta(days=2)).isoformat(),
    )
    for width in (80, 120):
        lines = shown(kiaro, width, monkeypatch)
        line = lines[lines.index("Coming up") + 1]
        assert line.endswith("(in 2 days)") and "— The Extraordinar" in line, (width, line)
    assert "Renewal of the master agreement — " in line  # at 120 the label is whole


def test_one_long_name_to_keep_does_not_cut_every_other_name_at_120(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Kobalt Labs")
    kiaro("client", "quick-add", "Nordlicht Brewing")
    long = "A really long project name for the complete rebranding of all seventeen subsidiaries worldwide"
    assert kiaro("project", "add", "kobalt", long, "--currency", "EUR", "-q").exit_code == 0
    assert kiaro("project", "add", "nordlicht", "Label redesign", "--currency", "EUR", "-q").exit_code == 0
    lines = shown(kiaro, 120, monkeypatch, "project", "list")
    assert any("Kobalt Labs" in line for line in lines) and any("Nordlicht Brewing" in line for line in lines)
    assert any("A really long project name" in line and "…" in line for line in lines)


def test_a_wrapped_table_cell_keeps_each_day_and_amount_whole(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiaro("client", "quick-add", "Kobalt Labs")
    kiaro(
        "invoice",
        "add",
        "kobalt",
        "--amount",
        "123456.78",
        "--currency",
        "EUR",
        "--issued",
        "2026-10-01",
        "-q",
    )
    lines = shown(kiaro, 80, monkeypatch, "client", "timeline", "kobalt")
    text = "\n".join(line.rstrip() for line in lines)
    assert "123,456.78 EUR" in text and "Sat 31 Oct 2026" in text  # on one line each
