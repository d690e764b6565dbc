#!/usr/bin/env python3
"""The benchmark behind `make bench`: tracereport's full and incremental builds of a
deterministic synthetic corpus, against cmark-gfm converting the same Markdown pages
in one process (the cost of Markdown to HTML alone) and Hugo building the same pages.
Incremental is measured twice: one trace added, one trace changed. Every timed run
writes into a folder never used before; old folders are deleted only after all timing.
Prints a table; checks nothing (targets are judged from its figures).

With a PostgreSQL server (TRACEREPORT_TEST_DATABASE_URL, as `.ci/with-postgres` sets it), a
database row too: --db-size traces loaded into tb_execution_trace, `tracereport build` from the
database against the same traces as JSONL files, `psql \\copy` of the same rows alone (the
floor for reading them), fifty new rows built incrementally (and compared with a fresh build), and
the peak memory of full builds with the table grown to each --db-memory size.
Ends with issue 22's goals beside what the run measured.

usage: bench.py [--sizes 1000,10000] [--runs 3] [--db-size 30000] [--db-memory 100000,1000000] [--binary .build/release/tracereport] [--work DIR]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, fatal=True, **kw):
    """(wall seconds, peak RSS in MB) of one command, via /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
        wall = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            message = f"bench: {' '.join(cmd[:3])} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}"
            if fatal:
                sys.exit(message)
            print(message, file=sys.stderr)
            return None
        return wall, int(t.read().strip().splitlines()[-1]) / 1024


class Graveyard:
    """Where folders go after timing. On disk they are only moved aside and deleted after all
    timing (see median_run); on tmpfs, where deleting costs later runs nothing, they are deleted
    at once, so a 100,000-trace run does not hold several sites in memory."""

    def __init__(self, work):
        self.path = os.path.join(work, "graveyard")
        os.makedirs(self.path, exist_ok=True)
        fs = subprocess.run(["df", "--output=fstype", work], capture_output=True, text=True).stdout.split()
        self.immediate = bool(fs) and fs[-1] == "tmpfs"

    def bury(self, folder):
        if not os.path.exists(folder):
            return
        if self.immediate:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            os.rename(folder, os.path.join(self.path, f"{os.path.basename(folder)}-{time.monotonic_ns()}"))

    def clear(self):
        shutil.rmtree(self.path, ignore_errors=True)


def median_run(runs, fresh_dir, cmd_for, graveyard, fatal=True):
    """Median wall time and peak RSS of `runs` runs, each into a folder never used before.
    Old folders are only moved to `graveyard` and deleted after all timing: on ext4 without a
    journal, creating files within minutes of deleting many scans every recently deleted inode
    (`recently_deleted` in the kernel), which would charge one run for the clean-up of the last."""
    results = []
    for k in range(runs):
        out = fresh_dir(k)
        graveyard.bury(out)
        result = timed(cmd_for(out), fatal=fatal)
        if result is None:
            return None, None, out
        results.append(result)
    return statistics.median(r[0] for r in results), max(r[1] for r in results), out


def hugo_site(pages_dir, site_dir):
    os.makedirs(os.path.join(site_dir, "layouts", "_default"))
    with open(os.path.join(site_dir, "config.toml"), "w") as f:
        # Hugo gives up on a page that takes longer than `timeout` (30 s by default) to build, which a
        # loaded machine reached with 10,000 pages: the bench measures Hugo, it does not time it out.
        f.write('baseURL = "http://example.invalid/"\ntimeout = "600s"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                '[markup.goldmark.renderer]\nunsafe = true\n[markup.goldmark.extensions]\ntable = true\n')
    for name, body in [("single.html", "<!DOCTYPE html><html><body>{{ .Content }}</body></html>"),
                       ("list.html", "<!DOCTYPE html><html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>")]:
        with open(os.path.join(site_dir, "layouts", "_default", name), "w") as f:
            f.write(body)
    content = os.path.join(site_dir, "content", "traces")
    os.makedirs(content)
    for name in os.listdir(pages_dir):
        if name.endswith(".md"):
            with open(os.path.join(pages_dir, name)) as src, open(os.path.join(content, name), "w") as dst:
                dst.write(f'---\ntitle: "{name[:-3]}"\n---\n' + src.read())


def default_work():
    """tmpfs when it has room: on this machine's ext4 (no journal) file creation slows down for
    minutes after many deletions — the last bench's clean-up included — which swung the same
    build 2-5x between runs. BENCH_DIR=/tmp/tracereport-bench measures on disk."""
    try:
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 12 * 2**30:
            return "/dev/shm/tracereport-bench"
    except OSError:
        pass
    return "/tmp/tracereport-bench"


# The columns tracereport reads, as its database reader selects them.
DB_COLUMNS = ["trace_id", "parent_trace_id", "feature", "endpoint", "method", "ops_mode", "question", "status", "duration_ms",
              "request_payload", "applied_assets", "asset_versions", "fallbacks", "route", "stage_inputs", "stage_outputs",
              "replan_events", "created_at"]


def psql(url, *commands, stdin=None):
    bin_dir = os.environ.get("TRACEREPORT_TEST_PG_BIN", "/usr/bin")
    args = [os.path.join(bin_dir, "psql"), url, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    for c in commands:
        args += ["-c", c]
    subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, check=True)


def same_as_fresh(site, build_fresh, work, name, graveyard):
    """Whether `site` (just built incrementally) equals a fresh build of the same inputs that starts from
    the history the incremental build started from (`seed`, kept by `keep_history`)."""
    fresh = os.path.join(work, f"fresh-{name}")
    shutil.rmtree(fresh, ignore_errors=True)
    timed(build_fresh(fresh) + ["--history-from", os.path.join(work, "seed")])
    same = subprocess.run(["diff", "-rq", site, fresh], stdout=subprocess.DEVNULL).returncode == 0
    graveyard.bury(fresh)
    return same


def keep_history(site, work):
    seed = os.path.join(work, "seed")
    os.makedirs(seed, exist_ok=True)
    shutil.copyfile(os.path.join(site, "history.jsonl"), os.path.join(seed, "history.jsonl"))


# Fifty rows newer than any other: copies of the newest fifty under new ids (round `k`), `k` + 1 days later.
def new_rows(k):
    return ("INSERT INTO tb_execution_trace SELECT (jsonb_populate_record(NULL::tb_execution_trace, to_jsonb(x) || "
            f"jsonb_build_object('trace_id', 'new{k}-' || x.trace_id, 'created_at', "
            f"(SELECT max(created_at) FROM tb_execution_trace) + (x.created_at - (SELECT min(created_at) FROM "
            "(SELECT created_at FROM tb_execution_trace ORDER BY created_at DESC LIMIT 50) y)) + interval '1 day'))).* "
            "FROM (SELECT * FROM tb_execution_trace ORDER BY created_at DESC LIMIT 50) x")


def database_row(n, corpus, args, binary, cores, graveyard):
    """(file build s, RSS, database build s, RSS, psql copy s, incremental s, RSS, same) for n traces,
    or None without a server."""
    server = os.environ.get("TRACEREPORT_TEST_DATABASE_URL")
    if not server:
        print("bench: no PostgreSQL server (run through make bench): the database row is skipped", file=sys.stderr)
        return None
    name = f"bench_{n}"
    url = server.replace("/postgres?", f"/{name}?")
    psql(server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    fixtures = os.path.join(HERE, "..", "TraceReportTests", "Fixtures", "db")
    for migration in ["0027_execution_trace.sql", "0028_flow_spans.sql", "0038_stage_io.sql"]:
        psql(url, f"\\i {os.path.join(fixtures, migration)}")
    start = time.perf_counter()
    for file in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, file), "rb") as f:
            psql(url, "CREATE TEMP TABLE staging (doc jsonb)",
                 "COPY staging (doc) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')",
                 "INSERT INTO tb_execution_trace SELECT r.* FROM staging, jsonb_populate_record(NULL::tb_execution_trace, staging.doc) AS r", stdin=f)
    psql(url, "VACUUM ANALYZE tb_execution_trace")
    print(f"bench: loaded {n:,} rows into {name} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    runs = args.runs if n <= 20000 else 1
    build = lambda source: (lambda out: [binary, "build", source, "--output", out, "--jobs", str(cores)])
    file_s, file_rss, out = median_run(runs, lambda k: os.path.join(args.work, f"dbrow-file-{n}-{k}"), build(corpus), graveyard)
    graveyard.bury(out)
    db_s, db_rss, out = median_run(runs, lambda k: os.path.join(args.work, f"dbrow-db-{n}-{k}"), build(url), graveyard)
    # A rebuild with no new rows first, as in any run of builds (it leaves the spare site a later build
    # starts from); then `runs` times fifty new rows, each built over the last site (only rows past its
    # watermark are read): the median.
    keep_history(out, args.work)
    timed(build(url)(out))
    measured = []
    for k in range(runs):
        psql(url, new_rows(k))
        keep_history(out, args.work)
        measured.append(timed(build(url)(out)))
    incr_s, incr_rss = statistics.median(m[0] for m in measured), max(m[1] for m in measured)
    same = same_as_fresh(out, lambda o: build(url)(o) + ["--full"], args.work, f"db-{n}", graveyard)
    graveyard.bury(out)
    document = "trace_id, json_build_object(" + ", ".join(f"'{c}', \"{c}\"" for c in DB_COLUMNS) + ")::text"
    copy = f"\\copy (SELECT {document} FROM tb_execution_trace ORDER BY created_at, trace_id) TO '/dev/null'"
    bin_dir = os.environ.get("TRACEREPORT_TEST_PG_BIN", "/usr/bin")
    copy_s, _, _ = median_run(runs, lambda k: os.path.join(args.work, "unused"), lambda _: [os.path.join(bin_dir, "psql"), url, "-X", "-q", "-c", copy], graveyard)
    # Peak memory at scale, streamed from the database: the table grown to each size by copying its rows
    # under new ids and later times, then one full build.
    memory = []
    for rows in [r for r in args.db_memory if r > n]:
        have = int(subprocess.run([os.path.join(bin_dir, "psql"), url, "-X", "-qAt", "-c", "SELECT count(*) FROM tb_execution_trace"],
                                  capture_output=True, text=True, check=True).stdout.strip())
        copies = (rows - have + n - 1) // n
        for c in range(copies):
            psql(url, "INSERT INTO tb_execution_trace SELECT (jsonb_populate_record(NULL::tb_execution_trace, to_jsonb(x) || "
                      f"jsonb_build_object('trace_id', 'm{have + c}-' || x.trace_id, 'created_at', x.created_at + interval '{c + 2} days'))).* "
                      f"FROM (SELECT * FROM tb_execution_trace ORDER BY created_at, trace_id LIMIT {min(n, rows - have - c * n)}) x")
        psql(url, "VACUUM ANALYZE tb_execution_trace")
        # On disk: a million traces' pages (about 20 GB) do not fit a tmpfs in this machine's memory.
        disk = os.environ.get("BENCH_DISK_DIR", "/tmp/tracereport-bench-disk")
        os.makedirs(disk, exist_ok=True)
        site = os.path.join(disk, f"dbmem-{rows}")
        mem_s, mem_rss = timed(build(url)(site))
        shutil.rmtree(site, ignore_errors=True)
        memory.append((rows, mem_s, mem_rss))
    psql(server, f"DROP DATABASE {name}")
    return file_s, file_rss, db_s, db_rss, copy_s, incr_s, incr_rss, same, memory


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000"))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    ap.add_argument("--binary", default=".build/release/tracereport")
    ap.add_argument("--work", default=os.environ.get("BENCH_DIR") or default_work())
    ap.add_argument("--hugo-max", type=int, default=20000, help="skip Hugo above this many traces (its memory grows with N)")
    ap.add_argument("--huge-mb", type=float, default=float(os.environ.get("BENCH_HUGE_MB", "200")), help="size of the one huge trace (0: none)")
    ap.add_argument("--db-size", type=int, default=int(os.environ.get("BENCH_DB_SIZE", "30000")), help="traces in the database row (0: none)")
    ap.add_argument("--db-memory", default=os.environ.get("BENCH_DB_MEMORY", "100000,1000000"),
                    help="table sizes whose full build's peak memory is measured, the table grown by copying rows ('' for none)")
    args = ap.parse_args()
    args.db_memory = [int(s) for s in args.db_memory.split(",") if s.strip()]
    # One build time for every build, so an incremental site and a fresh one can be compared byte for byte.
    os.environ["SOURCE_DATE_EPOCH"] = "1764579600"
    binary = os.path.abspath(args.binary)
    os.makedirs(args.work, exist_ok=True)
    cores = os.cpu_count()
    rows = []
    graveyard = Graveyard(args.work)
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        runs = args.runs if n <= 20000 else 1
        corpus = os.path.join(args.work, f"corpus-{n}")
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(n), corpus], check=True)
        build = lambda out: [binary, "build", corpus, "--output", out, "--jobs", str(cores)]
        full, full_rss, out = median_run(runs, lambda k: os.path.join(args.work, f"site-{n}-{k}"), build, graveyard)
        # Incremental, as in a run of builds over one site: `runs` rebuilds with nothing changed (as after a
        # deploy with no new traces; the first one starts without a spare site, the later ones from the
        # site before), then `runs` builds each adding one more trace to the last file, then `runs` each
        # changing the first trace of that file again; each kind's median. The site after each kind's last
        # build is checked against a full build of the same inputs.
        last = sorted(os.listdir(corpus))[-1]
        path = os.path.join(corpus, last)
        original = open(path, "rb").read()
        first = original.splitlines()[0]
        added = lambda k: original + b"".join(
            first.replace(b'"trace_id": "t', f'"trace_id": "new{j}-t'.encode(), 1) + b"\n" for j in range(k + 1))
        changed = lambda k: original.replace(first, first.replace(b'"question": "', f'"question": "(edited {k}) '.encode(), 1), 1)
        edits = {"none": lambda k: original, "add": added, "change": changed}
        incremental = {}
        same = True
        try:
            for kind, content in edits.items():
                times = []
                for k in range(runs):
                    with open(path, "wb") as f:
                        f.write(content(k))
                    keep_history(out, args.work)
                    times.append(timed(build(out))[0])
                same = same and same_as_fresh(out, build, args.work, f"{n}-{kind}", graveyard)
                incremental[kind] = statistics.median(times)
        finally:
            with open(path, "wb") as f:
                f.write(original)
        # cmark-gfm over the same pages, concatenated, in one process, with the extensions the build attaches
        # (issue 22's command line).
        pages = os.path.join(out, "traces")
        concatenated = os.path.join(args.work, f"pages-{n}.md")
        with open(concatenated, "wb") as dst:
            for name in sorted(os.listdir(pages)):
                if name.endswith(".md"):
                    with open(os.path.join(pages, name), "rb") as src:
                        dst.write(src.read() + b"\n")
        cmark, cmark_rss, _ = median_run(runs, lambda k: os.path.join(args.work, "unused"), lambda _: ["cmark-gfm", "-e", "table", "-e", "tagfilter", concatenated], graveyard, fatal=False)
        hugo = hugo_rss = None
        if shutil.which("hugo") and n <= args.hugo_max:
            site = os.path.join(args.work, f"hugo-{n}")
            shutil.rmtree(site, ignore_errors=True)
            hugo_site(pages, site)
            hugo, hugo_rss, _ = median_run(runs, lambda k: os.path.join(site, f"public-{k}"), lambda public: ["hugo", "--quiet", "-s", site, "-d", public], graveyard, fatal=False)
        rows.append((n, full, full_rss, incremental, same, cmark, hugo, hugo_rss))
        for leftover in [os.path.join(args.work, f"site-{n}-{k}") for k in range(runs)] + [os.path.join(args.work, f"hugo-{n}")]:
            graveyard.bury(leftover)
        os.remove(concatenated)
    db_row = None
    if args.db_size > 0:
        corpus = os.path.join(args.work, f"corpus-{args.db_size}")
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(args.db_size), corpus], check=True)
        db_row = database_row(args.db_size, corpus, args, binary, cores, graveyard)
    graveyard.clear()

    fs = subprocess.run(["df", "--output=fstype", args.work], capture_output=True, text=True).stdout.split()[-1]
    print(f"\ntracereport benchmark: {cores} cores, median of {args.runs} runs (1 above 20,000 traces), output on {args.work} ({fs})")
    print("| N | full build s | pages/s | peak RSS MB | µs/trace | incremental unchanged / add / change s (% of full) | same as full | cmark-gfm s | full ÷ cmark | Hugo s (RSS MB) | Hugo ÷ full |")
    print("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for n, full, rss, incr, same, cmark, hugo, hugo_rss in rows:
        hugo_cell = f"{hugo:.2f} ({hugo_rss:.0f})" if hugo else "skipped"
        ratio = f"{hugo / full:.1f}×" if hugo else "—"
        incr_cell = " / ".join(f"{incr[k]:.2f} ({incr[k] / full:.0%})" for k in ("none", "add", "change"))
        cmark_cells = f"{cmark:.2f} | {full / cmark:.2f}" if cmark else "failed (see above) | —"
        print(f"| {n:,} | {full:.2f} | {2 * n / full:,.0f} | {rss:.0f} | {full / n * 1e6:.0f} | {incr_cell} | {'yes' if same else 'NO'} | {cmark_cells} | {hugo_cell} | {ratio} |")

    if db_row:
        file_s, file_rss, db_s, db_rss, copy_s, incr_s, incr_rss, same, memory = db_row
        print(f"\nFrom PostgreSQL ({args.db_size:,} rows in tb_execution_trace, on this machine's local server):")
        print("| rows | build from JSONL s (RSS MB) | build from the database s (RSS MB) | database ÷ JSONL | psql \\copy of the same rows s | 50 new rows, incremental s (RSS MB) | incremental ÷ full | same as full |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|")
        print(f"| {args.db_size:,} | {file_s:.2f} ({file_rss:.0f}) | {db_s:.2f} ({db_rss:.0f}) | {db_s / file_s:.2f} | {copy_s:.2f} | {incr_s:.2f} ({incr_rss:.0f}) | {incr_s / db_s:.1%} | {'yes' if same else 'NO'} |")
        if memory:
            print("\nPeak memory of a full build streamed from the database (goal: at most 100 MB):")
            print("| rows | build s | µs/row | peak RSS MB |")
            print("|---:|---:|---:|---:|")
            for rows_n, mem_s, mem_rss in memory:
                print(f"| {rows_n:,} | {mem_s:.1f} | {mem_s / rows_n * 1e6:.0f} | {mem_rss:.0f} |")

    goals(rows, db_row)


    if args.huge_mb > 0:
        huge_row(args, binary, graveyard)


def goals(rows, db_row):
    """Issue 22's table: each goal beside what this run measured, as a ratio measured side by side."""
    print("\nGoals (issue 22), measured in this run:")
    print("| what | measured | goal | met |")
    print("|---|---:|---:|---|")
    def line(what, value, goal, met):
        print(f"| {what} | {value} | {goal} | {'yes' if met else 'no'} |")
    for n, full, rss, incr, same, cmark, hugo, hugo_rss in rows:
        if cmark:
            line(f"{n:,} files: full build ÷ cmark-gfm over the same Markdown", f"{full / cmark:.2f}×", "≤ 0.75×", full / cmark <= 0.75)
        line(f"{n:,} files, one trace edited: incremental ÷ full", f"{incr['change'] / full:.1%}", "≤ 5%", incr["change"] / full <= 0.05)
        if hugo:
            line(f"{n:,} pages: Hugo ÷ tracereport", f"{hugo / full:.1f}×", "≥ 8×", hugo / full >= 8)
        if n >= 100000:
            line(f"{n:,} files: peak memory", f"{rss:.0f} MB", "≤ 100 MB", rss <= 100)
    if db_row:
        file_s, file_rss, db_s, db_rss, copy_s, incr_s, incr_rss, same, memory = db_row
        line("database, 50 new rows: incremental ÷ full", f"{incr_s / db_s:.1%}", "≤ 5%", incr_s / db_s <= 0.05)
        line("database, 50 new rows: site equal to a fresh build's", "yes" if same else "NO", "yes", same)
        for rows_n, mem_s, mem_rss in memory:
            line(f"database, {rows_n:,} rows: peak memory", f"{mem_rss:.0f} MB", "≤ 100 MB", mem_rss <= 100)


def huge_row(args, binary, graveyard):
    """Peak memory of a build whose one trace is huge, against a build of the bundled sample (the baseline)."""
    folder = os.path.join(args.work, f"huge-{args.huge_mb:g}")
    trace = os.path.join(folder, "huge.json")
    if not os.path.exists(trace):
        os.makedirs(folder, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make_huge_trace.py"), str(args.huge_mb), trace], check=True)
    size = os.path.getsize(trace) / 1e6
    base_s, base_rss = timed([binary, "build", "--output", os.path.join(args.work, "huge-baseline-site")])
    huge_s, huge_rss = timed([binary, "build", folder, "--output", os.path.join(args.work, "huge-site")])
    for site in ("huge-baseline-site", "huge-site"):
        graveyard.bury(os.path.join(args.work, site))
    print(f"\nOne huge trace ({size:.0f} MB, its bulk in stage params, prev_output and output results):")
    print("| trace MB | build s | peak RSS MB | baseline RSS MB (bundled sample) | above baseline ÷ trace size (goal ≤ 3) |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {size:.0f} | {huge_s:.2f} | {huge_rss:.0f} | {base_rss:.0f} | {(huge_rss - base_rss) / size:.2f} |")


if __name__ == "__main__":
    main()
