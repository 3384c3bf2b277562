#!/usr/bin/env python3
"""Two (or more) builds of ingestion on the same folder, alternating, each `ingestion ingest FOLDER` run into a
fresh database while /proc is read every 200 ms: wall time, the main JVM's CPU split into its worker threads,
its compilers and the rest, the parser children's CPU, and the main JVM's I/O counts (bytes and calls read
and written, as /proc/<pid>/io last showed them). Where bench/run-builds.sh gives the whole tree's CPU, this
says which process and which threads a change moved.
Usage: bench/run-builds-split.py FOLDER ROUNDS CHECKOUT_A CHECKOUT_B [...]
  e.g. git worktree add /tmp/before <commit>; bench/run-builds-split.py /tmp/mixed 3 /tmp/before .
Each checkout's first run (not printed) writes its start-up caches and the children's class-data archive."""
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


def run(checkout, folder, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    start = time.time()
    with open(f"{work}/out.txt", "w") as out:
        proc = subprocess.Popen([f"{checkout}/ingestion", "ingest", folder, "--no-progress"], cwd=work,
                                stdout=out, stderr=subprocess.STDOUT)
        kinds, threads, io = {}, {}, {}
        while proc.poll() is None:
            for pid in descendants(proc.pid):
                if kinds.get(pid) is None:
                    kinds[pid] = kind(pid)  # the launcher's shell becomes the JVM by exec: asked again
                what = kinds[pid]
                if what is None:
                    continue
                try:
                    if what == "main":
                        with open(f"/proc/{pid}/io") as f:
                            io = {k: int(v) for k, v in (line.split(": ") for line in f.read().split("\n") if line)}
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
    cpu = collections.Counter()
    for what, name, seconds in threads.values():
        cpu[what] += seconds
        if what == "main":
            group = "workers" if name.startswith("worker") else "compilers" if re.match(r"C\d", name) else "other"
            cpu[group] += seconds
    with open(f"{work}/out.txt") as f:
        completed = next((line.split()[1] for line in f if line.startswith("completed")), "?")
    return wall, cpu, io, completed


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    folder, rounds, checkouts = os.path.abspath(sys.argv[1]), int(sys.argv[2]), [os.path.abspath(c) for c in sys.argv[3:]]
    base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out-builds-split")
    for i, checkout in enumerate(checkouts):
        run(checkout, folder, f"{base}/warm-{i}")
    for r in range(1, rounds + 1):
        for i, checkout in enumerate(checkouts):
            wall, cpu, io, completed = run(checkout, folder, f"{base}/{i}-{r}")
            print(f"{chr(65 + i)} round {r}  wall {wall:5.1f} s  main {cpu['main']:5.1f} s (workers {cpu['workers']:4.1f},"
                  f" compilers {cpu['compilers']:4.1f}, other {cpu['other']:4.1f})  children {cpu['child']:5.1f} s"
                  f"  main I/O: read {io.get('rchar', 0) / 1e6:.0f} MB in {io.get('syscr', 0)} calls,"
                  f" wrote {io.get('wchar', 0) / 1e6:.0f} MB in {io.get('syscw', 0)} calls  completed {completed}",
                  flush=True)


if __name__ == "__main__":
    main()
