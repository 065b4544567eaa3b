"""Generate ``data/datasets.yaml``, the dataset registry, from the data mirror's ``MANIFEST.json``.

Usage: .venv/bin/python scripts/make_dataset_registry.py [--manifest FILE] [--check]

One entry per mirrored file, named by its stored path without ``.gz`` and extension
(``gsm8k/train``), plus the full-size datasets the mirror could not hold (``sha256: null``,
``mirror: false``). How each file is read is decided by the hand-edited rules of
``data/dataset-rules.yaml`` (:mod:`sftsurvey.datasets.rules`). The output depends only on the
manifest and the rules, so regenerating gives the identical file; ``--check`` exits 1 when the
committed registry is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from sftsurvey.datasets import REGISTRY_FILE
from sftsurvey.datasets.rules import RulesError, default_manifest, render
from sftsurvey.paths import display_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=default_manifest())
    parser.add_argument("--out", type=Path, default=REGISTRY_FILE)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is stale")
    args = parser.parse_args(argv)
    try:
        text = render(json.loads(args.manifest.read_text(encoding="utf-8")))
    except RulesError as error:
        print(error, file=sys.stderr)
        return 1
    out = display_path(args.out)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{out}: stale — run make registry", file=sys.stderr)
            return 1
        print(f"{out}: up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(yaml.safe_load(text)['datasets'])} entries written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
