"""Imported by the local engine's forkserver before it forks any worker.

It loads the default pipeline (model, gazetteer, ruler patterns) once, so every
worker forked from the forkserver shares those pages copy-on-write instead of
loading its own copy: about 115 MiB less per worker (bench/bench_scale.py).
A worker whose model differs, or one the preload could not load, loads its own in
``ingest.engine._init_worker``, which also reports the error.
"""

from __future__ import annotations

import gc

from geokg.ingest.engine import pipeline

try:
    pipeline(None)
except Exception:  # noqa: BLE001 - the worker loads it again and reports the error
    pass
gc.freeze()  # the loaded objects stay out of the collector: their pages stay shared
