"""The report as one self-contained HTML page: its numbers as JSON and as tables, and its
charts drawn by Chart.js (MIT licence; kept in ``assets/`` and written into the page, so
it opens anywhere, offline, forever).

Charts are drawn without animation; once drawn, the page counts the canvases that hold
painted pixels into ``<body data-charts-drawn>``, which a headless browser can read.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from kiaro_cli.codecs.tabular import dumps

CHART_JS = "chart.umd.min.js"

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222;
       padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; }
.chart { position: relative; height: 18rem; }
table { border-collapse: collapse; margin-top: .75rem; font-size: .9rem; }
td, th { padding: .15rem .75rem .15rem 0; text-align: left; } td.n { text-align: right; }
footer { margin-top: 3rem; color: #777; font-size: .85rem; }
"""

DRAW = """
const data = JSON.parse(document.getElementById("report-data").textContent);
const said = JSON.parse(document.getElementById("report-labels").textContent);
const colours = {lead: "#0e7490", active: "#15803d", inactive: "#ca8a04", past: "#6b7280"};
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
const bars = (id, labels, datasets, options = {}) =>
  new Chart(document.getElementById(id), {type: "bar", data: {labels, datasets}, options});
bars("pipeline", said.pipeline,
  [{label: "clients", data: data.pipeline.map(l => l.clients),
    backgroundColor: data.pipeline.map(l => colours[l.status])}]);
bars("sources", said.sources,
  [{label: "clients", data: data.sources.map(l => l.clients), backgroundColor: "#a855f7"},
   {label: "became clients", data: data.sources.map(l => l.became_clients), backgroundColor: "#15803d"}],
  {indexAxis: "y"});
bars("follow-ups", said.follow_ups,
  [{label: "follow-ups", data: data.follow_ups.map(c => c.count),
    backgroundColor: data.follow_ups.map(c => c.label === "overdue" ? "#dc2626" : "#2563eb")}]);
new Chart(document.getElementById("interactions"), {type: "line",
  data: {labels: said.interactions,
         datasets: [{label: "interactions", data: data.interactions.map(c => c.count),
                     borderColor: "#15803d", backgroundColor: "#15803d", fill: false}]}});
const palette = ["#15803d", "#2563eb", "#ca8a04", "#9333ea", "#0e7490", "#dc2626"];
// One value axis a currency: amounts in different currencies are never drawn on one scale.
const moneyAxes = (names, axis) => Object.fromEntries(names.map((name, n) => [axis + name, {
  type: "linear", beginAtZero: true, title: {display: true, text: name}, grid: {drawOnChartArea: n === 0},
  position: axis === "y" ? (n % 2 ? "right" : "left") : (n % 2 ? "top" : "bottom")}]));
const paidIn = [...new Set(data.revenue.flatMap(m => Object.keys(m.amounts)))].sort();
bars("revenue", said.revenue, paidIn.length
  ? paidIn.map((name, n) => ({label: name, yAxisID: "y" + name, backgroundColor: palette[n % palette.length],
                              skipNull: true, data: data.revenue.map(m => m.amounts[name] ?? null)}))
  : [{label: "paid", data: data.revenue.map(() => 0), backgroundColor: palette[0]}],
  {scales: moneyAxes(paidIn, "y")});
const owed = (id, lines, labels) => {
  const names = [...new Set(lines.map(l => l.currency))].sort();
  bars(id, labels, names.length
    ? names.map((name, n) => ({label: name, xAxisID: "x" + name, skipNull: true,
                               backgroundColor: palette[(n + 2) % palette.length],
                               data: lines.map(l => l.currency === name ? l.amount : null)}))
    : [{label: "outstanding", data: []}],
    {indexAxis: "y", scales: moneyAxes(names, "x")});
};
owed("outstanding-by-client", data.outstanding_by_client, said.owed_by_client);
owed("outstanding-by-owner", data.outstanding_by_owner, said.owed_by_owner);
const quotes = data.quote_conversion;
bars("quotes", said.quotes,
  [{label: "quotes", data: [quotes.accepted, quotes.declined, quotes.open],
    backgroundColor: ["#15803d", "#dc2626", "#2563eb"]}], {indexAxis: "y"});
const painted = [...document.querySelectorAll("canvas")].filter(canvas => {
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
  return false;
});
document.body.dataset.chartsDrawn = String(painted.length);
"""

SECTIONS = (
    ("pipeline", "Pipeline: current clients by status"),
    ("sources", "Where clients came from"),
    ("follow-ups", "Follow-ups: overdue, then the next 8 weeks"),
    ("interactions", "Interactions per month"),
    ("revenue", "Revenue by month (paid)"),
    ("outstanding-by-client", "Outstanding by client"),
    ("outstanding-by-owner", "Outstanding by owner"),
    ("quotes", "Quote conversion (12 months) and open quotes"),
)


def report_page(report: Mapping[str, Any], title: str, labels: Mapping[str, Sequence[str]]) -> str:
    """The page for a report (``Report.to_dict()``), titled ``title``, its charts and tables worded
    with ``labels`` (the terminal's words: status, week and month names, amounts)."""
    data = script_json(report)
    said = script_json(labels)
    tables = {
        "pipeline": _table(("status", "clients", "value"), [
            (label, line["clients"], value) for label, value, line
            in zip(labels["pipeline"], labels["values"], report["pipeline"], strict=True)
        ]),
        "sources": _table(("source", "clients", "became clients"), [
            (line["source"], line["clients"], note)
            for note, line in zip(labels["became"], report["sources"], strict=True)
        ]),
        "follow-ups": _table(("when", "follow-ups"), [
            (label, c["count"]) for label, c in zip(labels["follow_ups"], report["follow_ups"], strict=True)
        ]),
        "interactions": _table(("month", "interactions"), [
            (label, c["count"])
            for label, c in zip(labels["interactions"], report["interactions"], strict=True)
        ]),
        "revenue": _table(("month", "paid"), list(
            zip(labels["revenue"], labels["revenue_paid"], strict=True)
        )),
        "outstanding-by-client": _table(("client", "outstanding"), list(
            zip(labels["owed_by_client"], labels["owed_by_client_amounts"], strict=True)
        )),
        "outstanding-by-owner": _table(("owner", "clients", "outstanding"), [
            (label, line["clients"], amount) for label, amount, line in zip(
                labels["owed_by_owner"], labels["owed_by_owner_amounts"], report["outstanding_by_owner"],
                strict=True,
            )
        ]),
        "quotes": _table(("quotes", "how many"), [
            (label, report["quote_conversion"][key])
            for label, key in zip(labels["quotes"], ("accepted", "declined", "open"), strict=True)
        ]) + f"<p>{html.escape(labels['quote_conversion'][0])}</p>",
    }  # fmt: skip
    sections = "".join(
        f'<section><h2>{html.escape(heading)}</h2><div class="chart"><canvas id="{key}"></canvas></div>'
        f"{tables[key]}</section>"
        for key, heading in SECTIONS
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{sections}"
        f"<footer>Made by kiaro report on {html.escape(str(report['today']))}. "
        "Charts: Chart.js (MIT).</footer>"
        f'<script type="application/json" id="report-data">{data}</script>'
        f'<script type="application/json" id="report-labels">{said}</script>'
        f"<script>{_chart_js()}</script><script>{DRAW}</script></body></html>\n"
    )


def script_json(value: Any) -> str:
    """``value`` as JSON that can sit inside ``<script>``: every ``<``, ``>`` and ``&`` written
    as a JSON escape, so no ``</script>`` nor ``<!--`` in a value can end or swallow the page's
    scripts (the parsed JSON is the same)."""
    return dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(value) for value in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    kind = ' class="n"' if isinstance(value, int) else ""
    return f"<td{kind}>{html.escape(str(value))}</td>"


@cache
def _chart_js() -> str:
    return resources.files("kiaro_cli.codecs").joinpath("assets", CHART_JS).read_text(encoding="utf-8")
