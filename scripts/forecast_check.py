#!/usr/bin/env python3
"""How well the progress log's ETA forecast the end of finished runs.

    forecast_check.py LOG [LOG ...] [--final-plastic-strain P] [--window 30] [--old-window 300]
                      [--long-minutes 60] [--min-left 30]

Reads the progress lines of `stzkmc run` / `stzkmc sweep` logs

    [HH:MM:SS] [info] [TAG] strain A/F  stress S GPa  plastic P[/PF]  events ...
    [HH:MM:SS] [info] [TAG] finished in ...       (a sweep's case)
    [HH:MM:SS] [info] run: finished in ...        (`stzkmc run`: no tag, one run)

and, for every run (TAG) that logged "finished in", replays them through two forecasts of
the time left, each from the pace over the last seconds of the run's own lines and its
start (the "set up in" line; "resumed from ... at strain X" for a resumed run), as the
program keeps them (RecentPace: the newest line at least that old, else the start):

  own pace      the forecast before 2026-11-23: the pace of the fraction done,
                max(A / F, P / PF), to 1, over OLD_WINDOW (300) s
  applied pace  RunForecast (kmc/run_forecast.cpp): the applied strain left to F and the
                plastic strain left to PF, both at the applied strain's pace over WINDOW
                (30) s; the sooner

and compares each with the time that actually remained (the "finished in" line's time minus
the line's). Lines with less than MIN_LEFT seconds to go are skipped. Prints a markdown
table: per forecast, over all lines and over the runs longer than LONG_MINUTES: the median of
forecast / truth and the share of lines within 2x and 1.5x of the truth (a forecast not
known yet counts as outside).

PF is read from "plastic P/PF"; logs written before it was printed need
--final-plastic-strain. Clock times are HH:MM:SS: a time earlier than the line before by more
than an hour is taken as the next day. A run resumed in another log (another process)
is a run of its own here: each process forecasts from its own lines, as the program does.
Exits with 2 and a message naming the file on unreadable input.
"""
import argparse
import math
import re
import statistics
import sys

PROGRESS = re.compile(r"^\[(\d+):(\d+):(\d+)\] \[info\] (?:\[([^\]]+)\] )?strain ([-0-9.eE+]+)/([0-9.eE+]+)\s+"
                      r"stress [-0-9.eE+]+ GPa\s+plastic ([-0-9.eE+]+)(?:/([0-9.eE+]+))?")
FINISHED = re.compile(r"^\[(\d+):(\d+):(\d+)\] \[info\] (?:\[([^\]]+)\] |run: )?finished in")
SETUP = re.compile(r"^\[(\d+):(\d+):(\d+)\] \[info\] (?:\[([^\]]+)\] |run: )?set up in")
RESUMED = re.compile(r"^\[(\d+):(\d+):(\d+)\] \[info\] (?:\[([^\]]+)\] |run: )?resumed from .* "
                     r"at strain ([-0-9.eE+]+)")


def fail(msg):
    print(f"forecast_check.py: {msg}", file=sys.stderr)
    sys.exit(2)


def read_runs(path, default_pf):
    """Finished runs of one log: (tag, [(t, applied, F, plastic, PF)], t_end).

    The first row is the loop's start, as the program records it: the "set up in" line's
    time, strain 0 (or the "resumed from ... at strain X" line's X) and plastic strain 0 (or,
    resumed, the first progress line's: the log does not print it at the start)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
    except OSError as e:
        fail(f"{path}: cannot read it: {e.strerror}")
    runs, rows, start, resumed_at, day, last = [], {}, {}, {}, 0, None
    for n, line in enumerate(lines, 1):
        m = PROGRESS.match(line) or FINISHED.match(line) or SETUP.match(line) or RESUMED.match(line)
        if not m:
            continue
        t = int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + day
        if last is not None and t < last - 3600:
            day += 86400
            t += 86400
        last = t
        tag = m[4] or ""  # `stzkmc run` logs have no tag: one run
        if m.re is RESUMED:
            resumed_at[tag] = float(m[5])
            continue
        if m.re is SETUP:
            start[tag] = (t, resumed_at.pop(tag, None))
            rows.pop(tag, None)
            continue
        if m.re is FINISHED:
            if rows.get(tag):
                runs.append((tag, rows.pop(tag), t))
            start.pop(tag, None)
            continue
        pf = float(m[8]) if m[8] else default_pf
        if pf is None:
            fail(f"{path}:{n}: the progress line has no plastic-strain end (plastic P/PF); "
                 "give --final-plastic-strain")
        row = (t, float(m[5]), float(m[6]), float(m[7]), pf)
        if tag not in rows:
            if tag not in start:
                fail(f"{path}:{n}: a progress line of run '{tag}' before its \"set up in\" line")
            t0, a0 = start[tag]
            rows[tag] = [(t0, 0.0, row[2], 0.0, pf) if a0 is None else (t0, a0, row[2], row[3], pf)]
        rows[tag].append(row)
    return runs


def back(rows, i, window):
    """Index of the newest line at least `window` s before line i, else the first (RecentPace)."""
    j = i
    while j > 0 and rows[i][0] - rows[j][0] < window:
        j -= 1
    return j


def own_pace(rows, i, window):
    j = back(rows, i, window)
    (t0, a0, f, p0, pf), (t1, a1, _, p1, _) = rows[j], rows[i]
    fr0, fr1 = max(a0 / f, p0 / pf), max(a1 / f, p1 / pf)
    if not (fr1 > fr0 and t1 > t0):
        return None
    return max(0.0, 1.0 - fr1) * (t1 - t0) / (fr1 - fr0)


def applied_pace(rows, i, window):
    j = back(rows, i, window)
    (t0, a0, f, _, pf), (t1, a1, _, p1, _) = rows[j], rows[i]
    if not (a1 > a0 and t1 > t0):
        return None
    pace = (a1 - a0) / (t1 - t0)
    return min((f - a1) / pace, max(0.0, pf - p1) / pace)


FORECASTS = [("the plastic strain's own pace (before 2026-11-23)", own_pace),
             ("the applied strain's pace (now)", applied_pace)]


def scores(ratios):
    known = [r for r in ratios if r is not None and r > 0]
    if not ratios:
        return "—"
    within = [sum(1 for r in known if 1 / k < r < k) / len(ratios) for k in (2.0, 1.5)]
    med = statistics.median([math.log(r) if r is not None and r > 0 else math.inf for r in ratios])
    med_text = f"{math.exp(med):.2f}" if math.isfinite(med) else "unknown"
    unknown = len(ratios) - len(known)
    extra = f" ({100 * unknown / len(ratios):.0f} % unknown)" if unknown else ""
    return f"{med_text}, {100 * within[0]:.0f} %, {100 * within[1]:.0f} %{extra}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("logs", nargs="+", metavar="LOG")
    ap.add_argument("--final-plastic-strain", type=float, default=None,
                    help="plastic-strain end for logs that do not print it")
    ap.add_argument("--window", type=float, default=30.0,
                    help="pace window of RunForecast in seconds (30, the program's)")
    ap.add_argument("--old-window", type=float, default=300.0,
                    help="pace window of the old forecast in seconds (300, as it was)")
    ap.add_argument("--long-minutes", type=float, default=60.0,
                    help="runs longer than this get their own column (60)")
    ap.add_argument("--min-left", type=float, default=30.0,
                    help="skip lines with less than this many seconds to go (30)")
    a = ap.parse_args()
    if not (a.window > 0 and a.old_window > 0):
        fail(f"--window and --old-window must be > 0 s, got {a.window} and {a.old_window}")
    runs = [r for path in a.logs for r in read_runs(path, a.final_plastic_strain)]
    if not runs:
        fail("no finished run with progress lines in " + ", ".join(a.logs))
    lines_all = lines_long = 0
    table = {name: ([], []) for name, _ in FORECASTS}
    for _tag, rows, t_end in runs:
        is_long = t_end - rows[0][0] > 60 * a.long_minutes
        for i in range(1, len(rows)):
            truth = t_end - rows[i][0]
            if truth < a.min_left:
                continue
            lines_all += 1
            lines_long += is_long
            for name, fn in FORECASTS:
                e = fn(rows, i, a.old_window if fn is own_pace else a.window)
                ratio = e / truth if e is not None else None
                table[name][0].append(ratio)
                if is_long:
                    table[name][1].append(ratio)
    n_long = sum(1 for _t, rows, t_end in runs if t_end - rows[0][0] > 60 * a.long_minutes)
    print(f"{len(runs)} finished runs, {lines_all} progress lines with at least {a.min_left:g} s "
          f"to go; {n_long} runs longer than {a.long_minutes:g} min ({lines_long} lines). "
          f"Forecast / time that remained:\n")
    print(f"| forecast | all: median, within 2×, within 1.5× | runs over {a.long_minutes:g} min: "
          "median, within 2×, within 1.5× |")
    print("|---|---|---|")
    for name, _ in FORECASTS:
        print(f"| {name} | {scores(table[name][0])} | {scores(table[name][1])} |")


if __name__ == "__main__":
    main()
