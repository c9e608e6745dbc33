#!/usr/bin/env python3
"""Checks `stzkmc atom art` output folders (tests/atomistic/tests.cmake).

check_art_outputs.py DIR [SAME_DIR ...]
  DIR: recipe.yaml, minimum.data, searches.csv (one row per search), summary.yaml, and
  art_events.csv in the calibration ART-event format (docs/calibration.md): the rows are
  the searches.csv rows that converged, connected, have a positive barrier and repeat no
  earlier event.
  SAME_DIR: runs of the same recipe with other thread or rank counts; their searches.csv
  must equal DIR's in every column but wall_s (thread- and rank-independence).
"""
import csv
import os
import sys


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def main():
    ref = sys.argv[1]
    for f in ("recipe.yaml", "minimum.data", "searches.csv", "summary.yaml", "art_events.csv"):
        if not os.path.isfile(os.path.join(ref, f)):
            fail(f"missing {ref}/{f}")
    searches = rows(os.path.join(ref, "searches.csv"))
    events = rows(os.path.join(ref, "art_events.csv"))
    with open(os.path.join(ref, "art_events.csv")) as f:
        header = f.readline().strip().split(",")
    want = ["barrier_eV", "local_vm_strain", "max_displacement_A", "cooling_rate_K_per_s", "sample"]
    if header[:4] != want[:4] or "sample" not in header:
        fail(f"art_events.csv header {header}, expected it to start with {want[:4]} and have sample")
    kept = [s for s in searches if s["converged"] == "1" and s["connected"] == "1"
            and float(s["barrier_eV"]) > 0 and s["duplicate_of"] == "-1"]
    if [int(e["search"]) for e in events] != [int(s["search"]) for s in kept]:
        fail("art_events.csv rows are not the kept searches")
    for e, s in zip(events, kept):
        if abs(float(e["barrier_eV"]) - float(s["barrier_eV"])) > 1e-9 * max(1, float(s["barrier_eV"])):
            fail(f"search {s['search']}: barrier differs between the tables")
        if e["center_id"] != s["center_id"] or float(e["local_vm_strain"]) < 0:
            fail(f"search {s['search']}: centre or strain")
    for s in searches:
        if s["duplicate_of"] != "-1" and int(s["duplicate_of"]) >= int(s["search"]):
            fail(f"search {s['search']} repeats a later one")
    summary = open(os.path.join(ref, "summary.yaml")).read()
    if f"searches: {len(searches)}\n" not in summary or f"events: {len(events)}\n" not in summary:
        fail("summary.yaml counts differ from the tables")
    for other in sys.argv[2:]:
        o = rows(os.path.join(other, "searches.csv"))
        if len(o) != len(searches):
            fail(f"{other}: {len(o)} searches, {ref}: {len(searches)}")
        for a, b in zip(searches, o):
            for k in a:
                if k != "wall_s" and a[k] != b[k]:
                    fail(f"{other}: search {a['search']} column {k}: {b[k]} vs {a[k]}")
    print(f"ok: {len(searches)} searches, {len(events)} events; {len(sys.argv) - 2} other runs identical")


if __name__ == "__main__":
    main()
