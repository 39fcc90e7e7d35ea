"""``persian_ie.dask``: the Dask adapter (``pip install persian-ie[dask]``).

Same objects as :mod:`persian_ie.integrations.dask`: :func:`extract_bag`,
:func:`extract_dataframe`, :func:`worker_pipeline`, :func:`pipeline_builds`.
"""

from .integrations.dask import extract_bag, extract_dataframe, pipeline_builds, worker_pipeline

__all__ = ["extract_bag", "extract_dataframe", "worker_pipeline", "pipeline_builds"]
