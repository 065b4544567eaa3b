"""Build every released version and the development version into one site tree.

    .venv/bin/python scripts/build_versions.py [--out _build/site] [--base-path /]

Each release listed in ``releases.yaml`` (its version and the commit it was built from; git tags
are optional and do not survive every clone) is built once, in a git worktree of that commit, with
that commit's own package on the path, and kept as an archive
``dist/survey-html-vX.Y.Z.tar.gz`` with a ``.sha256`` and a ``manifest.json``; later runs reuse the
archive instead of re-executing old notebooks (whose results must not change); each archive holds
the release's PDF edition in ``pdf/`` (``--no-pdf`` skips it). The working tree is
built as the development version, or, with ``--dev-html _build/html``, the site ``make book`` built
is reused as it (CI builds the book once). The site gets ``/vX.Y.Z/`` per release, ``/latest/`` (the newest
release), ``/dev/``, an ``index.html`` that redirects to ``latest/``, and one ``switcher.json``,
copied into every version's ``_static/`` so that old versions show the theme's "old version" banner.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")


def git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


RELEASES = ROOT / "releases.yaml"


def releases(path: Path = RELEASES) -> dict[str, str]:
    """Release name (``vX.Y.Z``) → the full commit it was built from, oldest first."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
    found = {}
    for number, entry in enumerate(entries or [], start=1):
        version, commit = str(entry.get("version", "")), str(entry.get("commit", ""))
        if not TAG.match(f"v{version}") or not re.fullmatch(r"[0-9a-f]{40}", commit):
            sys.exit(
                f"{path.name} entry {number}: needs version: X.Y.Z and commit: <40-hex sha> "
                f"(got version {version!r}, commit {commit!r})"
            )
        found[f"v{version}"] = commit
    return dict(
        sorted(found.items(), key=lambda kv: tuple(int(x) for x in TAG.match(kv[0]).groups()))
    )


def release_tags() -> list[str]:
    """Release names, oldest first (semantic-version order)."""
    return list(releases())


def build(source: Path, out: Path, version_match: str | None = None) -> Path:
    """Build the book of ``source`` into ``out``; return its html folder."""
    env = dict(os.environ)
    # the tree's own package, not the one installed in this venv (an old release imports its own)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH", "")]))
    if version_match:
        env["SURVEY_VERSION_MATCH"] = version_match
    subprocess.run(
        [
            str(JUPYTER_BOOK),
            "build",
            str(source),
            "--path-output",
            str(out),
            "-W",
            "-n",
            "--keep-going",
            "-q",
        ],
        check=True,
        env=env,
    )
    return out / "_build" / "html"


VERSION_MATCH = re.compile(r"(DOCUMENTATION_OPTIONS\.theme_switcher_version_match = )'[^']*';")
"""The one line by which a page built with ``SURVEY_VERSION_MATCH=dev`` differs from any other."""


def mark_as_dev(html: Path) -> int:
    """Make a copied site's pages the "dev" version's, as a build with that version would; returns
    the number of pages marked."""
    marked = 0
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed, count = VERSION_MATCH.subn(r"\1'dev';", text)
        if count:
            page.write_text(changed, encoding="utf-8")
            marked += 1
    if not marked:
        sys.exit(f"{html}: no page sets the version switcher's version — not a site of make book")
    return marked


def add_pdf(source: Path, out: Path, html: Path) -> None:
    """Print the PDF edition of ``source`` (built into ``out``) into its site ``html``.

    Releases from before the PDF edition (no ``{pdf-edition}`` on their how-to-cite page) get
    one too: the single-page build and the printing are today's (scripts/build_pdf.py).
    """
    script = ROOT / "scripts" / "build_pdf.py"
    command = [sys.executable, str(script), "--source", str(source), "--path-output", str(out)]
    command += ["--out", str(out / "pdf"), "--into-site", str(html)]
    subprocess.run(command, check=True)


def archive(html: Path, tag: str, dist: Path) -> Path:
    """Pack a built site deterministically, with its checksum and a manifest."""
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"survey-html-{tag}.tar.gz"
    files = sorted(p for p in html.rglob("*") if p.is_file())
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path in files:
            info = tar.gettarinfo(str(path), arcname=str(path.relative_to(html)))
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with path.open("rb") as handle:
                tar.addfile(info, handle)
    target.write_bytes(buffer.getvalue())
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    target.with_suffix(".sha256").write_text(f"{digest}  {target.name}\n")
    commit = releases()[tag]
    manifest = {
        "tag": tag,
        "commit": commit,
        "committed": git("show", "-s", "--format=%cI", commit),
        "files": len(files),
        "sha256": digest,
    }
    (dist / f"survey-html-{tag}.manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def unpack(archive_path: Path, into: Path) -> None:
    digest = hashlib.sha256(archive_path.read_bytes()).hexdigest()
    expected = archive_path.with_suffix(".sha256").read_text().split()[0]
    if digest != expected:
        sys.exit(f"{archive_path}: sha256 {digest[:12]}… does not match its .sha256 — rebuild it")
    with tarfile.open(archive_path) as tar:
        tar.extractall(into, filter="data")


def switcher(tags: list[str], base_path: str, dev_version: str) -> list[dict]:
    entries = [{"name": "dev (main)", "version": "dev", "url": f"{base_path}dev/"}]
    for i, tag in enumerate(reversed(tags)):
        version = tag[1:]
        entry = {
            "name": f"{version} (latest)" if i == 0 else version,
            "version": version,
            "url": f"{base_path}{tag}/",
        }
        if i == 0:
            entry["preferred"] = True
        entries.append(entry)
    return entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "site")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--base-path", default="/", help="URL path the site is served under")
    parser.add_argument(
        "--releases",
        choices=("all", "none"),
        default="all",
        help="build the releases of releases.yaml too (default), or only the working tree",
    )
    parser.add_argument(
        "--dev-html",
        type=Path,
        metavar="DIR",
        help="use this built site (e.g. _build/html of make book) as dev instead of building the "
        "working tree again; it keeps the PDF edition it holds (make pdf)",
    )
    parser.add_argument(
        "--no-pdf",
        dest="pdf",
        action="store_false",
        help="skip the PDF editions (archived releases keep theirs)",
    )
    args = parser.parse_args()
    base = args.base_path if args.base_path.endswith("/") else args.base_path + "/"
    tags = release_tags() if args.releases == "all" else []
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        for tag in tags:
            packed = args.dist / f"survey-html-{tag}.tar.gz"
            if not packed.exists():
                tree = Path(tmp) / tag
                git("worktree", "add", "--detach", str(tree), releases()[tag])
                try:
                    out = Path(tmp) / f"out-{tag}"
                    html = build(tree, out)
                    if args.pdf:
                        add_pdf(tree, out, html)
                    packed = archive(html, tag, args.dist)
                finally:
                    git("worktree", "remove", "--force", str(tree))
            unpack(packed, args.out / tag)
            print(f"{tag}: {packed.name}")
        if args.dev_html:
            if not (args.dev_html / "index.html").is_file():
                sys.exit(f"--dev-html {args.dev_html}: no built site there (run make book)")
            shutil.copytree(args.dev_html, args.out / "dev")
            pages = mark_as_dev(args.out / "dev")
            print(f"dev: {args.dev_html} ({pages} pages), not built again")
        else:
            dev_out = Path(tmp) / "out-dev"
            dev_html = build(ROOT, dev_out, version_match="dev")
            if args.pdf:
                add_pdf(ROOT, dev_out, dev_html)
            shutil.copytree(dev_html, args.out / "dev")
            print("dev: built from the working tree")
    if tags:
        shutil.copytree(args.out / tags[-1], args.out / "latest")
    entries = json.dumps(switcher(tags, base, "dev"), indent=2) + "\n"
    (args.out / "switcher.json").write_text(entries)
    for folder in (p for p in args.out.iterdir() if p.is_dir()):
        (folder / "_static" / "switcher.json").write_text(entries)
    landing = "latest" if tags else "dev"
    (args.out / "index.html").write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><title>Redirecting</title>'
        f'<meta http-equiv="refresh" content="0; url={landing}/">'
        f'<a href="{landing}/">{landing}</a>\n'
    )
    print(f"site: {args.out} ({', '.join(tags) or 'no releases yet'}, dev)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
