#!/usr/bin/env python3
"""Two (or more) builds or settings of ingestion on the same folder, alternating, each `ingestion ingest FOLDER`
run into a fresh database while /proc is read every 200 ms: wall time, the main JVM's CPU split into its worker
threads, its compilers and the rest, the parser children's CPU split into their parsing threads, compilers and
collector, the main JVM's I/O counts (bytes and calls read and written, as /proc/<pid>/io last showed them),
and from each JVM's GC log the pause time and the largest heap left after a collection (the live data it
held at most), for the main JVM and the busiest child. Where bench/run-builds.sh gives the whole tree's CPU,
this says which process and which threads a change moved.
Usage: bench/run-builds-split.py FOLDER ROUNDS VARIANT_A VARIANT_B [...]
  a variant is a checkout, or CHECKOUT:SETTINGS.yml to run it with those settings (the file is copied to the
  run's folder as its ingestion.yml, which `ingest` reads from there), e.g.
  git worktree add /tmp/before <commit>; bench/run-builds-split.py /tmp/mixed 3 /tmp/before .
  bench/run-builds-split.py /tmp/hugepdf 3 . .:heap-1g.yml          (pipeline: {parse: {child_heap: 1g}})
  INGESTION_JAVA_OPTS applies to every variant (the main JVM's options, as for the launcher).
Each variant's first run (not printed) writes its start-up caches and the children's class-data archive."""
import collections
import os
import re
import shutil
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def descendants(root):
    out = [root]
    try:
        for task in os.listdir(f"/proc/{root}/task"):
            with open(f"/proc/{root}/task/{task}/children") as f:
                for child in f.read().split():
                    out += descendants(int(child))
    except OSError:
        pass
    return out


def kind(pid):
    """'child' for a parser child, 'main' for the command's JVM, None for anything else (the launcher's shell)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().split(b"\0")
    except OSError:
        return None
    if any(b"ParseServer" in part for part in cmd):
        return "child"
    return "main" if cmd and cmd[0].endswith(b"java") else None


def gc_log(path):
    """(pause ms, largest heap MB after a collection) from a -Xlog:gc file: "... Pause Young (...) 206M->40M(352M) 53.094ms"."""
    pause, largest = 0.0, 0
    with open(path) as f:
        for line in f:
            m = re.search(r" Pause .* \d+M->(\d+)M\(\d+M\) ([\d.]+)ms$", line)
            if m:
                largest = max(largest, int(m.group(1)))
                pause += float(m.group(2))
    return pause, largest


def run(variant, folder, work):
    checkout, _, settings = variant.partition(":")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if settings:
        shutil.copy(settings, f"{work}/ingestion.yml")
    env = dict(os.environ, JDK_JAVA_OPTIONS=f"-Xlog:gc:file={work}/gc-%p.log")
    start = time.time()
    with open(f"{work}/out.txt", "w") as out:
        proc = subprocess.Popen([f"{checkout}/ingestion", "ingest", folder, "--no-progress"], cwd=work,
                                stdout=out, stderr=subprocess.STDOUT, env=env)
        kinds, threads, ios = {}, {}, {}
        while proc.poll() is None:
            for pid in descendants(proc.pid):
                # asked on every look: the launcher's shell becomes the JVM by exec, and a parser child shows the
                # main JVM's command line between its fork and its exec
                kinds[pid] = kind(pid) or kinds.get(pid)
                what = kinds[pid]
                if what is None:
                    continue
                try:
                    if what == "main":
                        with open(f"/proc/{pid}/io") as f:
                            ios[pid] = {k: int(v) for k, v in (line.split(": ") for line in f.read().split("\n") if line)}
                    for tid in os.listdir(f"/proc/{pid}/task"):
                        with open(f"/proc/{pid}/task/{tid}/stat") as f:
                            stat = f.read()
                        name = stat[stat.index("(") + 1:stat.rindex(")")]
                        fields = stat[stat.rindex(")") + 2:].split()
                        threads[(pid, tid)] = (what, name, (int(fields[11]) + int(fields[12])) / TICK)
                except (OSError, ValueError):
                    pass
            time.sleep(0.2)
    wall = time.time() - start
    io = max((ios[pid] for pid in ios if kinds.get(pid) == "main"), key=lambda i: i.get("wchar", 0), default={})
    cpu = collections.Counter()
    for what, name, seconds in threads.values():
        cpu[what] += seconds
        if what == "main":
            group = "workers" if name.startswith("worker") else "compilers" if re.match(r"C\d", name) else "other"
        else:
            # the serial collector works on the VM thread, the parallel one and G1 on threads of their own
            collector = name == "VM Thread" or name.startswith(("GC Thread", "G1 "))
            group = "compilers" if re.match(r"C\d", name) else "gc" if collector else "parsing"
        cpu[f"{what} {group}"] += seconds
    gc = {}
    for pid, what in kinds.items():
        if what and os.path.exists(f"{work}/gc-{pid}.log"):
            pause, largest = gc_log(f"{work}/gc-{pid}.log")
            before = gc.get(what, (0.0, 0))
            gc[what] = (before[0] + pause, max(before[1], largest))
    with open(f"{work}/out.txt") as f:
        completed = next((line.split()[1] for line in f if line.startswith("completed")), "?")
    return wall, cpu, io, gc, completed


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    folder, rounds = os.path.abspath(sys.argv[1]), int(sys.argv[2])
    variants = [os.path.abspath(v.partition(":")[0]) + (":" + os.path.abspath(v.partition(":")[2]) if ":" in v else "")
                for v in sys.argv[3:]]
    base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out-builds-split")
    for i, variant in enumerate(variants):
        print(f"{chr(65 + i)} = {variant}", flush=True)
        run(variant, folder, f"{base}/warm-{i}")
    for r in range(1, rounds + 1):
        for i, variant in enumerate(variants):
            wall, cpu, io, gc, completed = run(variant, folder, f"{base}/{i}-{r}")
            main_gc, child_gc = gc.get("main", (0.0, 0)), gc.get("child", (0.0, 0))
            print(f"{chr(65 + i)} round {r}  wall {wall:5.1f} s  main {cpu['main']:5.1f} s (workers"
                  f" {cpu['main workers']:4.1f}, compilers {cpu['main compilers']:4.1f}, other {cpu['main other']:4.1f})"
                  f"  children {cpu['child']:5.1f} s (parsing {cpu['child parsing']:4.1f}, compilers"
                  f" {cpu['child compilers']:4.1f}, gc {cpu['child gc']:4.1f})"
                  f"  gc pauses main {main_gc[0] / 1000:.1f} s, children {child_gc[0] / 1000:.1f} s; largest heap after a"
                  f" collection main {main_gc[1]} MB, a child {child_gc[1]} MB"
                  f"  main I/O: read {io.get('rchar', 0) / 1e6:.0f} MB in {io.get('syscr', 0)} calls,"
                  f" wrote {io.get('wchar', 0) / 1e6:.0f} MB in {io.get('syscw', 0)} calls  completed {completed}",
                  flush=True)


if __name__ == "__main__":
    main()
