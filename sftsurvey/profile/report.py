"""``profile.json`` and ``report.html``: the measurements, and the dataset beside the surveyed sets.

The charts (:func:`figures`) are drawn in the book's style (:func:`sftsurvey.plots.apply_style`)
and embedded in the page as SVG data URIs, so the page needs no network and no other file.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt

from sftsurvey import corpora, datasets, plots

YOURS = "this dataset"


def clean(value: Any) -> Any:
    """JSON-ready: NaN becomes ``None``, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_json(profile: dict, path: Path) -> None:
    path.write_text(json.dumps(clean(profile), indent=2, ensure_ascii=False) + "\n", "utf-8")


# --- charts -------------------------------------------------------------------------------------


def _values(profile: dict, surveyed: dict[str, dict], name: str) -> dict[str, float]:
    out = {label: entry["measurements"].get(name) for label, entry in surveyed.items()}
    out[YOURS] = profile["measurements"].get(name, {}).get("value")
    return {k: float(v) for k, v in out.items() if v is not None and not _nan(v)}


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _bars(ax, values: dict[str, float], title: str, percent: bool = False) -> None:
    labels = list(values)[::-1]
    scale = 100 if percent else 1
    colours = [plots.PALETTE[1] if label == YOURS else plots.PALETTE[0] for label in labels]
    bars = ax.barh(
        [_short(label) for label in labels], [values[k] * scale for k in labels], color=colours
    )
    ax.bar_label(bars, fmt="%.1f" if percent else "%.3g", padding=2, fontsize=7)
    ax.set_xlabel(title + (" (%)" if percent else ""))
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.18)
    ax.tick_params(axis="y", labelsize=8)


def _short(key: str) -> str:
    """A set's label without its parenthesis (``key`` is a set ID, or the profiled dataset's)."""
    name = corpora.label(key) if key in datasets.instruction_sets() else key
    return name.split(" (")[0]


PANELS: dict[str, tuple[str, list[tuple[str, str, bool]]]] = {
    "lengths": (
        "Lengths beside the surveyed sets",
        [
            ("instruction words (mean)", "Instruction length (mean words)", False),
            ("output words (mean)", "Output length (mean words)", False),
        ],
    ),
    "duplicates": (
        "Duplicates beside the surveyed sets",
        [
            ("exact duplicate rate (prompt)", "Exact duplicate prompts", True),
            ("near-duplicate rate (prompt)", "Near-duplicate prompts", True),
        ],
    ),
    "structure": (
        "Verb–noun structure beside the surveyed sets",
        [
            ("share with verb–noun pair", "Instructions with a verb–noun pair", True),
            ("verb–noun pairs per 100 pairs", "Distinct verb–noun pairs per 100", False),
        ],
    ),
    "diversity": (
        "Lexical and topic diversity beside the surveyed sets",
        [
            ("MTLD of instructions", "MTLD of the instructions", False),
            ("Vendi score", f"Vendi score (at most {corpora.EMBED_SAMPLE} instructions)", False),
        ],
    ),
    "complexity": (
        "Complexity proxies beside the surveyed sets",
        [
            ("tokens (mean)", "Instruction tokens (mean)", False),
            ("depth (mean)", "Parse-tree depth (mean)", False),
            ("clauses (mean)", "Clauses (mean)", False),
            ("constraints (mean)", "Constraint markers (mean)", False),
        ],
    ),
}
"""Figure name → (caption, panels of (measurement, axis title, as percent))."""


def figures(profile: dict, surveyed: dict[str, dict]) -> dict[str, tuple[str, Any]]:
    """The report's charts: name → (caption, matplotlib figure); only those with values."""
    plots.apply_style()
    out = {}
    for name, (caption, panels) in PANELS.items():
        shown = [
            (m, t, p) for m, t, p in panels if _values(profile, surveyed, m).get(YOURS) is not None
        ]
        if not shown:
            continue
        fig, axes = plt.subplots(1, len(shown), figsize=(3.4 * len(shown) + 1, 3.2), squeeze=False)
        for ax, (measure, title, percent) in zip(axes[0], shown, strict=True):
            _bars(ax, _values(profile, surveyed, measure), title, percent)
        fig.tight_layout()
        out[name] = (caption + " (this dataset in red).", fig)
    rouge = profile.get("distributions", {}).get("rouge_l")
    if rouge:
        out["overlap"] = (
            "ROUGE-L between each instruction and its most similar Self-Instruct seed task "
            "(share of instructions per bin of 0.05; dashed: Self-Instruct's 0.7 filter).",
            _rouge_figure(rouge, surveyed),
        )
    top = profile.get("top_verb_nouns")
    if top:
        out["verbs"] = (
            "The most common root verbs of this dataset's instructions and their most common "
            "direct-object nouns (Self-Instruct's analysis).",
            _verbs_figure(top),
        )
    return out


def _rouge_figure(rouge: list, surveyed: dict[str, dict]):
    import numpy as np

    fig, ax = plt.subplots(figsize=(7, 3.6))
    bins = np.arange(0, 1.05, 0.05)
    curves = {label: entry.get("rouge_l") for label, entry in surveyed.items()}
    curves = {k: v for k, v in curves.items() if v and k != corpora.SEEDS}
    curves[YOURS] = rouge
    for i, (label, counts) in enumerate(curves.items()):
        values = np.array([v for v, _ in counts], dtype=float)
        weights = np.array([c for _, c in counts], dtype=float)
        mine = label == YOURS
        ax.hist(
            values,
            bins=bins,
            weights=weights / weights.sum(),
            histtype="step",
            linewidth=2.5 if mine else 1.0,
            color=plots.PALETTE[1] if mine else plots.PALETTE[(i + 2) % 6],
            label=_short(label),
        )
    ax.axvline(0.7, color="black", linestyle="--", linewidth=0.8)
    ax.set_xlabel("ROUGE-L to the most similar seed instruction")
    ax.set_ylabel("Share of instructions")
    ax.legend(frameon=False, fontsize=7)
    fig.tight_layout()
    return fig


def _verbs_figure(top: list[dict]):
    verbs: dict[str, list] = {}
    for row in top:
        verbs.setdefault(row["verb"], []).append(row)
    fig, ax = plt.subplots(figsize=(7, 0.25 * len(verbs) + 1.2))
    for y, (_verb, rows) in enumerate(list(verbs.items())[::-1]):
        ax.barh(y, rows[0]["verb_count"], color="#d9d9d9")
        left = 0
        for rank, row in enumerate(rows):
            ax.barh(y, row["count"], left=left, color=plots.PALETTE[rank % 6], alpha=0.85)
            left += row["count"]
        ax.text(left, y, " " + ", ".join(r["noun"] for r in rows), va="center", fontsize=6)
    ax.set_yticks(range(len(verbs)), list(verbs)[::-1], fontsize=8)
    ax.set_xlabel("Instructions with the verb and a noun object (count)")
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.25)
    fig.tight_layout()
    return fig


def svg(fig) -> str:
    """A figure as SVG markup (no date, so equal figures give equal bytes); closes the figure."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=plots.SVG_METADATA)
    plt.close(fig)
    return buffer.getvalue()


def img(fig, alt: str) -> str:
    """An ``<img>`` holding the figure as a base64 SVG data URI (each image keeps its own ids)."""
    data = base64.b64encode(svg(fig).encode("utf-8")).decode("ascii")
    return f"<img alt='{html.escape(alt)}' src='data:image/svg+xml;base64,{data}'>"


# --- the page -----------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:13px;margin:1em 0}
th,td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
td.text{text-align:left}
figure{margin:1.5em 0} figcaption{font-size:13px;color:#444} img{max-width:100%;height:auto}
.yours{background:#fbe9eb} .skipped{max-height:20em;overflow:auto}
"""


def write_html(profile: dict, surveyed: dict[str, dict], path: Path) -> None:
    """The self-contained report page (inline CSS and SVG only)."""
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Profile of an instruction dataset</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>Profile of an instruction dataset</h1>",
        f"<p>{profile['records']:,} records profiled from "
        + ", ".join(f"<code>{esc(i['path'])}</code>" for i in profile["inputs"])
        + f"; {profile['skipped']['count']:,} skipped. Engine: {esc(profile['engine']['name'])}."
        + f" sftsurvey {esc(profile['sftsurvey_version'])}.</p>",
    ]
    if profile.get("note"):
        parts.append(f"<p>{esc(profile['note'])}</p>")
    parts.append("<h2>Beside the surveyed sets</h2>")
    for caption, fig in figures(profile, surveyed).values():
        parts.append(f"<figure>{img(fig, caption)}<figcaption>{esc(caption)}</figcaption></figure>")
    parts.append(_comparison_html(profile, surveyed))
    parts.append(
        "<h2>Measurements and their definitions</h2><table><tr><th>measurement</th>"
        "<th>value</th><th>definition</th><th>computed on</th></tr>"
    )
    for name, entry in profile["measurements"].items():
        parts.append(
            f"<tr><td>{esc(name)}</td><td>{_fmt(entry['value'])}</td>"
            f"<td class='text'>{esc(entry['definition'])}</td>"
            f"<td class='text'>{esc(entry['scope'])}</td></tr>"
        )
    parts.append("</table>")
    skipped = profile["skipped"]
    parts.append(f"<h2>Skipped records ({skipped['count']:,})</h2>")
    if skipped["records"]:
        parts.append("<div class='skipped'><table><tr><th>where</th><th>what</th><th>fix</th></tr>")
        for row in skipped["records"]:
            parts.append(
                f"<tr><td>{esc(row['where'])}</td><td class='text'>{esc(row['what'])}</td>"
                f"<td class='text'>{esc(row['fix'])}</td></tr>"
            )
        parts.append("</table></div>")
    else:
        parts.append("<p>None: every record was read.</p>")
    parts.append("<h2>Options</h2><table>")
    for key, value in profile["options"].items():
        parts.append(f"<tr><td>{esc(key)}</td><td class='text'>{esc(json.dumps(value))}</td></tr>")
    parts.append("</table></body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def _comparison_html(profile: dict, surveyed: dict[str, dict]) -> str:
    esc = html.escape
    labels = list(surveyed)
    head = "".join(f"<th>{esc(_short(label))}</th>" for label in labels)
    rows = [f"<table><tr><th>measurement</th><th class='yours'>{YOURS}</th>{head}</tr>"]
    for name, entry in profile["measurements"].items():
        cells = "".join(
            f"<td>{_fmt(surveyed[label]['measurements'].get(name))}</td>" for label in labels
        )
        rows.append(
            f"<tr><td>{esc(name)}</td><td class='yours'>{_fmt(entry['value'])}</td>{cells}</tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _fmt(value: Any) -> str:
    if value is None or _nan(value):
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return html.escape(str(value))
