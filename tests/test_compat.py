"""The upstream behaviour each module of ``compat/`` relies on, pinned: a lock upgrade that breaks
one fails here, naming the module to revisit."""

from __future__ import annotations

import inspect
import os

import pytest


def pinned(module: str, holds: bool, what: str) -> None:
    if not holds:
        pytest.fail(f"src/jinjiang_report/compat/{module}.py relies on {what}, which the installed "
                    "version no longer does: revisit that module", pytrace=False)


def test_papermill_local_handler_changes_folder_only_through_its_cwd(tmp_path, monkeypatch):
    from papermill import utils
    from papermill.iorw import LocalHandler, papermill_io

    from jinjiang_report.compat.papermill import FolderKeepingLocalHandler, keep_the_working_folder

    pinned("papermill", hasattr(LocalHandler, "cwd") and "_cwd" in inspect.getsource(LocalHandler.read),
           "LocalHandler.read wrapping its read in chdir(self._cwd)")
    moves: list[str] = []
    monkeypatch.setattr(utils.os, "chdir", lambda path: moves.append(path))
    keep_the_working_folder()
    handler = papermill_io.get_handler("local")
    pinned("papermill", isinstance(handler, FolderKeepingLocalHandler), "papermill_io.register taking precedence")
    handler.cwd(str(tmp_path))
    handler.write("{}", str(tmp_path / "x.ipynb"))
    pinned("papermill", handler.read(str(tmp_path / "x.ipynb")) == "{}" and moves == [],
           "chdir(None) being a no-op in LocalHandler's reads and writes")
    assert os.getcwd() != str(tmp_path)


def test_jupyter_client_private_methods_the_prompt_manager_overrides_or_calls():
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    for name in ("_async_is_alive", "_handle_kernel_info_reply"):
        pinned("jupyter_client", callable(getattr(AsyncKernelClient, name, None)), f"AsyncKernelClient.{name}")
    pinned("jupyter_client", inspect.iscoroutinefunction(AsyncKernelClient._async_is_alive),
           "AsyncKernelClient._async_is_alive being a coroutine")
    wait = getattr(AsyncKernelManager, "_async_wait", None)
    pinned("jupyter_client", wait is not None and inspect.iscoroutinefunction(wait)
           and "pollinterval" in inspect.signature(wait).parameters,
           "AsyncKernelManager._async_wait(pollinterval), a coroutine")
    pinned("jupyter_client", "wait_for_ready" in vars(AsyncKernelClient) or
           callable(getattr(AsyncKernelClient, "wait_for_ready", None)), "AsyncKernelClient.wait_for_ready")


def test_the_forked_kernel_provisioner_is_registered_and_overrides_every_process_method():
    """jupyter_client finds the provisioner through its entry point (a stale install lacks it), and
    every method of its base class that touches the kernel process is the provisioner's own."""
    from importlib.metadata import entry_points

    from jupyter_client.provisioning.provisioner_base import KernelProvisionerBase

    from jinjiang_report.runs.forked_provisioner import ForkedKernelProvisioner
    from jinjiang_report.runs.kernel import PROVISIONER_NAME

    registered = [e.value for e in entry_points(group="jupyter_client.kernel_provisioners", name=PROVISIONER_NAME)]
    assert registered == ["jinjiang_report.runs.forked_provisioner:ForkedKernelProvisioner"], (
        "the kernel provisioner entry point is missing: reinstall the package (pip install --no-deps -e .)")
    abstract = set(KernelProvisionerBase.__abstractmethods__)
    assert abstract == {"has_process", "poll", "wait", "send_signal", "kill", "terminate", "launch_kernel",
                        "cleanup"}, f"jupyter_client's provisioner interface changed: {sorted(abstract)}"
    for name in abstract | {"pre_launch"}:
        assert name in vars(ForkedKernelProvisioner), f"ForkedKernelProvisioner does not override {name}"


def test_jieba_segments_with_a_prefix_dictionary_set_from_outside(tmp_path):
    import jieba

    from jinjiang_report.compat.jieba import prefix_frequencies, use_dictionary

    words = "晋江 30\n医院 20\n晋江医院 5\n新 10\n".encode()
    dictionary = tmp_path / "dict.txt"
    dictionary.write_bytes(words)
    frequencies, total = prefix_frequencies(words)
    pinned("jieba", total == 65 and frequencies.get("晋江医") == 0 and frequencies.get("晋江") == 30,
           "Tokenizer.gen_pfdict(file) giving each word and prefix with frequencies, and their total")
    saved = jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized, jieba.dt.dictionary
    try:
        use_dictionary(dictionary, frequencies, total)
        pinned("jieba", jieba.lcut("晋江新医院") == ["晋江", "新", "医院"] and jieba.dt.FREQ is frequencies,
               "a tokenizer with FREQ, total and initialized set segmenting without loading its dictionary")
    finally:
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized, jieba.dt.dictionary = saved


def test_sphinx_translators_the_site_theme_words_go_in_front_of():
    from gettext import NullTranslations

    from sphinx import locale
    from sphinx.application import Sphinx

    from jinjiang_report.compat.sphinx import put_translations_first

    pinned("sphinx", isinstance(locale.translators, dict) and "self.translator, " in inspect.getsource(Sphinx),
           "sphinx.locale.translators (a dict by (namespace, catalog)) and Sphinx.translator")

    class Words(NullTranslations):
        def gettext(self, message: str) -> str:
            return {"Contents": "目录"}.get(message) or super().gettext(message)

    class App:
        translator = NullTranslations()

    app = App()
    saved = dict(locale.translators)
    try:
        locale.translators[("theme", "example")] = NullTranslations()
        locale.translators[("general", "sphinx")] = sphinx_own = NullTranslations()
        put_translations_first(app, Words)
        pinned("sphinx", locale.get_translation("example", "theme")("Contents") == "目录"
               and locale.translators[("general", "sphinx")] is sphinx_own and app.translator.gettext("Contents") == "目录",
               "locale.get_translation reading sphinx.locale.translators at call time")
    finally:
        locale.translators.clear()
        locale.translators.update(saved)


def test_papermill_engine_arguments_and_nbclient_cleanup():
    from nbclient import NotebookClient
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine

    from jinjiang_report.compat.papermill import ENGINE_NAME, register

    parameters = inspect.signature(NBClientEngine.execute_managed_notebook).parameters
    pinned("papermill", {"nb_man", "kernel_name", "log_output", "stdout_file", "stderr_file", "start_timeout",
                         "execution_timeout"} <= set(parameters),
           "NBClientEngine.execute_managed_notebook's arguments")
    pinned("papermill", issubclass(PapermillNotebookClient, NotebookClient), "papermill.clientwrap.PapermillNotebookClient")
    pinned("papermill", 'kwargs.pop("cleanup_kc"' in inspect.getsource(NotebookClient.async_setup_kernel),
           "nbclient's setup_kernel taking cleanup_kc (from execute's keyword arguments)")
    register()
    from papermill.engines import papermill_engines

    assert papermill_engines.get_engine(ENGINE_NAME).__name__ == "StartedKernelEngine"


def test_modules_named_for_preloading_exist():
    """The kernel template and the Jupyter Book process import modules by name before forking; a
    renamed module would only cost time, silently: here it fails."""
    import importlib.util

    from jinjiang_report.publish.sphinx_worker import LATE_IMPORTS
    from jinjiang_report.runs.kernel_template import CHART_MODULES, PRELOADED

    for owner, names in (("runs/kernel_template", PRELOADED + CHART_MODULES),
                         ("publish/sphinx_worker", LATE_IMPORTS)):
        missing = [name for name in names if importlib.util.find_spec(name) is None]
        assert missing == [], f"src/jinjiang_report/{owner}.py preloads modules that no longer exist: {missing}"


def test_myst_nb_execute_imports_exactly_the_clients_deferred():
    """``compat/myst_nb`` stands in for the modules ``myst_nb.core.execute`` takes its executing
    clients from; a client added, moved or renamed upstream would be imported for real, or missed."""
    import ast
    import importlib
    import importlib.util

    from jinjiang_report.compat.myst_nb import EXECUTING_CLIENTS

    spec = importlib.util.find_spec("myst_nb.core.execute")
    assert spec is not None and spec.origin is not None
    tree = ast.parse(open(spec.origin, encoding="utf-8").read())
    taken = {f"myst_nb.core.execute.{node.module}": [alias.name for alias in node.names]
             for node in tree.body if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module != "base"}
    pinned("myst_nb", taken == {module: [name] for module, name in EXECUTING_CLIENTS.items()},
           f"myst_nb.core.execute importing {EXECUTING_CLIENTS} besides .base (it imports {taken})")
    for module, name in EXECUTING_CLIENTS.items():
        pinned("myst_nb", isinstance(getattr(importlib.import_module(module), name, None), type), f"{module}.{name}")


def test_jupyter_book_utils_takes_only_the_kernel_lookup_from_jupyter_client():
    """``compat/jupyter_book`` stands in for ``jupyter_client.kernelspec`` while ``jupyter_book.utils``
    is imported: anything else it (or its package) took from jupyter_client would break that import."""
    import ast
    import importlib.util

    from jinjiang_report.compat.jupyter_book import DEFERRED, KERNELSPEC

    taken = []
    for module in ("jupyter_book", "jupyter_book.utils"):
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None
        for node in ast.walk(ast.parse(open(spec.origin, encoding="utf-8").read())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jupyter_client"):
                taken += [(node.module, alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                taken += [(alias.name, "") for alias in node.names if alias.name.startswith("jupyter_client")]
    pinned("jupyter_book", taken == [(KERNELSPEC, DEFERRED)],
           f"jupyter_book.utils taking only {KERNELSPEC}.{DEFERRED} from jupyter_client (it takes {taken})")


def test_jupyter_book_keeps_its_configuration_validator():
    """``compat/jupyter_book.warm_config_validator`` makes it before the Jupyter Book process forks:
    worth it only if every build then uses that one."""
    from jupyter_book import config

    from jinjiang_report.compat.jupyter_book import warm_config_validator

    warm_config_validator()
    pinned("jupyter_book", config.get_validator() is config.get_validator(),
           "jupyter_book.config.get_validator keeping the validator it made")


DEFERRED_CLIENTS_CHECK = """
import sys
from jinjiang_report.publish.sphinx_worker import _import_everything
_import_everything()
unused = sorted(m for m in ("jupyter_cache", "sqlalchemy", "nbclient", "jupyter_client", "isoduration", "webcolors")
                if m in sys.modules)
import isoduration  # hidden only while jsonschema was imported
import jupyter_book.utils
kernels = jupyter_book.utils.find_kernel_specs()
assert isinstance(kernels, dict) and type(sys.modules["jupyter_client.kernelspec"]).__name__ == "module"
assert sys.modules["jupyter_client.kernelspec"].__spec__ is not None
import nbformat
from myst_nb.core.config import NbParserConfig
from myst_nb.core.execute import NotebookClientBase, create_client
nb = nbformat.v4.new_notebook()
off = create_client(nb, "<string>", NbParserConfig(execution_mode="off"), None)
cache = create_client(nb, "<string>", NbParserConfig(execution_mode="cache"), None)
print(unused, type(off).__module__, type(cache).__module__, isinstance(cache, NotebookClientBase),
      "jupyter_cache" in sys.modules)
"""


@pytest.mark.slow
def test_the_book_process_imports_no_executing_client_yet_an_executing_mode_gets_one():
    """The Jupyter Book process imports neither jupyter_cache, SQLAlchemy, nbclient nor
    jupyter_client (the book is built with execution off, no kernel is looked up), nor the libraries
    of jsonschema's format checkers; a configuration that executes still gets myst_nb's own client,
    Jupyter Book's kernel lookup the real one, and those libraries import as usual afterwards."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", DEFERRED_CLIENTS_CHECK], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "myst_nb.core.execute.base", "myst_nb.core.execute.cache", "True", "True"]


def test_jsonschema_imports_its_format_libraries_only_under_guards_and_no_validator_checks_formats():
    """``compat/jsonschema`` hides the libraries of jsonschema's format checkers while it is imported:
    each must be optional to jsonschema, and neither nbformat's validator nor Jupyter Book's may check
    formats (with a format checker, a hidden library would be a format silently not checked)."""
    import ast
    import importlib.util

    from jupyter_book.config import get_validator
    from nbformat.json_compat import JsonSchemaValidator

    from jinjiang_report.compat.jsonschema import FORMAT_LIBRARIES

    spec = importlib.util.find_spec("jsonschema._format")
    assert spec is not None and spec.origin is not None
    tree = ast.parse(open(spec.origin, encoding="utf-8").read())

    def imported(nodes: list[ast.stmt]) -> set[str]:
        names = set()
        for node in nodes:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    names |= {alias.name.split(".")[0] for alias in inner.names}
                elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    names.add(inner.module.split(".")[0])
        return names

    def guards_import_errors(node: ast.stmt) -> bool:  # try: ... except ImportError / with suppress(ImportError)
        if isinstance(node, ast.Try):
            return any(handler.type is not None and "ImportError" in ast.unparse(handler.type) for handler in node.handlers)
        return isinstance(node, ast.With) and "ImportError" in ast.unparse(node.items[0].context_expr)

    guarded = [node for node in tree.body if guards_import_errors(node)]
    unguarded = [node for node in tree.body if node not in guarded]
    pinned("jsonschema", not imported(unguarded) & set(FORMAT_LIBRARIES),
           "jsonschema._format importing its format libraries only under ImportError guards")
    pinned("jsonschema", imported(guarded) <= set(FORMAT_LIBRARIES),
           f"jsonschema._format's optional libraries being {FORMAT_LIBRARIES} (it tries {sorted(imported(guarded))})")
    schema = {"type": "string", "format": "date-time"}
    pinned("nbformat", JsonSchemaValidator(schema)._default_validator.format_checker is None,
           "nbformat's jsonschema validator (its fallback for error reports) having no format checker")
    pinned("jupyter_book", get_validator().format_checker is None,
           "Jupyter Book's configuration validator having no format checker")


@pytest.mark.slow
def test_a_build_about_to_run_notebooks_imports_jsonschema_without_format_libraries():
    import subprocess
    import sys

    check = ("import sys\n"
             "from jinjiang_report.runs.kernels import ForkedKernels\n"
             "ForkedKernels().prepare(1, 2)\n"
             "print('jsonschema' in sys.modules, 'isoduration' in sys.modules, 'webcolors' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False", "False"]


def test_papermill_uses_requests_only_in_its_http_handler():
    """``compat/requests`` hands papermill a stand-in for requests that imports it on first use: papermill
    must only ``import requests`` (no ``from requests import``, which would import it at once) and use
    it only in the handler of notebooks over HTTP, which a build never reads or writes."""
    import ast
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("papermill")
    assert spec is not None and spec.origin is not None
    importing = {}
    for path in sorted(Path(spec.origin).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "requests" for alias in node.names):
                importing.setdefault(path.name, []).append("import")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "requests":
                importing.setdefault(path.name, []).append("from")
    pinned("requests", importing == {"iorw.py": ["import"]},
           f"papermill importing requests only as 'import requests' in iorw.py (it does: {importing})")
    iorw = ast.parse((Path(spec.origin).parent / "iorw.py").read_text(encoding="utf-8"))
    handler = next(node for node in iorw.body if isinstance(node, ast.ClassDef) and node.name == "HttpHandler")
    inside = {id(node) for node in ast.walk(handler)}
    used = [node for node in ast.walk(iorw) if isinstance(node, ast.Name) and node.id == "requests"]
    pinned("requests", bool(used) and all(id(node) in inside for node in used),
           "papermill.iorw using requests only inside HttpHandler")


@pytest.mark.slow
def test_a_forked_kernel_run_imports_papermill_but_not_requests(tmp_path):
    import subprocess
    import sys

    check = ("import sys\n"
             "from pathlib import Path\n"
             "from jinjiang_report.runs import kernels\n"
             "kernels._start = lambda *args, **launch: 'manager'\n"
             "forked = kernels.ForkedKernels()\n"
             f"assert forked.start(Path({str(tmp_path)!r}), Path('.'), 'x') == 'manager'\n"
             "forked.close()\n"
             "print('papermill' in sys.modules, 'requests' in sys.modules, 'urllib3' in sys.modules)\n"
             "import papermill.iorw, requests\n"
             "print(papermill.iorw.requests.get is requests.get)\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False", "False", "True"]


@pytest.mark.slow
def test_runs_started_side_by_side_make_nbformats_validator_once(tmp_path):
    """nbformat caches its validator but lets two threads that both find none compile one each: the
    fast engine's kernels make it once as the runs start."""
    import subprocess
    import sys

    check = ("import sys, threading\n"
             "from pathlib import Path\n"
             "import fastjsonschema\n"
             "compiled = []\n"
             "real = fastjsonschema.compile\n"
             "fastjsonschema.compile = lambda *args, **kwargs: compiled.append(1) or real(*args, **kwargs)\n"
             "to_code = fastjsonschema.compile_to_code\n"
             "fastjsonschema.compile_to_code = lambda *args, **kwargs: compiled.append(1) or to_code(*args, **kwargs)\n"
             "from jinjiang_report.runs import kernels\n"
             "kernels._start = lambda *args, **launch: 'manager'\n"
             "forked = [kernels.ForkedKernels() for _ in range(2)]\n"
             "starters = [threading.Thread(target=each.start,\n"
             f"                             args=(Path({str(tmp_path)!r}), Path('.'), 'x')) for each in forked]\n"
             "[starter.start() for starter in starters]\n"
             "[starter.join() for starter in starters]\n"
             "[each.close() for each in forked]\n"
             "print(len(compiled))\n"
             "import nbformat\n"
             "nbformat.validate(nbformat.v4.new_notebook())  # as each run's reads and writes do\n"
             "print(len(compiled))\n")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "1"]  # made once, as the runs start, and used by both


def test_nbformat_keeps_its_validators_by_format_and_validates_with_the_function_it_holds(monkeypatch):
    """``compat/nbformat`` puts a validator compiled from kept code where nbformat looks for the one it
    would compile, and gives it the validating function nbformat's own would hold."""
    import nbformat
    from fastjsonschema import JsonSchemaValueException
    from nbformat import validator as validators
    from nbformat.json_compat import FastJsonSchemaValidator, get_current_validator

    monkeypatch.setattr(validators, "validators", {})
    pinned("nbformat", get_current_validator() is FastJsonSchemaValidator, "fastjsonschema as nbformat's default")
    made = validators.get_validator(version=nbformat.current_nbformat, version_minor=nbformat.current_nbformat_minor)
    key = (FastJsonSchemaValidator.name, nbformat.current_nbformat, nbformat.current_nbformat_minor, False)
    pinned("nbformat", validators.validators.get(key) is made, f"nbformat.validator.validators keyed {key}")
    schema = validators._get_schema_json(validators.import_item(f"nbformat.v{nbformat.current_nbformat}"),
                                         version=nbformat.current_nbformat,
                                         version_minor=nbformat.current_nbformat_minor)
    pinned("nbformat", made._schema == schema, "_get_schema_json giving the schema nbformat compiles")

    def refusing(data: object) -> None:
        raise JsonSchemaValueException("refused by the function held", name="data")

    made._validator = refusing
    with pytest.raises(nbformat.ValidationError, match="refused by the function held"):
        made.validate({})


def test_a_kept_validator_validates_as_the_one_nbformat_compiles_and_is_compiled_once(tmp_path, monkeypatch):
    import fastjsonschema
    import nbformat
    from nbformat import validator as validators

    from jinjiang_report.compat.nbformat import use_kept_validator

    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("text")])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("text")])
    del bad.cells[0]["source"]

    def outcome(notebook: dict) -> str:
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as error:
            return str(error)
        return "valid"

    monkeypatch.setattr(validators, "validators", {})
    expected = [outcome(good), outcome(bad)]
    assert expected[0] == "valid" and expected[1] != "valid"
    for _ in range(2):  # compiled and kept, then read back
        monkeypatch.setattr(validators, "validators", {})
        assert use_kept_validator(tmp_path) is True
        assert [outcome(good), outcome(bad)] == expected
        monkeypatch.setattr(fastjsonschema, "compile_to_code", lambda *args: pytest.fail("compiled again"))
    assert use_kept_validator(tmp_path) is False  # nbformat has it already
    [kept] = tmp_path.iterdir()
    damaged = bytearray(kept.read_bytes())
    damaged[-1] ^= 1
    kept.write_bytes(bytes(damaged))  # compiled again, not run
    monkeypatch.undo()
    monkeypatch.setattr(validators, "validators", {})
    compiled = []
    real = fastjsonschema.compile_to_code
    monkeypatch.setattr(fastjsonschema, "compile_to_code", lambda *args: compiled.append(1) or real(*args))
    assert use_kept_validator(tmp_path) is True and compiled == [1]
    assert [outcome(good), outcome(bad)] == expected


@pytest.mark.slow
def test_the_book_process_takes_the_notebook_validator_kept_in_the_build_folder(tmp_path):
    import subprocess
    import sys

    check = ("import sys\n"
             "from pathlib import Path\n"
             "import fastjsonschema\n"
             "if sys.argv[1] == 'kept':\n"
             "    fastjsonschema.compile = fastjsonschema.compile_to_code = None  # would fail if called\n"
             "from jinjiang_report.publish.sphinx_worker import _import_everything\n"
             f"_import_everything(Path({str(tmp_path)!r}))\n"
             "print(len(list(Path(sys.argv[2]).iterdir())))\n")
    for state in ("first", "kept"):
        done = subprocess.run([sys.executable, "-c", check, state, str(tmp_path / "validators")],
                              capture_output=True, text=True, check=True)
        assert done.stdout.split() == ["1"]


def test_myst_nb_copies_its_stylesheet_through_add_global_html_resources(tmp_path):
    """copy_stylesheet_before_pages relies on this function copying mystnb.<hash>.css into _static."""
    from types import SimpleNamespace

    from jinjiang_report.compat.myst_nb import copy_stylesheet_before_pages

    app = SimpleNamespace(builder=SimpleNamespace(format="html", outdir=str(tmp_path)))
    copy_stylesheet_before_pages(app)
    copied = list((tmp_path / "_static").glob("mystnb.*.css"))
    assert len(copied) == 1 and copied[0].stat().st_size > 0
