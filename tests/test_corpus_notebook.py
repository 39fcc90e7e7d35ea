"""examples/corpus.ipynb runs end to end (nbclient) on a small slice of the shared news corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("networkx")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news_corpus" / "ir_news_sample.jsonl"


@pytest.mark.skipif(not NEWS.exists(), reason="../shared/data/news_corpus is not here (the notebook reads it)")
def test_corpus_notebook_runs_on_a_slice(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSIAN_IE_CORPUS_LIMIT", "30")
    monkeypatch.setenv("PERSIAN_IE_CORPUS_DB", str(tmp_path / "corpus.db"))
    monkeypatch.setenv("PERSIAN_IE_CORPUS_OUT", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.delenv("PERSIAN_IE_CORPUS_RESULTS", raising=False)
    nb = nbformat.read(ROOT / "examples" / "corpus.ipynb", as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "examples")}})
    client.execute()
    assert (tmp_path / "corpus_graph.png").stat().st_size > 5000
    assert (tmp_path / "corpus_timeline.png").stat().st_size > 5000
    assert (tmp_path / "corpus_graph.graphml").exists()
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "30 new articles" in text
