#!/usr/bin/env python3
"""Runs one command and prints what it cost as a whole process tree, on one line of key=value pairs:
wall seconds, CPU seconds (user + system of the command and every descendant it waited for, from
wait4), the CPU seen by sampling /proc (for descendants nobody waited for), and the peak resident set
of the whole tree (the sum over the command and all its live descendants, sampled every 100 ms).
Usage: measure.py OUTPUT_FILE -- COMMAND [ARGS...]   (the command's own output goes to OUTPUT_FILE)"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def children_of():
    """Maps each pid to its parent pid, for every process visible in /proc."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
                parents[int(name)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError):
                pass
    return parents


def tree(root):
    parents = children_of()
    found, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def sample(pid):
    """(rss bytes, user+sys ticks) of one process, or None once it has gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read()
        fields = fields[fields.rindex(")") + 2:].split()
        return int(fields[21]) * PAGE, int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None


def main():
    out_path, cmd = sys.argv[1], sys.argv[3:]
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execvp(cmd[0], cmd)
    peak, ticks, procs = 0, {}, set()
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        rss = 0
        for p in tree(pid):
            s = sample(p)
            if s:
                rss += s[0]
                ticks[p] = s[1]
                procs.add(p)
        peak = max(peak, rss)
        time.sleep(0.1)
    wall = time.monotonic() - t0
    waited = usage.ru_utime + usage.ru_stime
    sampled = sum(ticks.values()) / TICK
    code = os.waitstatus_to_exitcode(status)
    print(f"wall={wall:.3f} cpu={max(waited, sampled):.2f} cpu_waited={waited:.2f} cpu_sampled={sampled:.2f} "
          f"peak_rss_mb={peak / 1048576:.0f} processes={len(procs)} exit={code}")


if __name__ == "__main__":
    main()
