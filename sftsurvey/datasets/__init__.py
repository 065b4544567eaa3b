"""Instruction-tuning data: the registry, verified local copies, and one table shape per kind.

Modules: :mod:`~sftsurvey.datasets.entries` (the registry and its entries),
:mod:`~sftsurvey.datasets.fetch` (verified local copies), :mod:`~sftsurvey.datasets.read`
(records to tables), :mod:`~sftsurvey.datasets.rules` (the hand-edited reading rules and the
registry built from them) and :mod:`~sftsurvey.datasets.sets` (the instruction sets the
notebooks analyse, by ID). The calls below are importable from this package.

``data/datasets.yaml`` lists every data file the survey uses under a name such as
``gsm8k/train`` (its stored path in the data mirror, without extension): the raw URL pinned to
a commit, the sha256 of the original bytes, size, record count, license, format and *kind*. It is
generated (``make registry``) from the data mirror's ``MANIFEST.json`` and the reading rules of
``data/dataset-rules.yaml``; do not edit it by hand.

Where the bytes come from (:func:`~sftsurvey.datasets.fetch.path`):

* ``SFTSURVEY_DATA_MIRROR`` names a folder holding the files as ``<name>.<ext>`` or gzipped
  ``<name>.<ext>.gz``: the file is taken from there and the sha256 of its decompressed bytes is
  checked against the registry. The check is remembered by path, size and mtime, so it runs once.
  A gzipped file is decompressed into the cache; nothing is ever written into the mirror.
* Otherwise the file is downloaded from its canonical URL with pooch, which checks the sha256.

Downloads, decompressed copies and remembered checks live in ``SFTSURVEY_CACHE`` (default
``pooch.os_cache("sftsurvey")``, i.e. ``~/.cache/sftsurvey`` on Linux). A few full-size datasets
are not in the mirror and have no checksum (``sha256: null``, ``mirror: false``): they are
downloaded, and their computed hash is printed with a warning that it could not be verified.

Tables (:func:`~sftsurvey.datasets.read.load`) have one documented column set per kind, first and in this order; every
other field of the source records is kept after them under its own name (prefixed ``source_``
if it would clash with a documented column). Records are never dropped.

``instructions``
    ``instruction``, ``input``, ``output``: instruction-tuning pairs. ``input`` is ``""`` when the
    task has no separate input. GSM8K maps ``question``/``answer``; single-turn ShareGPT-style
    conversations (Tree-Instruct) take the human and the gpt turn, and keep ``items``.
``seed-tasks``
    ``id``, ``name``, ``instruction``, ``input``, ``output``, ``is_classification``: the
    Self-Instruct seed-task format; ``input`` and ``output`` come from the first instance, and
    ``instances`` keeps them all.
``eval-prompts``
    ``id``, ``instruction``, ``input``, ``category``, ``reference``: evaluation prompts.
    ``instruction`` is the prompt as the model sees it (for MT-Bench the first turn; ``turns``
    keeps all); ``input`` a separate input, else ``""``; ``id``, ``category`` and ``reference``
    (the reference answer or target) are missing (NaN) where the file has none.
``model-outputs``
    ``instruction``, ``input``, ``output``, ``generator``, ``reference``: one row per prompt and
    model. GSM8K's example solutions are unpivoted, one row per question and model (so 4 rows
    per record), keeping ``is_correct``.
``reference-answers``
    ``id``, ``generator``, ``output``, ``turns``: reference answers (MT-Bench); ``id`` is the
    question id of the matching ``eval-prompts`` file, ``output`` the first turn's answer.
``preferences``
    ``instruction``, ``output_1``, ``generator_1``, ``output_2``, ``generator_2``, ``annotator``,
    ``preference``: pairwise judgements, ``preference`` as the annotator published it.
``scores``
    ``generator``, ``item``, ``score``: one row per score; ``item`` is the position in that
    generator's list (lists of different generators are not aligned).
``leaderboard``
    ``model``, then the table's own columns as published (names stripped, numbers parsed, empty
    cells missing; a separator row stays, with no model). A Markdown link ``[name](url)`` in
    ``model`` becomes ``model`` plus a ``model_url`` column.
``judge-prompts``
    ``name``, ``prompt``: prompt templates of LLM judges (system prompts etc. kept).
``task-tree``
    ``task_name``, ``raw_task_name``, ``parent``, ``reason``: one row per task below the root of
    an Explore-Instruct domain tree.

Every problem is one line, ``dataset 'NAME': [WHERE: ]what — fix``, raised as
:class:`~sftsurvey.datasets.entries.DatasetError`.
"""

from sftsurvey.datasets.entries import (
    CACHE_ENV,
    FORMATS,
    JOINED_INPUTS,
    KIND_COLUMNS,
    LAYOUTS,
    MIRROR_ENV,
    REGISTRY_FILE,
    DatasetError,
    DatasetFile,
    available,
    get,
    registry,
)
from sftsurvey.datasets.fetch import cache_dir, file_sha256, mirror_dir, path
from sftsurvey.datasets.read import load, split_quoted_input
from sftsurvey.datasets.sets import InstructionSet, compared_sets, instruction_set, instruction_sets

__all__ = [
    "CACHE_ENV",
    "FORMATS",
    "JOINED_INPUTS",
    "KIND_COLUMNS",
    "LAYOUTS",
    "MIRROR_ENV",
    "REGISTRY_FILE",
    "DatasetError",
    "DatasetFile",
    "InstructionSet",
    "available",
    "cache_dir",
    "compared_sets",
    "file_sha256",
    "get",
    "instruction_set",
    "instruction_sets",
    "load",
    "mirror_dir",
    "path",
    "registry",
    "split_quoted_input",
]
