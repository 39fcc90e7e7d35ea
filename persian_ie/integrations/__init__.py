"""Adapters for the tools Python data people already use (optional extras).

* :mod:`persian_ie.integrations.spacy` — the ``persian_ie`` spaCy component
  (``pip install persian-ie[spacy]``);
* :mod:`persian_ie.integrations.dask` — bags and dataframes on a Dask cluster
  (``pip install persian-ie[dask]``), also importable as :mod:`persian_ie.dask`;
* pandas tables live in :mod:`persian_ie.tables` (``persian_ie.to_dataframe``).

Nothing here is imported by ``import persian_ie``.
"""
