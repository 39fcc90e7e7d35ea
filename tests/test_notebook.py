"""examples/quickstart.ipynb runs top to bottom (nbclient, a real kernel) on a small slice."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
for _module in ("ipykernel", "matplotlib", "pandas"):
    pytest.importorskip(_module)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_quickstart_notebook_runs_on_a_slice(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSIAN_IE_LIMIT", "8")
    monkeypatch.setenv("PERSIAN_IE_OUT", str(tmp_path))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if o.output_type in ("execute_result", "display_data")
            and "text/html" in o.get("data", {})]
    assert any('class="pie"' in h and 'dir="rtl"' in h for h in html)      # the result's own view
    assert any("<table" in h for h in html)                                  # pandas tables
    assert any("image/png" in o.get("data", {}) for o in outputs)            # the plot by month
    assert (tmp_path / "quickstart_records.jsonl").read_text(encoding="utf-8").count("\n") >= 1
    assert (tmp_path / "quickstart_articles.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
