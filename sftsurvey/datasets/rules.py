"""The reading rules (``data/dataset-rules.yaml``) and the registry built from them.

The rules file is edited by hand: which kind each data file is and which source field feeds
which documented column (see its header), plus the names of the full-size files the mirror
could not hold. :func:`problems` checks it (``make check``), one line per problem naming the
file, line, rule and fix. :func:`render` builds the text of ``data/datasets.yaml`` from the rules
and the data mirror's ``MANIFEST.json`` (``make registry``); the output depends only on those two,
so regenerating gives the identical file.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from sftsurvey.datasets import located
from sftsurvey.datasets.entries import JOINED_INPUTS, KIND_COLUMNS, LAYOUTS, MIRROR_ENV
from sftsurvey.datasets.located import child, key_lines, misspelt, use_one_of
from sftsurvey.paths import ROOT, display_path

RULES_FILE = ROOT / "data" / "dataset-rules.yaml"
DEFAULT_MANIFEST = ROOT.parent / "shared" / "data" / "MANIFEST.json"
"""The data mirror's manifest when ``SFTSURVEY_DATA_MIRROR`` is unset (``../shared/data``)."""
RULE_KEYS: tuple[str, ...] = (
    "match",
    "kind",
    "fields",
    "layout",
    "records_key",
    "generator",
    "generators",
    "joined_input",
    "why",
)
"""The keys a rule may have (``match`` and ``kind`` are required)."""
SECTIONS: tuple[str, ...] = ("rules", "not_in_mirror", "skip")


class RulesError(ValueError):
    """A problem of the rules file or of building the registry, in one line."""


@dataclass(frozen=True)
class Rule:
    """One rule: the name patterns it matches and how a matching file is read."""

    patterns: tuple[str, ...]
    kind: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    layout: str | None = None
    records_key: str | None = None
    generator: str | dict[str, str] | None = None
    generators: tuple[str, ...] = ()
    joined_input: str | None = None

    def spec_for(self, name: str) -> dict[str, Any]:
        """How to read the file ``name``: kind, fields and the optional keys that are set."""
        generator = self.generator
        if isinstance(generator, dict):
            generator = PurePosixPath(name).name.removesuffix(generator["stem_without"])
        spec: dict[str, Any] = {"kind": self.kind, "fields": dict(self.fields)}
        optional = {
            "layout": self.layout,
            "records_key": self.records_key,
            "generator": generator,
            "generators": list(self.generators),
            "joined_input": self.joined_input,
        }
        spec.update({key: value for key, value in optional.items() if value})
        return spec


@dataclass(frozen=True)
class Rules:
    """The whole rules file."""

    rules: tuple[Rule, ...]
    not_in_mirror: dict[str, tuple[str, str]]
    """Source repository → (dataset, registry name) of a full-size file not in the mirror."""
    skip: dict[str, str]
    """Source repository → why its not-obtainable item gets no entry."""

    def rule_for(self, name: str) -> dict[str, Any]:
        """How to read ``name``: the spec of the first rule whose pattern matches it."""
        for rule in self.rules:
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in rule.patterns):
                return rule.spec_for(name)
        raise RulesError(
            f"{name}: no rule says how to read it — add one to {display_path(RULES_FILE)}"
        )


# --- reading and checking the file ---------------------------------------------------------


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)


def _rule_problems(spec: Any) -> list[tuple[str | None, str, str]]:
    """(key or None, what, fix) for each problem of one rule."""
    if not isinstance(spec, dict):
        return [(None, "not a mapping", "write the rule as `- match: [...]` with kind and fields")]
    found = []
    for key in spec:
        if key not in RULE_KEYS:
            found.append((key, f"unknown key {key!r}", use_one_of(key, RULE_KEYS)))
    typos = misspelt(spec, RULE_KEYS)  # a misspelt key is reported once, not also as missing
    match = spec.get("match")
    if "match" in typos and match is None:
        pass
    elif not (isinstance(match, str) and match) and not _strings(match):
        found.append(("match", "no name pattern", "give `match: [PATTERN, ...]`, e.g. gsm8k/*"))
    kind = spec.get("kind")
    if "kind" in typos and kind is None:
        pass
    elif kind not in KIND_COLUMNS:
        what = "no kind" if kind is None else f"unknown kind {kind!r}"
        found.append(("kind", what, use_one_of(kind, KIND_COLUMNS)))
    fields = spec.get("fields", {})
    if not isinstance(fields, dict) or not all(
        isinstance(c, str) and isinstance(s, str) for c, s in fields.items()
    ):
        found.append(
            ("fields", "not a mapping of column: source field", "write `fields: {column: field}`")
        )
    elif kind in KIND_COLUMNS and (unknown := [c for c in fields if c not in KIND_COLUMNS[kind]]):
        found.append(
            (
                "fields",
                f"{', '.join(map(repr, unknown))} not a column of kind {kind!r}",
                f"use its columns: {', '.join(KIND_COLUMNS[kind])}",
            )
        )
    layout = spec.get("layout")
    if layout is not None and layout not in LAYOUTS:
        found.append(("layout", f"unknown layout {layout!r}", use_one_of(layout, LAYOUTS)))
    joined = spec.get("joined_input")
    if joined is not None and joined not in JOINED_INPUTS:
        found.append(
            ("joined_input", f"unknown joined_input {joined!r}", use_one_of(joined, JOINED_INPUTS))
        )
    if "records_key" in spec and not (isinstance(spec["records_key"], str) and spec["records_key"]):
        found.append(("records_key", "not a key name", "give the key holding the records list"))
    generator = spec.get("generator")
    if generator is not None and not (
        (isinstance(generator, str) and generator)
        or (
            isinstance(generator, dict)
            and list(generator) == ["stem_without"]
            and isinstance(generator["stem_without"], str)
        )
    ):
        found.append(("generator", "not a model name", "give a name, or {stem_without: SUFFIX}"))
    generators = spec.get("generators")
    if generators is not None and not _strings(generators):
        found.append(("generators", "not a list of model names", "write `generators: [a, b]`"))
    if layout == "solutions-by-model" and not generators:
        found.append(("layout", "solutions-by-model needs generators", "add `generators: [...]`"))
    return found


def _section_problems(data: dict, node: yaml.Node, where: str) -> list[str]:
    found = []
    lines = key_lines(node)
    for key in data:
        if key not in SECTIONS:
            found.append(
                f"{where}:{lines.get(key, 1)}: unknown section {key!r} — {use_one_of(key, SECTIONS)}"
            )
    if not isinstance(data.get("rules"), list):
        found.append(f"{where}:1: no `rules:` list — add `rules:` with one `- match: ...` per rule")
    moved = data.get("not_in_mirror", {})
    moved_lines = key_lines(child(node, "not_in_mirror"))
    if not isinstance(moved, dict):
        found.append(
            f"{where}:{lines.get('not_in_mirror', 1)}: not_in_mirror is not a mapping — "
            "write `REPO: {dataset: D, name: D/FILE}`"
        )
    else:
        for repo, item in moved.items():
            if not (
                isinstance(item, dict)
                and set(item) == {"dataset", "name"}
                and all(isinstance(v, str) and v for v in item.values())
            ):
                found.append(
                    f"{where}:{moved_lines.get(repo, 1)}: not_in_mirror {repo!r}: needs exactly "
                    "dataset and name — write `{dataset: D, name: D/FILE}`"
                )
    skip = data.get("skip", {})
    if not isinstance(skip, dict) or not all(isinstance(v, str) and v for v in skip.values()):
        found.append(
            f"{where}:{lines.get('skip', 1)}: skip is not a mapping of repository: why — "
            "write `REPO: the reason`"
        )
    return found


def _read(path: Path) -> tuple[Rules | None, list[str]]:
    where = display_path(path)
    try:
        data, root = located.read(path)
    except located.YamlFileError as error:
        return None, [str(error)]
    if not isinstance(data, dict):
        return None, [f"{where}:1: expected the sections {', '.join(SECTIONS)} — see its header"]
    found = _section_problems(data, root, where)
    if found:
        return None, found
    rules = []
    items = child(root, "rules").value
    for number, (spec, item) in enumerate(zip(data["rules"], items, strict=True), 1):
        lines = key_lines(item)
        first = spec.get("match") if isinstance(spec, dict) else None
        first = first[0] if isinstance(first, list) and first else first
        label = f"rule {number}" + (f" ({first!r})" if isinstance(first, str) else "")
        problems = _rule_problems(spec)
        for key, what, fix in problems:
            line = lines.get(key, item.start_mark.line + 1)
            found.append(f"{where}:{line}: {label}: {what} — {fix}")
        if problems:
            continue
        match = spec["match"]
        rules.append(
            Rule(
                patterns=(match,) if isinstance(match, str) else tuple(match),
                kind=spec["kind"],
                line=item.start_mark.line + 1,
                fields=dict(spec.get("fields", {})),
                layout=spec.get("layout"),
                records_key=spec.get("records_key"),
                generator=spec.get("generator"),
                generators=tuple(spec.get("generators", ())),
                joined_input=spec.get("joined_input"),
            )
        )
    if found:
        return None, found
    moved = {repo: (i["dataset"], i["name"]) for repo, i in data.get("not_in_mirror", {}).items()}
    return Rules(tuple(rules), moved, dict(data.get("skip", {}))), []


def problems(path: Path | None = None) -> list[str]:
    """Every problem of the rules file, one line each (``FILE:LINE: rule N ('PATTERN'): what — fix``)."""
    return _read(path or RULES_FILE)[1]


@cache
def load(path: Path | None = None) -> Rules:
    """The rules file (default ``data/dataset-rules.yaml``), checked; the first problem is raised as
    :class:`RulesError`."""
    rules, found = _read(path or RULES_FILE)
    if rules is None:
        raise RulesError(found[0])
    return rules


# --- building the registry from the manifest -------------------------------------------------


def default_manifest() -> Path:
    """``MANIFEST.json`` of the data mirror ``SFTSURVEY_DATA_MIRROR`` names, else of ``../shared/data``."""
    mirror = os.environ.get(MIRROR_ENV)
    return Path(mirror) / "MANIFEST.json" if mirror else DEFAULT_MANIFEST


def registry_name(stored_file: str) -> str:
    """``gsm8k/train.jsonl.gz`` -> ``gsm8k/train``."""
    path = PurePosixPath(stored_file.removesuffix(".gz"))
    return str(path.with_suffix(""))


def file_format(original_path: str, unit: str) -> str:
    """``jsonl``, ``json`` or ``csv``, from the file's suffix (and the manifest's record unit)."""
    suffix = PurePosixPath(original_path).suffix
    if suffix == ".csv":
        return "csv"
    if suffix == ".jsonl" or "JSON Lines" in unit:
        return "jsonl"
    if suffix == ".json":
        return "json"
    raise RulesError(
        f"{original_path}: unknown file format {suffix!r} — add it to "
        "sftsurvey.datasets.rules.file_format and sftsurvey.datasets.read"
    )


def _entry(
    *,
    dataset: str,
    file: str,
    spec: dict[str, Any],
    fmt: str,
    records: int | None,
    size: int | None,
    sha256: str | None,
    url: str | None,
    source_repo: str,
    commit: str | None,
    license: str | None,
    huggingface: str | None,
    note: str,
) -> dict[str, Any]:
    """One registry entry, keys in a fixed order; optional keys only when set."""
    out: dict[str, Any] = {
        "dataset": dataset,
        "file": file,
        "kind": spec["kind"],
        "format": fmt,
        "records": records,
        "size": size,
        "sha256": sha256,
        "mirror": sha256 is not None,
        "canonical_url": url,
        "source_repo": source_repo,
        "commit": commit,
        "license": license,
    }
    if huggingface:
        out["huggingface"] = huggingface
    out["note"] = note
    for key in ("layout", "records_key", "generator", "generators", "joined_input"):
        if spec.get(key):
            out[key] = spec[key]
    out["fields"] = dict(spec.get("fields", {}))
    return out


def _mirrored(manifest: dict[str, Any], rules: Rules) -> dict[str, dict[str, Any]]:
    entries = {}
    for item in manifest["files"]:
        name = registry_name(item["stored_file"])
        if name in entries:
            raise RulesError(f"{item['stored_file']}: a second file named {name!r}")
        note = item["note"]
        if item.get("duplicates"):
            note = f"{note} Duplicate: {item['duplicates']}."
        entries[name] = _entry(
            dataset=item["dataset"],
            file=item["original_path"],
            spec=rules.rule_for(name),
            fmt=file_format(item["original_path"], item["record_count_unit"]),
            records=item["record_count"],
            size=item["original_size_bytes"],
            sha256=item["sha256_original"],
            url=item["canonical_url"],
            source_repo=item["source_repo"],
            commit=item["snapshot_commit"],
            license=item["license"],
            huggingface=item.get("huggingface_dataset_url"),
            note=" ".join(note.split()),
        )
    return entries


def _not_obtainable(
    manifest: dict[str, Any], rules: Rules, licenses: dict[str, str]
) -> dict[str, dict[str, Any]]:
    entries = {}
    for item in manifest.get("not_obtainable", []):
        url = item.get("url")
        if not url:
            continue  # nothing to download: a Hugging Face dataset or a whole folder
        owner, repo, commit, *parts = url.removeprefix("https://raw.githubusercontent.com/").split(
            "/"
        )
        source_repo = f"{owner}/{repo}"
        if source_repo in rules.skip:
            continue
        if source_repo not in rules.not_in_mirror:
            raise RulesError(
                f"{url}: not-obtainable file without a name — add {source_repo} to not_in_mirror "
                f"(or skip) in {display_path(RULES_FILE)}"
            )
        dataset, name = rules.not_in_mirror[source_repo]
        file = "/".join(parts)
        entries[name] = _entry(
            dataset=dataset,
            file=file,
            spec=rules.rule_for(name),
            fmt=file_format(file, ""),
            records=None,
            size=None,
            sha256=None,
            url=url,
            source_repo=source_repo,
            commit=commit,
            license=licenses.get(source_repo),
            huggingface=item.get("hf"),
            note=" ".join(f"{item['item']}: not in the data mirror ({item['reason']}).".split()),
        )
    missing = {n for _, n in rules.not_in_mirror.values()} - set(entries)
    if missing:
        raise RulesError(
            f"{display_path(RULES_FILE)}: not_in_mirror names {sorted(missing)} match no item of "
            "the manifest — remove them"
        )
    return entries


def build(manifest: dict[str, Any], rules: Rules | None = None) -> dict[str, dict[str, Any]]:
    """All registry entries, sorted by name."""
    rules = rules or load()
    entries = _mirrored(manifest, rules)
    licenses = {e["source_repo"]: e["license"] for e in entries.values()}
    extra = _not_obtainable(manifest, rules, licenses)
    if clash := set(extra) & set(entries):
        raise RulesError(
            f"not_in_mirror names {sorted(clash)} clash with mirrored files — rename them in "
            f"{display_path(RULES_FILE)}"
        )
    entries.update(extra)
    return dict(sorted(entries.items()))


def render(manifest: dict[str, Any], rules: Rules | None = None) -> str:
    """The text of ``data/datasets.yaml`` for this manifest and these rules."""
    entries = build(manifest, rules)
    mirrored_count = sum(e["mirror"] for e in entries.values())
    header = [
        "# The dataset registry: one entry per data file, read by sftsurvey.datasets.",
        "# Generated by `make registry` from the data mirror's MANIFEST.json",
        f"# ({manifest['generated_utc']}) and data/dataset-rules.yaml; do not edit by hand.",
        f"# {mirrored_count} files in the mirror (sha256 of the original, decompressed bytes);",
        f"# {len(entries) - mirrored_count} full-size files not in it (sha256: null, mirror: false).",
        "# fields: documented column <- source field (dotted path into nested values; '?' = optional).",
    ]
    body = yaml.safe_dump(
        {"datasets": entries}, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return "\n".join(header) + "\n" + body
