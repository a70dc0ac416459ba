"""Throughput, memory and start-up of geomap on real news texts (prints numbers, asserts nothing).

    python benchmarks/bench_throughput.py                  # 2,000 articles, about 10 minutes
    python benchmarks/bench_throughput.py --articles 200   # a quick run
    python benchmarks/bench_throughput.py --json           # the same numbers as JSON
    python benchmarks/bench_throughput.py --skip jobs,cold --articles 200
    python benchmarks/bench_throughput.py --write-corpus /tmp/corpus.jsonl --articles 200
    python benchmarks/bench_throughput.py --stages /tmp/e2e.raw   # py-spy raw -> stage table

The corpus is the article texts of GeoWebNews, TR-News and GeoVirus under ../shared/eval
(read at run time through geomap.evaluate.load_corpus, never copied into the repository),
interleaved and repeated to --articles. It is written to a temporary JSONL file and run
through the real CLI (`geomap extract FILE -o OUT -q`) in a fresh process, once with
--jobs 1 and once with --jobs N; a one-article run of the same command gives the start-up
cost, so "steady" rates are (articles - 1) / (wall - start-up wall). Bare spaCy is
`load_nlp().pipe(texts, batch_size=16)` in a fresh process, timed after loading. Peak RSS
comes from wait4() (the largest single process) and from sampling /proc/PID/smaps_rollup
(RSS and PSS summed over all processes of the run). Cold start is
`geomap map seeds/us-russia-defence-chiefs-call.txt -o TMP.html` in a fresh process with the
gazetteer store already built. Gazetteer lookups/s reuse bench_gazetteer.query_mix; the
10,000-event map reuses bench_render's synthetic articles.
Exits 0 with a message when the evaluation corpora are absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "us-russia-defence-chiefs-call.txt"
CORPORA = ("gwn", "trnews", "geovirus")
PARTS = ("nlp", "extract", "jobs", "cold", "gazetteer", "render")
TARGETS = {  # issue 7
    "ratio": 0.75, "jobs_speedup": 1.6, "peak_rss_mb": 600.0, "cold_start_s": 2.5,
    "render_s": 1.0, "render_mb": 3.0,
}


# -- corpus -------------------------------------------------------------------------------
def load_texts(root: Path | None) -> tuple[list[dict[str, Any]], list[str]]:
    """Distinct articles of the available corpora, interleaved, and the corpora used."""
    from geomap.evaluate import corpus_available, load_corpus

    names = [n for n in CORPORA if corpus_available(n, root)]
    lists = [load_corpus(n, root) for n in names]
    docs = [d for group in itertools.zip_longest(*lists) for d in group if d is not None]
    records = [{"id": d.id, "text": d.text, "title": d.title} for d in docs if d.text.strip()]
    return records, names


def repeat_to(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """`n` records cycling through `records`, each with a unique id."""
    return [dict(r, id=f"{r['id']}#{i}") for i, r in zip(range(n), itertools.cycle(records))]


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


# -- processes ----------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc/*/stat (Linux only; empty elsewhere)."""
    out: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return out
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        out.setdefault(ppid, []).append(int(name))
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KB; PSS splits shared pages among their users."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def tree_mem_mb(pid: int) -> tuple[float, float]:
    """Summed (RSS, PSS) of a process and all its descendants, in MB."""
    children = _children()
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        r, q = _mem_kb(p)
        rss, pss = rss + r, pss + q
        stack.extend(children.get(p, ()))
    return rss / 1024, pss / 1024


class Run:
    """A finished subprocess: wall time, exit code, stdout, peak RSS (own and whole tree)."""

    def __init__(self, cmd: list[str], *, sample: bool = False, cwd: Path | None = None) -> None:
        with tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, cwd=cwd)
            peak = [0.0, 0.0]
            done = threading.Event()

            def sampler() -> None:
                while not done.wait(0.2):
                    rss, pss = tree_mem_mb(proc.pid)
                    peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

            thread = threading.Thread(target=sampler, daemon=True)
            if sample:
                thread.start()
            out = proc.stdout.read() if proc.stdout else b""
            # wait4 gives the child's own peak RSS (ru_maxrss, KB on Linux).
            _, status, usage = os.wait4(proc.pid, 0)
            self.wall = time.perf_counter() - t0
            done.set()
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.stdout:
                proc.stdout.close()
            err.seek(0)
            self.stderr = err.read().decode("utf-8", "replace")
        self.returncode = proc.returncode
        self.stdout = out.decode("utf-8", "replace")
        self.peak_mb = usage.ru_maxrss / 1024
        self.tree_peak_mb, self.tree_peak_pss_mb = peak
        self.cpu_s = usage.ru_utime + usage.ru_stime
        if self.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {self.returncode}:\n{self.stderr[-2000:]}")


def geomap_cmd() -> list[str]:
    """The `geomap` console script of this interpreter (no shell shims), else -m geomap."""
    script = Path(sys.executable).parent / "geomap"
    if script.is_file():
        return [str(script)]
    found = shutil.which("geomap")
    return [found] if found and "shims" not in found else [sys.executable, "-m", "geomap"]


# -- measurements -------------------------------------------------------------------------
def bench_nlp(corpus: Path, n: int, batch_size: int | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--nlp-worker", str(corpus)]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    run = Run(cmd)
    inner = json.loads(run.stdout.strip().splitlines()[-1])
    return {"articles": n, "load_s": inner["load_s"], "parse_s": inner["parse_s"],
            "batch_size": inner["batch_size"], "wall_s": run.wall,
            "steady_per_s": n / inner["parse_s"], "cpu_per_s": n / inner["parse_cpu_s"],
            "peak_rss_mb": run.peak_mb}


def nlp_worker(corpus: Path, batch_size: int | None) -> int:
    """Child process of bench_nlp: load the model, then time nlp.pipe over the texts."""
    from geomap.nlp import load_nlp

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    t0 = time.perf_counter()
    nlp = load_nlp()
    load = time.perf_counter() - t0
    bs = batch_size or nlp.batch_size
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=bs):
        pass
    print(json.dumps({"load_s": load, "parse_s": time.perf_counter() - t0,
                      "parse_cpu_s": time.process_time() - c0, "batch_size": bs}))
    return 0


def bench_extract(corpus: Path, one: Path, n: int, jobs: int, tmp: Path) -> dict[str, Any]:
    base = geomap_cmd() + ["extract"]
    tail = ["-q", "--jobs", str(jobs)]
    start = Run(base + [str(one), "-o", str(tmp / "one-out.jsonl")] + tail)
    run = Run(base + [str(corpus), "-o", str(tmp / f"out{jobs}.jsonl")] + tail, sample=True)
    out_lines = sum(1 for _ in (tmp / f"out{jobs}.jsonl").open(encoding="utf-8"))
    steady = (n - 1) / max(1e-9, run.wall - start.wall)
    # CPU seconds of the process and its waited-for workers: robust to a busy machine.
    cpu = (n - 1) / max(1e-9, run.cpu_s - start.cpu_s)
    return {"articles": n, "jobs": jobs, "records": out_lines, "wall_s": run.wall,
            "startup_s": start.wall, "steady_per_s": steady, "wall_per_s": n / run.wall,
            "cpu_s": run.cpu_s, "startup_cpu_s": start.cpu_s, "cpu_per_s": cpu,
            "peak_rss_mb": run.peak_mb, "tree_peak_rss_mb": run.tree_peak_mb,
            "tree_peak_pss_mb": run.tree_peak_pss_mb}


def bench_cold(repeat: int, tmp: Path) -> dict[str, Any]:
    cmd = geomap_cmd() + ["map", str(SEED), "-o", str(tmp / "cold.html"), "-q"]
    runs = [Run(cmd, cwd=tmp) for _ in range(repeat)]
    walls = [r.wall for r in runs]
    return {"best_s": min(walls), "median_s": statistics.median(walls), "runs": len(walls),
            "peak_rss_mb": max(r.peak_mb for r in runs),
            "html_kb": (tmp / "cold.html").stat().st_size / 1024}


def bench_gazetteer(names: int, rounds: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_gazetteer import query_mix

    from geomap.gazetteer import Gazetteer

    gz = Gazetteer.open()
    try:
        queries = query_mix(gz, names)
        t0 = time.perf_counter()
        found = sum(1 for q in queries if gz.lookup(q))
        first = len(queries) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _ in range(rounds):
            for q in queries:
                gz.lookup(q)
        warm = rounds * len(queries) / (time.perf_counter() - t0)
    finally:
        gz.close()
    return {"queries": len(queries), "found": found, "first_per_s": first, "warm_per_s": warm}


def bench_render(events: int, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    from map_articles import many_articles

    from geomap.render import build_map

    articles = many_articles(events, days=30)
    times, size = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        html = build_map(articles).get_root().render()
        times.append(time.perf_counter() - t0)
        size = len(html.encode("utf-8"))
    return {"events": sum(len(a.events) for a in articles), "best_s": min(times),
            "median_s": statistics.median(times), "html_mb": size / 1e6}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import spacy

    return {"cpu": cpu, "cpus": os.cpu_count(), "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform(terse=True),
            "load_avg_start": os.getloadavg() if hasattr(os, "getloadavg") else None}


# -- report -------------------------------------------------------------------------------
def _ok(value: float | None, target: float, *, at_least: bool) -> str:
    if value is None:
        return ""
    return "ok" if (value >= target if at_least else value <= target) else "MISS"


def table(r: dict[str, Any]) -> str:
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, value: str, target: str = "", ok: str = "") -> None:
        rows.append((label, value, target, ok))

    nlp, e1, e2 = r.get("nlp"), r.get("extract"), r.get("jobs")
    if nlp:
        row(f"nlp.pipe bare (batch {nlp['batch_size']})", f"{nlp['steady_per_s']:.1f} art/s")
        row("  model load", f"{nlp['load_s']:.2f} s")
    if e1:
        row("geomap extract --jobs 1, steady", f"{e1['steady_per_s']:.1f} art/s")
        row("  wall incl. start-up", f"{e1['wall_per_s']:.1f} art/s",
            f"{e1['wall_s']:.1f} s, start-up {e1['startup_s']:.1f} s")
    if nlp and e1:
        ratio = e1["steady_per_s"] / nlp["steady_per_s"]
        row("  end-to-end / bare spaCy", f"{ratio:.2f}", f">= {TARGETS['ratio']}",
            _ok(ratio, TARGETS["ratio"], at_least=True))
        row("  the same in CPU time", f"{e1['cpu_per_s'] / nlp['cpu_per_s']:.2f}",
            f"{e1['cpu_per_s']:.1f} vs {nlp['cpu_per_s']:.1f} art/CPU-s")
    if e2:
        row(f"geomap extract --jobs {e2['jobs']}, steady", f"{e2['steady_per_s']:.1f} art/s")
        row("  wall incl. start-up", f"{e2['wall_per_s']:.1f} art/s",
            f"{e2['wall_s']:.1f} s, start-up {e2['startup_s']:.1f} s")
    if e1 and e2:
        sp = e2["steady_per_s"] / e1["steady_per_s"]
        row(f"  jobs {e2['jobs']} / jobs 1 (steady)", f"{sp:.2f}x",
            f">= {TARGETS['jobs_speedup']}x", _ok(sp, TARGETS["jobs_speedup"], at_least=True))
        row(f"  jobs {e2['jobs']} / jobs 1 (wall)", f"{e1['wall_s'] / e2['wall_s']:.2f}x")
    if e1:
        row(f"peak RSS, {e1['articles']} articles, jobs 1", f"{e1['peak_rss_mb']:.0f} MB",
            f"<= {TARGETS['peak_rss_mb']:.0f} MB",
            _ok(e1["peak_rss_mb"], TARGETS["peak_rss_mb"], at_least=False))
    if e2:
        row(f"peak RSS, jobs {e2['jobs']}, all processes", f"{e2['tree_peak_rss_mb']:.0f} MB",
            f"largest one {e2['peak_rss_mb']:.0f} MB")
        if e2.get("tree_peak_pss_mb"):
            row("  the same as PSS (shared pages split)", f"{e2['tree_peak_pss_mb']:.0f} MB")
    cold = r.get("cold")
    if cold:
        row("cold start geomap map <seed>", f"{cold['best_s']:.2f} s",
            f"<= {TARGETS['cold_start_s']} s", _ok(cold["best_s"], TARGETS["cold_start_s"],
                                                    at_least=False))
        row("  median of runs", f"{cold['median_s']:.2f} s", f"{cold['runs']} runs")
    gz = r.get("gazetteer")
    if gz:
        row("gazetteer lookups, warm", f"{gz['warm_per_s']:,.0f} /s", ">= 50,000 /s",
            _ok(gz["warm_per_s"], 50_000, at_least=True))
        row("  first (uncached)", f"{gz['first_per_s']:,.0f} /s", f"{gz['queries']} names")
    rd = r.get("render")
    if rd:
        row(f"render {rd['events']:,}-event map", f"{rd['best_s']:.2f} s",
            f"<= {TARGETS['render_s']:.0f} s", _ok(rd["best_s"], TARGETS["render_s"],
                                                  at_least=False))
        row("  HTML size", f"{rd['html_mb']:.2f} MB", f"<= {TARGETS['render_mb']:.0f} MB",
            _ok(rd["html_mb"], TARGETS["render_mb"], at_least=False))
    m, c = r["machine"], r["corpus"]
    head = (f"geomap throughput: {c['articles']} articles ({c['distinct']} distinct texts from "
            f"{', '.join(c['corpora'])}, mean {c['mean_chars']:.0f} chars)\n"
            f"{m['cpu']}, {m['cpus']} CPUs, Python {m['python']}, spaCy {m['spacy']}, "
            f"load average at start {m['load_avg_start'][0]:.1f}\n")
    w = max(len(x[0]) for x in rows) + 2
    lines = [f"{a:<{w}}{b:>16}  {c_:<26}{d}".rstrip() for a, b, c_, d in rows]
    return head + "\n".join(lines)


# -- py-spy stage breakdown ---------------------------------------------------------------
# (stage, substring of a frame "function (file:line)"), outermost rule that matches wins,
# then the innermost detail rule inside that stage.
STAGES = [
    ("imports", "_find_and_load ("),
    ("model load (spacy.load)", "load_nlp (geomap/nlp.py"),
    ("gazetteer open/build", "Gazetteer.open ("),
    ("extraction", "MentionFinder.__call__ (geomap/extract.py"),
    ("resolution", "Resolver.resolve (geomap/resolve.py"),
    ("roles", "classify_role (geomap/roles.py"),
    ("events", "Pipeline._events (geomap/pipeline.py"),
    ("annotate, other", "Pipeline.annotate (geomap/pipeline.py"),
    ("spaCy parse", "Language.pipe (spacy/language.py"),
    ("spaCy parse", "Language.__call__ (spacy/language.py"),
    ("writing output", "geomap/writers.py"),
    ("reading input", "geomap/inputs.py"),
]
DETAILS = [
    ("gazetteer lookups", "(geomap/gazetteer.py"),
    ("wordfreq", "(wordfreq/"),
    ("geopy distance", "(geopy/"),
    ("rapidfuzz", "rapidfuzz"),
    ("spaCy Matcher", "Matcher"),
    ("lexicon", "(geomap/lexicon.py"),
]


def stage_breakdown(raw: Path) -> dict[str, Any]:
    """Sample counts per pipeline stage from a `py-spy record -f raw` file."""
    stages: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    total = 0
    for line in raw.open(encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        stage = next((name for name, key in STAGES if any(key in f for f in frames)), "other")
        stages[stage] += n
        detail = next((name for name, key in DETAILS if any(key in f for f in frames)), "")
        if detail:
            details[(stage, detail)] += n
    return {"samples": total, "stages": dict(stages.most_common()),
            "details": {f"{s}: {d}": v for (s, d), v in details.most_common()}}


def stage_table(b: dict[str, Any]) -> str:
    total = b["samples"] or 1
    loop = sum(v for k, v in b["stages"].items()
               if k not in ("imports", "model load (spacy.load)", "gazetteer open/build",
                            "other"))
    lines = [f"{'stage':30} {'samples':>8} {'% all':>6} {'% of loop':>10}"]
    # "loop" = the per-article stages, without imports, model load and store opening
    for k, v in b["stages"].items():
        in_loop = k not in ("imports", "model load (spacy.load)", "gazetteer open/build",
                            "other")
        share = f"{100 * v / loop:9.1f}%" if in_loop and loop else ""
        lines.append(f"{k:30} {v:8d} {100 * v / total:5.1f}% {share:>10}")
    lines.append("  inside a stage:")
    for k, v in b["details"].items():
        lines.append(f"  {k:40} {v:8d} {100 * v / total:5.1f}%")
    return "\n".join(lines)


# -- main ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel run")
    ap.add_argument("--batch-size", type=int, default=16,
                    help="nlp.pipe batch size of the bare run (default 16, as "
                    "Pipeline.process_many; 0 for spaCy's own)")
    ap.add_argument("--skip", default="", help=f"comma-separated parts to skip: {','.join(PARTS)}")
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--render-events", type=int, default=10_000)
    ap.add_argument("--root", type=Path, default=None,
                    help="evaluation root (default: $GEOMAP_EVAL_ROOT or ../shared/eval)")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--write-corpus", type=Path, default=None, metavar="FILE",
                    help="only write the --articles corpus as JSONL to FILE (for profiling)")
    ap.add_argument("--stages", type=Path, default=None, metavar="RAW",
                    help="only summarise a `py-spy record -f raw` file by pipeline stage")
    ap.add_argument("--nlp-worker", type=Path, default=None, help=argparse.SUPPRESS)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.nlp_worker:
        return nlp_worker(args.nlp_worker, args.batch_size)
    if args.stages:
        b = stage_breakdown(args.stages)
        print(json.dumps(b, indent=2) if args.json else stage_table(b))
        return 0
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if skip - set(PARTS):
        print(f"unknown --skip parts: {', '.join(sorted(skip - set(PARTS)))}", file=sys.stderr)
        return 2

    records, names = load_texts(args.root)
    if not records:
        print("bench_throughput: no evaluation corpora (GeoWebNews, TR-News, GeoVirus) under "
              "../shared/eval or $GEOMAP_EVAL_ROOT; skipped.")
        return 0
    corpus = repeat_to(records, args.articles)
    if args.write_corpus:
        write_jsonl(corpus, args.write_corpus)
        print(f"wrote {len(corpus)} articles to {args.write_corpus}")
        return 0

    from geomap.gazetteer import Gazetteer

    Gazetteer.open().close()  # build the store now, so no run below pays for it
    report: dict[str, Any] = {
        "machine": machine(),
        "corpus": {"articles": len(corpus), "distinct": len(records), "corpora": names,
                   "mean_chars": statistics.mean(len(r["text"]) for r in corpus)},
    }
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp_name:
        tmp = Path(tmp_name)
        path, one = tmp / "corpus.jsonl", tmp / "one.jsonl"
        write_jsonl(corpus, path)
        write_jsonl(corpus[:1], one)
        n = len(corpus)
        if "nlp" not in skip:
            report["nlp"] = bench_nlp(path, n, args.batch_size)
        if "extract" not in skip:
            report["extract"] = bench_extract(path, one, n, 1, tmp)
        if "jobs" not in skip and args.jobs > 1:
            report["jobs"] = bench_extract(path, one, n, args.jobs, tmp)
        if "cold" not in skip:
            report["cold"] = bench_cold(args.cold_runs, tmp)
    if "gazetteer" not in skip:
        report["gazetteer"] = bench_gazetteer(5000, 5)
    if "render" not in skip:
        report["render"] = bench_render(args.render_events, 3)
    report["machine"]["load_avg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
