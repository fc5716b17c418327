"""The pipeline end to end: notebooks execute, the book builds strictly, failures are reported and contained."""

import json
import re

import nbformat
import pytest

from conftest import EDITIONS, ROOT, THEMES, file_digests as tree_digest, run_cli

CHAPTER_PAGES = [f"{code}/{t.name}.html" for code in EDITIONS for t in THEMES.values()]


@pytest.mark.slow
def test_every_notebook_executes_without_errors(built_site):
    report = json.loads((built_site.build_dir / "run-report.json").read_text())
    assert [(r["theme"], r["edition"]) for r in report["notebooks"]] == [
        (theme, edition) for edition in EDITIONS for theme in THEMES]
    assert {r["status"] for r in report["notebooks"]} == {"executed"}
    for edition in EDITIONS:
        for theme in THEMES.values():
            nb = nbformat.read(built_site.build_dir / "executed" / edition / theme.notebook, as_version=4)
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
            assert outputs, theme.name
            assert not [o for o in outputs if o.output_type == "error"], theme.name
            assert nb.metadata["papermill"]["parameters"]["lang"] == edition


@pytest.mark.slow
def test_site_has_an_introduction_and_one_page_per_theme(built_site):
    pages = ["intro.html", "methods.html", "source.html", "sources.html", "execution-report.html"]
    assert (built_site.site / "index.html").is_file()
    for code in EDITIONS:
        for page in pages:
            assert (built_site.site / code / page).is_file(), (code, page)
    for page in CHAPTER_PAGES:
        assert (built_site.site / page).is_file(), page
    for code in EDITIONS:
        for theme in THEMES.values():
            html = (built_site.site / code / f"{theme.name}.html").read_text(encoding="utf-8")
            assert f"<h1>{theme.title[code]}" in html, (code, theme.name)


@pytest.mark.slow
def test_parameters_are_off_the_chapters_and_in_the_execution_report(built_site):
    for page in CHAPTER_PAGES:
        html = (built_site.site / page).read_text(encoding="utf-8")
        assert "injected-parameters" not in html and "# Parameters (papermill" not in html
        assert "ledger=" not in html and "chart_format" not in html, page
    for code in EDITIONS:
        report = (built_site.site / code / "execution-report.html").read_text(encoding="utf-8")
        assert "ledger=&#x27;data/facts.csv&#x27;" in report or "ledger='data/facts.csv'" in report, code


@pytest.mark.slow
def test_numbers_in_chapters_link_to_their_quotes_in_the_annotated_source(built_site):
    for code in EDITIONS:
        source = (built_site.site / code / "source.html").read_text(encoding="utf-8")
        for theme in THEMES.values():
            html = (built_site.site / code / f"{theme.name}.html").read_text(encoding="utf-8")
            targets = set(re.findall(r'href="source.html#(q-[a-z0-9-]+)"', html))
            assert targets or theme.name == "hospital", (code, theme.name)
            for target in targets:
                assert f'id="{target}"' in source, (code, theme.name, target)
        innovation = (built_site.site / code / "innovation.html").read_text(encoding="utf-8")
        assert 'href="source.html#q-inno-whitelist-credit"' in innovation


@pytest.mark.slow
def test_build_reports_a_failing_notebook_and_keeps_the_published_site(built_site, tmp_path):
    import shutil
    from test_faults import notebooks_with_extra_cell
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    before = tree_digest(site)
    position = notebooks_with_extra_cell(tmp_path / "notebooks", "innovation.ipynb",
                                        "x = 1\nraise ValueError('a planted failure')")
    result = run_cli("build", "--out", str(site), build_dir=tmp_path / "build",
                     env={"JINJIANG_REPORT_NOTEBOOKS": str(tmp_path / "notebooks")})
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tmp_path / 'notebooks' / 'innovation.ipynb'}: cell {position} (id extra-cell), line 2: "
        f"ValueError: a planted failure (executed copy kept at {tmp_path / 'build' / 'failed' / 'en' / 'innovation.ipynb'})"]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "build" / "failed" / "en" / "innovation.ipynb").is_file()
    assert tree_digest(site) == before


@pytest.mark.slow
def test_unchanged_notebooks_come_from_the_cache(built_site):
    result = run_cli("run", build_dir=built_site.build_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": cached ->") == len(THEMES) * len(EDITIONS)


@pytest.mark.slow
def test_a_build_with_nothing_changed_runs_nothing_and_leaves_the_site_alone(built_site):
    """Not even the execution reports change: they still describe the runs that made the notebooks."""
    def state(folder):
        return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
                for p in folder.rglob("*") if p.is_file()}

    html = built_site.build_dir / "editions" / "en" / "jupyter-book" / "_build" / "html"
    site_before, html_before = state(built_site.site), state(html)
    result = run_cli("build", "--out", str(built_site.site), build_dir=built_site.build_dir)
    assert result.returncode == 0, result.stderr
    report = json.loads((built_site.build_dir / "run-report.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in report["notebooks"]} == {"cached"}
    timings = json.loads((built_site.build_dir / "build-timings.json").read_text(encoding="utf-8"))
    assert timings["warm start"] is False, "nothing changed, yet the build started its helper processes"
    assert state(html) == html_before, "Jupyter Book ran"
    assert state(built_site.site) == site_before, "the site was published again"


@pytest.mark.slow
def test_a_change_to_one_themes_facts_reruns_only_that_notebook(data_copy, tmp_path):
    build = tmp_path / "build"
    first = run_cli("run", "-p", f"ledger={data_copy}", build_dir=build)
    assert first.returncode == 0, first.stderr
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace("Overseas service centres", "Overseas service centres (all)"),
                         encoding="utf-8")
    second = run_cli("run", "-p", f"ledger={data_copy}", build_dir=build)
    assert second.returncode == 0, second.stderr
    statuses = {(theme, edition): status
                for theme, edition, status in re.findall(r"^(\w+) \((\w+)\): (\w+) ->", second.stdout, re.M)}
    assert statuses == {(theme, edition): "executed" if theme == "export" else "cached"
                        for theme in THEMES for edition in EDITIONS}
    forced = run_cli("run", "hospital", "--force", "-p", f"ledger={data_copy}", build_dir=build)
    assert "hospital (en): executed" in forced.stdout and "hospital (zh): executed" in forced.stdout


def test_notebooks_are_stored_clean_in_the_form_jupyterlab_saves():
    for theme in THEMES.values():
        path = ROOT / "notebooks" / theme.notebook
        text = path.read_text(encoding="utf-8")
        nb = nbformat.reads(text, as_version=4)
        assert nbformat.writes(nb) + "\n" == text, f"{theme.notebook}: run jinjiang-report clean"
        nbformat.validate(nb)
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
        for c in nb.cells:
            assert set(c.metadata) <= {"tags"}, (theme.name, c.metadata)
            if c.cell_type == "code":
                assert c.outputs == [] and c.execution_count is None, theme.name
        assert set(nb.metadata) == {"kernelspec", "language_info"}


def test_declared_parameters_read_as_papermill_reads_them():
    import ast

    import papermill

    from jinjiang_report.runs.params import declared_parameters
    for theme in THEMES.values():
        path = ROOT / "notebooks" / theme.notebook
        ours = {n: (d.type, d.default, d.help) for n, d in declared_parameters(path).items()}
        theirs = {n: (v["inferred_type_name"], ast.literal_eval(v["default"]), v["help"])
                  for n, v in papermill.inspect_notebook(str(path)).items()}
        assert ours == theirs
        assert {"ledger", "source", "lang", "chart_format"} <= set(ours)


@pytest.mark.slow
def test_execution_report_lists_each_notebook_and_the_versions(built_site):
    html = (built_site.site / "en" / "execution-report.html").read_text(encoding="utf-8")
    assert '<td data-label="Status">executed</td>' in html  # each cell names its column (phone layout)
    cells = re.sub(r' data-label="[^"]*"', "", html)
    for theme in THEMES.values():
        assert (f'<a href="_sources/{theme.notebook}" download>{theme.notebook}</a></th><td>en</td>'
                "<td>executed</td>") in cells
        assert (f'<a href="../zh/_sources/{theme.notebook}" download>{theme.notebook}</a></th><td>zh</td>'
                "<td>executed</td>") in cells
        for code in EDITIONS:
            assert (built_site.site / code / "_sources" / theme.notebook).is_file()
    assert 'id="execution-report-table"' not in html
    for package in ("papermill", "jupyter-book", "pandas", "matplotlib", "python"):
        assert f'<th scope="row">{package}</th>' in cells
    assert "jinjiang-report" in html  # the kernel


@pytest.mark.slow
def test_an_edited_notebook_reruns_alone_and_rewrites_only_its_page(tmp_path):
    import shutil
    notebooks, build, site = tmp_path / "notebooks", tmp_path / "build", tmp_path / "site"
    shutil.copytree(ROOT / "notebooks", notebooks)
    env = {"JINJIANG_REPORT_NOTEBOOKS": str(notebooks)}
    assert run_cli("build", "--out", str(site), build_dir=build, env=env).returncode == 0
    htmls = {code: build / "editions" / code / "jupyter-book" / "_build" / "html" for code in EDITIONS}
    before = {(code, p.name): p.stat().st_mtime_ns for code, html in htmls.items() for p in html.glob("*.html")}
    path = notebooks / "hospital.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] += [{"cell_type": "markdown", "id": "an-edit-en", "metadata": {"tags": ["lang-en"]},
                     "source": "An added remark."},
                    {"cell_type": "markdown", "id": "an-edit-zh", "metadata": {"tags": ["lang-zh"]},
                     "source": "新增的一句话。"}]
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    result = run_cli("build", "--out", str(site), build_dir=build, env=env)
    assert result.returncode == 0, result.stderr
    report = json.loads((build / "run-report.json").read_text())
    assert {(r["theme"], r["edition"]): r["status"] for r in report["notebooks"]} == {
        (theme, edition): "executed" if theme == "hospital" else "cached" for theme in THEMES for edition in EDITIONS}
    assert json.loads((build / "build-timings.json").read_text(encoding="utf-8"))["warm start"] is True
    after = {(code, p.name): p.stat().st_mtime_ns for code, html in htmls.items() for p in html.glob("*.html")}
    for code in EDITIONS:
        assert after[(code, "hospital.html")] != before[(code, "hospital.html")]
        assert all(after[(code, name)] == before[(code, name)]
                   for name in ("innovation.html", "export.html", "sources.html"))
    assert "An added remark." in (site / "en" / "hospital.html").read_text(encoding="utf-8")
    assert "新增的一句话。" in (site / "zh" / "hospital.html").read_text(encoding="utf-8")
    assert "新增的一句话。" not in (site / "en" / "hospital.html").read_text(encoding="utf-8")


def test_the_early_stop_reads_the_manifest_the_publisher_writes():
    from jinjiang_report import up_to_date
    from jinjiang_report.publish.manifest import MANIFEST_FILE

    assert up_to_date.MANIFEST == MANIFEST_FILE
