"""Doctest collection: skip modules whose optional dependencies are absent."""

import importlib.util

collect_ignore_glob = ["build/*", "scripts/*", "benchmarks/*"]
if importlib.util.find_spec("stanza") is None:
    collect_ignore_glob.append("persian_ie/entities/stanza_backend.py")
for _mod, _path in (("pandas", "persian_ie/integrations/pandas*.py"), ("spacy", "persian_ie/integrations/spacy*.py"),
                    ("dask", "persian_ie/integrations/dask*.py"), ("dask", "persian_ie/dask.py"),
                    ("dask", "persian_ie/corpus/dask.py")):
    if importlib.util.find_spec(_mod) is None:
        collect_ignore_glob.append(_path)
