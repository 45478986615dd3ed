"""The command line: `report-checker check|parse|rules|rule`.

Exit codes follow linters' convention so a pipeline can gate on them: 0 no
finding at or above --fail-on, 1 some, 2 a usage error or a file that could
not be checked (its reason is printed; the other files are still checked).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.parsing.detect import KINDS
from checker.reading.readers import SUFFIXES as REPORT_SUFFIXES

FAIL_ON = ("error", "warning", "info", "never")
# Directories are searched for REPORT_SUFFIXES, except these (a README is not
# a report); a file named on the command line is checked whatever its extension.
_NOT_REPORTS = ("readme", "changelog", "licence", "license", "contributing")


def collect(paths: tuple[str, ...]) -> list[str]:
    """Files named, and report files under directories named, in a stable order."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*"))
                       if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES
                       and f.stem.lower() not in _NOT_REPORTS
                       and not any(part.startswith(".") for part in f.relative_to(path).parts))
        else:
            out.append(p)
    return out


def _exit_code(results, fail_on: str) -> int:
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    levels = FAIL_ON[: FAIL_ON.index(fail_on) + 1]
    return 1 if any(d.severity in levels for r in results for d in r.diagnostics) else 0


def _fail(message: str):
    click.echo(f"report-checker: {message}", err=True)
    sys.exit(2)


def _load_rules_or_exit(config=None):
    from checker.datafiles.yamlfile import DataFileError
    from checker.engine.rules import load_rules
    try:
        if config is None:
            return load_rules()
        return load_rules(tuple(config.packs), config.builtin)
    except DataFileError as exc:
        _fail(f"rule files: {exc}")


class _Program(click.Group):
    """The command group; run as the program (the console script, `python -m
    checker`), it ends with gc.freeze(). The interpreter's exit then still
    runs atexit handlers, flushes and closes output and shuts worker pools
    down, but its final garbage collections no longer walk every object the
    run made (the grammar, the rules, the document model): 30 to 140 ms of a
    one-report run, measured, down to about 10. Objects in reference cycles
    are left to the operating system, as an exiting process leaves its memory.
    Tests (click's CliRunner) call `main.main()`, not this."""

    def __call__(self, *args, **kwargs):
        try:
            return self.main(*args, **kwargs)
        finally:
            import gc
            gc.freeze()


@click.group(cls=_Program, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="report-checker")
def main():
    """Consistency checker for Ofsted reports on local authority children's services."""


FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None,
              help="Write the output to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding at or above this severity is found "
                   "[default: the configuration's, else error].")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Treat every file as this kind of document instead of detecting it.")
@click.option("--show-info", is_flag=True,
              help="Text format: also show info notes (the evidence for improvement items).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Configuration file for every file checked (default: the nearest "
                   ".report-checker.yaml or pyproject.toml [tool.report-checker] above each file).")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, id prefixes, names or tags (comma-separated; "
                   "repeatable). Replaces the configuration's select.")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules (ids, prefixes, names or tags), on top of the configuration.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Accepted findings (from --write-baseline): not reported again; entries no "
                   "longer found are reported as stale.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              default=None, help="Accept every current finding: write them to this file.")
@click.option("--annotate-docx", "annotate_file", type=click.Path(dir_okay=False), default=None,
              help="Write a copy of the (single) .docx draft with a Word comment on the "
                   "paragraph of each finding. The draft itself is never changed.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes to check with [default: one per core for 8 files or more].")
def check(paths, fmt, output, fail_on, kind, show_info, config_file, select, ignore,
          baseline_file, write_baseline_file, annotate_file, jobs):
    """Check reports (files, or directories searched for .txt, .md, .docx and .pdf files)."""
    import time

    from checker.engine.batch import default_jobs
    from checker.engine.config import Config
    started = time.perf_counter()
    files = collect(paths)
    _refuse_bad_targets(paths, files, output, write_baseline_file, annotate_file)
    configs = _configs(files, config_file)
    batch = _rules_per_file(files, configs, kind, _split(select), _split(ignore))
    processes = jobs or default_jobs(len(files))
    first = configs[0] if configs else Config()
    chosen = Path(baseline_file) if baseline_file else first.baseline
    # Text and JSON read only the findings and the lines they point at: the
    # documents are dropped as they are checked (a batch of thousands stays
    # small). A baseline, an annotated copy and the other formats read the
    # documents themselves.
    slim = fmt in ("text", "json") and not (chosen or write_baseline_file or annotate_file)
    results = _run_batch(batch, processes, slim)
    if annotate_file:
        _annotate(files[0], annotate_file, results[0], show_info)
    if write_baseline_file:
        _write_baseline(results, write_baseline_file)
        sys.exit(2 if any(r.error for r in results) else 0)
    baseline = _apply_baseline(results, chosen) if chosen else None
    fail_on = fail_on or first.fail_on or "error"
    text = _render(fmt, results, baseline, show_info, batch, fail_on)
    if output:
        _write_atomically(Path(output), text)
    else:
        click.echo(text, nl=False)
    if sys.stderr.isatty() and len(files) > 1:
        click.echo(f"report-checker: {len(files)} files in {time.perf_counter() - started:.1f} s"
                   f" ({processes} process{'es' if processes > 1 else ''})", err=True)
    sys.exit(_exit_code(results, fail_on))


def _split(values) -> tuple[str, ...]:
    """--select/--ignore values: comma-separated, repeatable."""
    return tuple(v.strip() for vs in values for v in vs.split(",") if v.strip())


def _refuse_bad_targets(paths, files, output, write_baseline_file, annotate_file) -> None:
    """Nothing to check, or an output that would overwrite a report: exit 2."""
    if not files:
        _fail("no report files found in " + ", ".join(paths))
    if output and _same_file(output, files):
        _fail(f"--output {output} is one of the files being checked; refusing to overwrite it")
    if write_baseline_file and _same_file(write_baseline_file, files):
        _fail(f"--write-baseline {write_baseline_file} is one of the files being checked; "
              "refusing to overwrite it")
    if annotate_file and (len(files) != 1 or not files[0].lower().endswith(".docx")):
        _fail("--annotate-docx takes exactly one .docx draft")


def _rules_per_file(files, configs, kind, select, ignore) -> list:
    """(file, kind, the rules that run on it) for each file; a selector that
    names no rule is a usage error (exit 2), not a run that checks nothing."""
    from checker.engine.config import SelectorError
    try:
        return [(f, kind, config.with_cli(select, ignore).rules_for(
            _load_rules_or_exit(config), f)) for f, config in zip(files, configs)]
    except SelectorError as exc:
        raise click.UsageError(str(exc)) from None


def _configs(files: list[str], config_file: str | None) -> list:
    """Each file's configuration: --config for all, else the nearest one."""
    from checker.datafiles.yamlfile import DataFileError
    from checker.engine.config import find_config, read_config
    try:
        fixed = read_config(Path(config_file)) if config_file else None
        return [fixed or find_config(f) for f in files]
    except DataFileError as exc:
        _fail(f"configuration: {exc}")


def _write_baseline(results, target: str) -> None:
    from checker.engine.baseline import write_baseline
    try:
        n = write_baseline(results, Path(target))
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(f"report-checker: wrote {n} accepted finding{'' if n == 1 else 's'} to "
               f"{target}", err=True)


def _apply_baseline(results, chosen: Path) -> dict:
    """Drop the accepted findings from `results`; what the output says of it."""
    from checker.datafiles.yamlfile import DataFileError
    from checker.engine.baseline import apply_baseline
    try:
        accepted, stale = apply_baseline(results, chosen)
    except DataFileError as exc:
        _fail(f"baseline: {exc}")
    return {"file": str(chosen), "accepted": accepted, "stale": stale}


def _run_batch(batch, processes, slim=False):
    """Check every file; on a terminal, a progress bar for long batches."""
    from checker.engine.batch import check_files
    if not sys.stderr.isatty() or len(batch) < 10:
        return list(check_files(batch, processes, slim=slim))
    results = []
    with click.progressbar(length=len(batch), label="checking", file=sys.stderr,
                           show_pos=True) as bar:
        for result in check_files(batch, processes, progress=lambda _r: bar.update(1),
                                  slim=slim):
            results.append(result)
    return results


def _render(fmt, results, baseline, show_info, batch, fail_on) -> str:
    from checker.output.render import render_json, render_text
    if fmt == "text":
        return render_text(results, show_info, baseline)
    if fmt == "json":
        return render_json(results, baseline)
    import importlib
    module = importlib.import_module(f"checker.output.{fmt}")
    if fmt == "junit":  # the rules that ran on each file are its test cases
        return module.render(results, {path: rules for path, _, rules in batch},
                             fail_on=fail_on if fail_on != "never" else "error")
    rules = {r.id: r for _, _, rules in batch for r in rules}
    ordered = tuple(sorted(rules.values(), key=lambda r: r.id))
    if fmt in ("github", "gitlab", "markdown"):
        return module.render(results, ordered, show_info=show_info)
    return module.render(results, ordered)


def _same_file(target: str, files: list[str]) -> bool:
    target_path = Path(target).resolve()
    return any(Path(f).resolve() == target_path for f in files)


def _write_atomically(path: Path, text: str) -> None:
    """A temporary file beside the target, renamed over it: a reader (or a
    crash) never sees half a report."""
    from checker.datafiles.atomic import write_text_atomically
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")


def _annotate(source: str, target: str, result, show_info: bool) -> None:
    """Comments for errors and warnings (and info notes with --show-info)."""
    from dataclasses import replace

    from checker.reading.word import annotate_docx
    result = replace(result, diagnostics=[d for d in result.diagnostics
                                          if show_info or d.severity != "info"])
    if _same_file(target, [source]):
        _fail(f"--annotate-docx {target} is the draft itself; refusing to overwrite it")
    if result.error:
        return  # the draft could not be checked: its error is reported as usual
    try:
        n = annotate_docx(source, target, result)
    except (OSError, ValueError) as exc:
        _fail(f"cannot annotate {source}: {exc}")
    click.echo(f"report-checker: wrote {target} with {n} comment{'' if n == 1 else 's'}",
               err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="csv: one row per document, its judgements' grades, "
              "each row written as its document is read.")
@click.option("--kind", type=click.Choice(KINDS), default=None)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes to read with [default: one per core for 8 files or more].")
def parse(paths, fmt, kind, jobs):
    """Print the document model the checker reads from each report."""
    from checker.engine.batch import load_files
    files = collect(paths)
    if fmt == "csv":
        sys.exit(_parse_csv(files, kind, jobs))
    from checker.output.render import render_model_json, render_outline
    results = list(load_files(files, kind, processes=jobs))
    click.echo(render_model_json(results) if fmt == "json" else render_outline(results),
               nl=False)
    sys.exit(2 if any(r.error for r in results) else 0)


def _parse_csv(files, kind, jobs) -> int:
    """Rows streamed to standard output (with a progress bar on a terminal
    when they go elsewhere); exit 2 if a document had an error, as `parse`."""
    from contextlib import nullcontext

    from checker.datafiles.yamlfile import DataFileError
    from checker.output.judgements_csv import read_rows, write_rows
    try:
        header, rows = read_rows(files, kind, jobs)
    except DataFileError as exc:
        _fail(f"frameworks: {exc}")
    shown = len(files) >= 10 and sys.stderr.isatty() and not sys.stdout.isatty()
    with (click.progressbar(rows, length=len(files), label="reading", file=sys.stderr,
                            show_pos=True) if shown else nullcontext(rows)) as rows:
        return 2 if write_rows(rows, sys.stdout, header) else 0


@main.command(name="rules")
def list_rules():
    """List every rule: id, severity, name, tags, kinds."""
    for r in _load_rules_or_exit():
        kinds = "all kinds" if len(r.kinds) == len(KINDS) else ", ".join(r.kinds)
        click.echo(f"{r.id:<8} {r.severity:<8} {r.name:<40} {','.join(r.tags):<12} {kinds}")


@main.command()
@click.argument("rule_id")
def rule(rule_id):
    """Show a rule's documentation (by id or name), like `ruff rule`."""
    from checker.engine.rules import rule_by_id
    _load_rules_or_exit()
    r = rule_by_id(rule_id)
    if r is None:
        click.echo(f"report-checker: no rule {rule_id!r}; `report-checker rules` lists them",
                   err=True)
        sys.exit(2)
    frameworks = ", ".join(r.frameworks) if r.frameworks else "all"
    click.echo(f"# {r.id} {r.name} ({r.severity})\n\nApplies to: {', '.join(r.kinds)}; "
               f"frameworks: {frameworks}. Defined in {Path(r.source).name}.\n")
    click.echo(f"## What it checks\n{r.docs['what'].strip()}\n\n"
               f"## Why it matters\n{r.docs['why'].strip()}\n\n"
               f"## Example\n{r.docs['example'].rstrip()}\n")
    if r.docs.get("fix"):
        click.echo(f"\n## How to fix\n{r.docs['fix'].strip()}")


if __name__ == "__main__":  # pragma: no cover
    main()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="the interface to listen on; other than loopback needs --token-file")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="processes checking uploads at once")
@click.option("--queue", default=None, type=click.IntRange(0, 1000),
              help="requests that may wait for a worker (default: four per worker)")
@click.option("--token-file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="a file holding the token every request must carry")
def serve(host, port, workers, queue, token_file):
    """Serve the checker as a web page: drop a report in, see its findings."""
    from checker.web.serving import loopback, run, token_from
    token = token_from(token_file) if token_file else None
    if token_file and not token:
        _fail(f"--token-file {token_file} is empty")
    if not loopback(host) and token is None:
        _fail(f"--host {host} listens beyond this machine: give --token-file FILE too, "
              "so only people with the token can upload")
    run(host, port, workers, queue, token)


@main.command("update-record")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="where to write it (default: your data folder, read before the shipped copy)")
def update_record(csv_file, output):
    """Refresh the record of Ofsted's published judgements (for FCT003) from a
    CSV in the public scraper's shape."""
    from checker.datafiles.record import build_record, user_record_path, write_record
    target = Path(output) if output else user_record_path()
    try:
        record = build_record(Path(csv_file))
        write_record(record, target)
    except (ValueError, UnicodeDecodeError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(f"report-checker: wrote {len(record['inspections'])} inspections from "
               f"{Path(csv_file).name} to {target}", err=True)
