"""Reported results: load and validate ``data/results/*.csv`` against one schema.

The schema lives in ``data/results/schema.yaml`` (column types, patterns,
vocabularies); pandera enforces it, because it validates whole tables lazily and
returns every failing cell with its row, which is what a located one-line error
needs. Checks that span files (the paper key exists in the catalogue, a figure
reading has its calibration file, no row is entered twice) are done here.

Every problem is one line ``FILE:LINE:COLUMN: what — fix``; a table with problems
is never loaded partially, so no row is dropped silently.

Rows are picked with :func:`select` (keyword filters on the columns, e.g.
``select(table, paper="yuan2023scaling", source=["Table 1", "Table 5"])``), and one value
with :func:`value`; the findings and the notebooks use these rather than boolean masks.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import yaml

from sftsurvey import catalogue
from sftsurvey.paths import BIB_FILE, RESULTS_DIR, display_path

SCHEMA_FILE = RESULTS_DIR / "schema.yaml"
EXTRACTION_DIR = "extraction"
SCALE_RANGES = {
    "percent": (0, 100),
    "proportion": (0, 1),
    "score-1-10": (0, 10),
    "score-1-5": (0, 5),
    "loss": (0, None),
    "count": (0, None),
}
ROW_KEY = [
    "paper",
    "experiment",
    "model",
    "condition",
    "benchmark",
    "metric",
    "n_examples",
    "fraction",
    "source",
]
_DTYPES = {"string": str, "integer": "Int64", "number": "Float64"}


@dataclass(frozen=True)
class ResultsProblem:
    """One thing wrong with a results table, located by file, line and column."""

    path: str
    line: int
    column: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.what} — {self.fix}"


class ResultsError(ValueError):
    """Raised by :func:`load_results` when any table has problems; ``str()`` lists them."""

    def __init__(self, problems: list[ResultsProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownColumnError(KeyError):
    """Raised by :func:`select` for a filter on a column the table does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def load_schema(path: Path = SCHEMA_FILE) -> dict:
    """The column specifications, in the order the CSV header must have."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def columns(schema: dict | None = None) -> list[str]:
    return list((schema or load_schema())["columns"])


def pandera_schema(schema: dict | None = None) -> pa.DataFrameSchema:
    """The pandera schema built from ``schema.yaml``."""
    specs = (schema or load_schema())["columns"]
    built = {}
    for name, spec in specs.items():
        checks = []
        if "pattern" in spec:
            checks.append(pa.Check.str_matches(spec["pattern"]))
        if "enum" in spec:
            checks.append(pa.Check.isin(spec["enum"]))
        if "minimum" in spec:
            checks.append(pa.Check.ge(spec["minimum"]))
        if "maximum" in spec:
            checks.append(pa.Check.le(spec["maximum"]))
        built[name] = pa.Column(
            _DTYPES[spec["type"]],
            checks=checks,
            nullable=not spec.get("required", False),
            coerce=True,
        )
    return pa.DataFrameSchema(built, strict=True, ordered=True)


def _fix_for(column: str, spec: dict) -> str:
    if "enum" in spec:
        return f"use one of: {', '.join(spec['enum'])}"
    hint = spec.get("description", "").split(". ")[0].rstrip(".")
    example = spec.get("example")
    return f"{hint} (e.g. {example!r})" if example not in (None, "") else hint


def _describe(check: str, value) -> str:
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        wanted = "a whole number" if "Int" in check else "a number"
        return f"'{value}' is not {wanted}"
    if check.startswith("str_matches"):
        return f"'{value}' does not have the required form"
    if check.startswith("isin"):
        return f"'{value}' is not an allowed value"
    if check.startswith("greater_than_or_equal_to"):
        return f"{value} is below the minimum"
    if check.startswith("less_than_or_equal_to"):
        return f"{value} is above the maximum"
    if check == "not_nullable":
        return "empty, but required"
    return f"'{value}' fails {check}"


def read_rows(path: Path) -> tuple[pd.DataFrame, list[ResultsProblem]]:
    """Read one CSV as text, keeping each row's line number in column ``line``."""
    shown = display_path(path)
    names = columns()
    problems: list[ResultsProblem] = []
    try:
        # utf-8-sig: a byte-order mark (Excel's "CSV UTF-8") is read, not taken into the header;
        # splitlines below reads CRLF and LF line ends alike
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return pd.DataFrame(), [ResultsProblem(shown, 1, "-", "not UTF-8", "save as UTF-8")]
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != names:
        missing = [c for c in names if c not in (header or [])]
        extra = [c for c in (header or []) if c not in names]
        what = "header differs from the schema"
        if missing:
            what += f"; missing {', '.join(missing)}"
        if extra:
            what += f"; unknown {', '.join(extra)}"
        return pd.DataFrame(), [
            ResultsProblem(shown, 1, "-", what, f"use exactly: {','.join(names)}")
        ]
    records = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            problems.append(
                ResultsProblem(
                    shown,
                    line,
                    "-",
                    f"{len(row)} fields instead of {len(names)}",
                    "quote fields that contain commas; one line per row",
                )
            )
            continue
        records.append({**dict(zip(names, row, strict=True)), "line": line})
    frame = pd.DataFrame(records, columns=[*names, "line"])
    return frame, problems


def validate_table(
    path: Path, papers: dict[str, catalogue.Paper] | None = None
) -> tuple[pd.DataFrame, list[ResultsProblem]]:
    """One results table, typed; and every problem found in it."""
    path = Path(path)
    shown = display_path(path)
    raw, problems = read_rows(path)
    if raw.empty and problems:
        return raw, problems
    specs = load_schema()["columns"]
    lines = raw.pop("line").tolist() if "line" in raw else []
    cells = raw.apply(lambda col: col.str.strip()).replace("", None)
    try:
        typed = pandera_schema().validate(cells, lazy=True)
    except pa.errors.SchemaErrors as err:
        seen = set()
        for case in err.failure_cases.itertuples():
            if case.index is None or (case.column, case.index) in seen:
                continue
            seen.add((case.column, case.index))
            problems.append(
                ResultsProblem(
                    shown,
                    lines[int(case.index)],
                    case.column,
                    _describe(str(case.check), case.failure_case),
                    _fix_for(case.column, specs[case.column]),
                )
            )
        return cells.assign(line=lines), sorted(problems, key=lambda p: p.line)
    typed = typed.assign(line=lines)
    problems.extend(_check_rows(shown, path, typed, papers))
    return typed, sorted(problems, key=lambda p: p.line)


def _check_rows(shown: str, path: Path, table: pd.DataFrame, papers) -> list[ResultsProblem]:
    problems = []

    def add(row, column: str, what: str, fix: str) -> None:
        problems.append(ResultsProblem(shown, int(row.line), column, what, fix))

    seen: dict[tuple, int] = {}
    for row in table.itertuples(index=False):
        if papers is not None and row.paper not in papers:
            close = difflib.get_close_matches(row.paper, list(papers), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            add(
                row,
                "paper",
                f"'{row.paper}' is not in {display_path(BIB_FILE)}{hint}",
                "add the paper to the catalogue first, or correct the key",
            )
        if row.paper != path.stem:
            add(
                row,
                "paper",
                f"row of '{row.paper}' in the table of '{path.stem}'",
                f"move it to {row.paper}.csv (one table per paper)",
            )
        if pd.notna(row.fraction) and pd.isna(row.base_size):
            add(
                row,
                "base_size",
                "fraction given without base_size",
                "give the size of the set the fraction refers to",
            )
        low, high = SCALE_RANGES.get(row.scale, (None, None))
        if low is not None and row.value < low or high is not None and row.value > high:
            add(
                row,
                "value",
                f"{row.value} is outside the range of scale '{row.scale}'",
                "check the value, or correct the scale (percent 0–100, proportion 0–1, …)",
            )
        if row.extraction == "figure":
            figure = re.match(r"Figure (\w+)", row.source or "")
            if not figure:
                add(
                    row,
                    "source",
                    "a figure reading must name its figure",
                    "write source as 'Figure N'",
                )
            else:
                sidecar = path.parent / EXTRACTION_DIR / f"{row.paper}-fig{figure.group(1)}.yaml"
                if not sidecar.exists():
                    add(
                        row,
                        "extraction",
                        f"no calibration file {display_path(sidecar)}",
                        "add the axis calibration of the figure reading (see data/results/README.md)",
                    )
        key = tuple(None if pd.isna(getattr(row, c)) else getattr(row, c) for c in ROW_KEY)
        if key in seen:
            add(
                row,
                "-",
                f"same row as line {seen[key]}",
                "remove the duplicate, or tell the two apart in 'condition'",
            )
        seen.setdefault(key, int(row.line))
    return problems


def check_all(
    results_dir: Path = RESULTS_DIR, bib: Path = BIB_FILE
) -> tuple[pd.DataFrame, list[ResultsProblem]]:
    """Every table in ``results_dir``, concatenated, and every problem in any of them."""
    papers, bib_problems = catalogue.parse(bib)
    known = {p.key: p for p in papers} if not bib_problems else None
    frames, problems = [], []
    for path in sorted(Path(results_dir).glob("*.csv")):
        table, found = validate_table(path, known)
        problems.extend(found)
        if not found:
            frames.append(table.assign(file=path.name))
    if not frames:
        return pd.DataFrame(columns=[*columns(), "line", "file"]), problems
    return pd.concat(frames, ignore_index=True), problems


def load_results(results_dir: Path = RESULTS_DIR, bib: Path = BIB_FILE) -> pd.DataFrame:
    """All reported results as one typed table; raises :class:`ResultsError` on any problem."""
    table, problems = check_all(results_dir, bib)
    if problems:
        raise ResultsError(problems)
    return table


def select(table: pd.DataFrame, *, exclude: dict | None = None, **filters) -> pd.DataFrame:
    """The rows of a results table whose columns match every keyword filter.

    ``select(reported, paper="yuan2023scaling", source=["Table 1", "Table 5"])``: a value
    is one allowed value, or a list (tuple, set) of them; ``None`` matches an empty cell; a
    callable (such as :func:`starts_with`) takes the column and returns which rows match.
    ``exclude`` maps columns to values to leave out, in the same form. The rows keep their
    index and order. A column the table does not have raises :class:`UnknownColumnError`,
    naming the known columns.
    """
    keep = pd.Series(True, index=table.index)
    for column, allowed in filters.items():
        keep &= _matches(table, column, allowed)
    for column, dropped in (exclude or {}).items():
        keep &= ~_matches(table, column, dropped)
    return table[keep]


def row(table: pd.DataFrame, **filters) -> pd.Series:
    """The one row :func:`select` finds; a ``LookupError`` if it finds none or several."""
    rows = select(table, **filters)
    if len(rows) != 1:
        wanted = ", ".join(f"{column}={allowed!r}" for column, allowed in filters.items())
        raise LookupError(f"{len(rows)} rows match {wanted} — one was expected; narrow the filters")
    return rows.iloc[0]


def value(table: pd.DataFrame, **filters) -> float:
    """The value of the one row :func:`select` finds (see :func:`row`)."""
    return float(row(table, **filters)["value"])


CONTRADICTION = "contradict|differs|disagree"
"""Words of a row's note saying the paper prints the value differently elsewhere (a regex)."""


def contradicted(table: pd.DataFrame) -> pd.DataFrame:
    """The rows whose note says the paper prints the value differently elsewhere."""
    return select(table, note=lambda notes: notes.str.contains(CONTRADICTION, case=False, na=False))


def _matches(table: pd.DataFrame, column: str, allowed) -> pd.Series:
    if column not in table.columns:
        known = [str(c) for c in table.columns]
        close = difflib.get_close_matches(column, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise UnknownColumnError(
            f"no column '{column}'{hint} — filter on one of: {', '.join(known)}"
        )
    cells = table[column]
    if callable(allowed):
        return pd.Series(allowed(cells), index=table.index).fillna(False).astype(bool)
    if isinstance(allowed, Collection) and not isinstance(allowed, str):
        wanted = list(allowed)
        found = cells.isin([a for a in wanted if a is not None])
        return found | cells.isna() if None in wanted else found.fillna(False).astype(bool)
    if allowed is None:
        return cells.isna()
    return (cells == allowed).fillna(False).astype(bool)


def starts_with(prefix: str) -> Callable[[pd.Series], pd.Series]:
    """A :func:`select` filter: the cells that begin with ``prefix`` (empty cells do not)."""
    return lambda cells: cells.str.startswith(prefix, na=False)


def contains(text: str) -> Callable[[pd.Series], pd.Series]:
    """A :func:`select` filter: the cells that contain ``text`` literally (empty cells do not)."""
    return lambda cells: cells.str.contains(text, regex=False, na=False)
