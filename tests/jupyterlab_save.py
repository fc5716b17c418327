"""What JupyterLab writes when an analyst runs a notebook (Run All, with jupyterlab-myst) and saves it."""

import json

LANGUAGE_INFO = {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                 "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3", "version": "3.11.2"}


def saved_after_run_all(text: str) -> str:
    """The notebook JSON ``text`` as JupyterLab saves it after Run All: outputs and counts in code cells,
    ``user_expressions`` (the evaluated {eval} roles) in Markdown cells, the kernel's language_info."""
    nb = json.loads(text)
    for count, cell in enumerate(nb["cells"], start=1):
        if cell["cell_type"] == "code":
            cell["execution_count"] = count
            cell["outputs"] = [{"output_type": "display_data", "data": {"image/svg+xml": "<svg/>"}, "metadata": {}}]
            cell["metadata"]["execution"] = {"iopub.execute_input": "2025-10-01T00:00:00Z"}
        else:
            cell["metadata"]["user_expressions"] = [{"expression": "x", "result": {"status": "ok"}}]
    nb["metadata"]["language_info"] = LANGUAGE_INFO
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
