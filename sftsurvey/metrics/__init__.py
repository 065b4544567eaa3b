"""Text metrics for rerunning the surveyed papers' analyses on real instruction data.

One module per job; each names the paper whose method it follows:

- :mod:`~sftsurvey.metrics.lengths`: word and character counts.
- :mod:`~sftsurvey.metrics.lexical`: MTLD and distinct-n lexical diversity.
- :mod:`~sftsurvey.metrics.overlap`: ROUGE-L, and each text's nearest reference (Self-Instruct).
- :mod:`~sftsurvey.metrics.parsing`: the one spaCy model the parse-based metrics share.
- :mod:`~sftsurvey.metrics.structure`: root verbs and their direct objects (Self-Instruct).
- :mod:`~sftsurvey.metrics.complexity`: size, depth, clause and constraint proxies.
- :mod:`~sftsurvey.metrics.embeddings`: all-MiniLM-L6-v2 sentence embeddings, in numpy.
- :mod:`~sftsurvey.metrics.selection`: diversity of a set of embeddings (cosine distance, Vendi
  score) and the subset selections the surveyed papers propose.

Nothing is imported here, so that ``import sftsurvey.metrics.lengths`` does not load spaCy.
"""
