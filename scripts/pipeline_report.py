#!/usr/bin/python3
"""Helpers of scripts/pipeline.sh: merge the ART events for calibration, draw the figures.

Usage:
  pipeline_report.py merge OUT      write OUT/calibration/{art_events,stz_clusters,material}.csv
  pipeline_report.py figures OUT    write OUT/figures/pipeline_*.png and OUT/report.md

OUT is a pipeline folder (scripts/pipeline.sh --out), holding quench/, aqs/,
art_unstrained/, art_strained/, calibration/, kmc/, kmc_sizes/ (when the run
with the full fragment was refused), kmc_paper003/ and stage_times.csv.

merge (standard library only):
  art_events.csv    the rows of art_unstrained/art_events.csv and art_strained/art_events.csv
                    with the columns barrier_eV, local_vm_strain, max_displacement_A,
                    cooling_rate_K_per_s, sample (those present in both files). fictive_T_K
                    is left out: one glass has one fictive temperature, and the number of
                    shear modes M needs two or more (docs/calibration.md), so the column
                    would only make `stzkmc calibrate` refuse the whole file.
  stz_clusters.csv  aqs/stz_clusters.csv as it is
  material.csv      atomic_volume_A3 = glass_volume_per_atom_A3 of quench/summary.yaml

figures (numpy and matplotlib):
  pipeline_quench.png     potential energy and volume per atom against temperature
  pipeline_aqs.png        AQS shear stress against strain, stress drops marked
  pipeline_art.png        barrier histograms by sample; barrier against local strain
                          (with the fitted softening law when the calibration made one)
  pipeline_stz_size.png   sizes of the D2min clusters of the AQS drops
  pipeline_kmc.png        kMC stress-strain: calibrated run(s) against paper 003's values
  report.md               stage times, counts and the calibrated keys (markdown)

A missing or malformed input: a one-line message on stderr, exit status 2.
"""
import csv
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atomic_write import open_atomic, save_figure  # noqa: E402


class InputError(Exception):
    pass


def read_csv(path):
    """Rows of a CSV file with a header (lines starting with '#' and blank lines skipped)."""
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    with open(path, newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError(f"{path}: no header row")
    reader = csv.DictReader(lines)
    return reader.fieldnames or [], list(reader)


def column(rows, name, path):
    try:
        return [float(r[name]) for r in rows]
    except KeyError:
        raise InputError(f"{path}: no column {name}")
    except ValueError as e:
        raise InputError(f"{path}: column {name}: {e}")


def flat_yaml(path):
    """`key: value` lines at the top level of a YAML file (numbers as float, else text)."""
    out = {}
    if not os.path.isfile(path):
        return out
    with open(path) as f:
        for ln in f:
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*):\s*([^#\n]*)", ln)
            if not m or not m.group(2).strip():
                continue
            v = m.group(2).strip()
            try:
                out[m.group(1)] = float(v)
            except ValueError:
                out[m.group(1)] = v.strip('"')
    return out


# ------------------------------------------------------------------ merge
MERGE_COLUMNS = ["barrier_eV", "local_vm_strain", "max_displacement_A", "cooling_rate_K_per_s",
                 "sample"]


def merge(out):
    cal = os.path.join(out, "calibration")
    os.makedirs(cal, exist_ok=True)
    sources = [os.path.join(out, d, "art_events.csv") for d in ("art_unstrained", "art_strained")]
    tables = [read_csv(p) for p in sources]
    cols = [c for c in MERGE_COLUMNS if all(c in fields for fields, _ in tables)]
    for req in ("barrier_eV", "local_vm_strain"):
        if req not in cols:
            raise InputError(f"column {req} missing from {' or '.join(sources)}")
    n = 0
    with open_atomic(os.path.join(cal, "art_events.csv"), newline="") as f:
        f.write("# ART events of the unstrained and the strained sample, merged by "
                "scripts/pipeline_report.py (fictive_T_K left out: one glass)\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for (_, rows), src in zip(tables, sources):
            for r in rows:
                w.writerow([r[c] for c in cols])
                n += 1
    counts = ", ".join(f"{os.path.basename(os.path.dirname(s))} {len(r)}"
                       for s, (_, r) in zip(sources, tables))
    print(f"merged {n} ART events ({counts}) -> {os.path.join(cal, 'art_events.csv')}")

    clusters = os.path.join(out, "aqs", "stz_clusters.csv")
    _, crow = read_csv(clusters)
    with open(clusters) as src, open_atomic(os.path.join(cal, "stz_clusters.csv")) as dst:
        dst.write(src.read())
    print(f"{len(crow)} STZ clusters -> {os.path.join(cal, 'stz_clusters.csv')}")

    summary = os.path.join(out, "quench", "summary.yaml")
    vol = flat_yaml(summary).get("glass_volume_per_atom_A3")
    if not isinstance(vol, float) or not vol > 0:
        raise InputError(f"{summary}: no glass_volume_per_atom_A3")
    with open_atomic(os.path.join(cal, "material.csv")) as f:
        f.write(f"# volume per atom of the quenched glass ({summary})\n")
        f.write(f"atomic_volume_A3\n{vol:.10g}\n")
    print(f"atomic volume {vol:.4f} A^3 -> {os.path.join(cal, 'material.csv')}")


# ------------------------------------------------------------------ figures
def figures(out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    figdir = os.path.join(out, "figures")
    os.makedirs(figdir, exist_ok=True)
    written = []

    def save(fig, name):
        path = os.path.join(figdir, name)
        fig.tight_layout()
        save_figure(fig, path, dpi=110)
        plt.close(fig)
        written.append(path)

    # Cooling curve.
    p = os.path.join(out, "quench", "cooling_curve.csv")
    _, rows = read_csv(p)
    T = np.array(column(rows, "T_K", p))
    pe = np.array(column(rows, "pe_per_atom_eV", p))
    vol = np.array(column(rows, "volume_per_atom_A3", p))
    stage = np.array([r.get("stage", "") for r in rows])
    fig, ax = plt.subplots(1, 2, figsize=(9, 3.6))
    for st, c in (("melt", "tab:red"), ("quench", "tab:blue"), ("hold", "tab:green")):
        m = stage == st
        if m.any():
            ax[0].plot(T[m], pe[m], ".", ms=2, color=c, label=st)
            ax[1].plot(T[m], vol[m], ".", ms=2, color=c, label=st)
    qs = flat_yaml(os.path.join(out, "quench", "summary.yaml"))
    ax[0].set(xlabel="T (K)", ylabel="potential energy (eV/atom)",
              title=f"quench of {int(qs.get('atoms', 0))} atoms")
    ax[1].set(xlabel="T (K)", ylabel="volume (Å$^3$/atom)")
    ax[0].legend(markerscale=4)
    if "glass_pe_per_atom_eV" in qs:
        ax[0].axhline(qs["glass_pe_per_atom_eV"], color="k", lw=0.8, ls=":")
        ax[0].annotate(f"minimized glass {qs['glass_pe_per_atom_eV']:.4f} eV/atom",
                       (0.02, 0.04), xycoords="axes fraction", fontsize=8)
    save(fig, "pipeline_quench.png")

    # AQS curve.
    p = os.path.join(out, "aqs", "stress_strain.csv")
    _, rows = read_csv(p)
    g = np.array(column(rows, "strain", p))
    s = np.array(column(rows, "shear_stress_GPa", p))
    pd_ = os.path.join(out, "aqs", "drops.csv")
    _, drows = read_csv(pd_)
    fig, ax = plt.subplots(figsize=(6, 3.8))
    ax.plot(100 * g, s, lw=1, color="k", label="AQS")
    if drows:
        dg = np.array(column(drows, "strain", pd_))
        dd = np.array(column(drows, "drop_GPa", pd_))
        da = np.array(column(drows, "stress_after_GPa", pd_))
        big = dd >= 0.05
        ax.plot(100 * dg[~big], da[~big], "v", ms=3, color="tab:blue", label="drop < 0.05 GPa")
        ax.plot(100 * dg[big], da[big], "v", ms=5, color="tab:red", label="drop ≥ 0.05 GPa")
    strained = flat_yaml(os.path.join(out, "aqs", "strained_sample.yaml"))
    if "strain" in strained:
        ax.axvline(100 * strained["strain"], color="tab:purple", ls="--", lw=0.8,
                   label="strained ART sample")
    ax.set(xlabel="shear strain γ (%)", ylabel="shear stress (GPa)",
           title=f"AQS: {len(drows)} stress drops")
    ax.legend(fontsize=8)
    save(fig, "pipeline_aqs.png")

    # ART events.
    p = os.path.join(out, "calibration", "art_events.csv")
    _, rows = read_csv(p)
    q = np.array(column(rows, "barrier_eV", p))
    e = np.array(column(rows, "local_vm_strain", p))
    lab = np.array([r.get("sample", "") for r in rows])
    fig, ax = plt.subplots(1, 2, figsize=(10, 3.8))
    bins = np.linspace(0, max(q.max() if q.size else 1.0, 0.5) * 1.02, 25)
    colors = ["tab:blue", "tab:red", "tab:green", "tab:orange"]
    for k, name in enumerate(sorted(set(lab))):
        m = lab == name
        c = colors[k % len(colors)]
        ax[0].hist(q[m], bins=bins, histtype="step", lw=1.5, color=c,
                   label=f"{name}: n={m.sum()}, mean {q[m].mean():.2f} eV")
        ax[1].plot(e[m], q[m], "o", ms=3, alpha=0.6, color=c, label=name)
    ax[0].set(xlabel="barrier (eV)", ylabel="events", title="ART barrier spectra")
    ax[0].legend(fontsize=8)
    sc = os.path.join(out, "calibration", "fragment_report", "softening_curve.csv")
    if os.path.isfile(sc):
        _, srows = read_csv(sc)
        if srows and "barrier_eV" in srows[0]:
            ax[1].plot(column(srows, "strain", sc), column(srows, "barrier_eV", sc), "k-",
                       lw=1.5, label="fitted softening law")
    ax[1].set(xlabel="local von Mises strain of the central atom", ylabel="barrier (eV)",
              title="barrier against local strain")
    ax[1].legend(fontsize=8)
    save(fig, "pipeline_art.png")

    # STZ sizes.
    p = os.path.join(out, "aqs", "stz_clusters.csv")
    _, rows = read_csv(p)
    n = np.array(column(rows, "size_atoms", p))
    spans = (np.array(column(rows, "spans_box", p)) == 1) if rows and "spans_box" in rows[0] \
        else np.zeros(n.size, bool)
    fig, ax = plt.subplots(figsize=(6, 3.8))
    if n.size:
        b = np.unique(np.round(np.logspace(0, math.log10(max(n.max(), 2)) + 0.05, 20)))
        ax.hist([n[~spans], n[spans]], bins=b, stacked=True, color=["tab:gray", "tab:orange"],
                edgecolor="k", label=["local", "wrapping around the box (left out)"])
        ax.set_xscale("log")
        g = os.path.join(out, "calibration", "fragment.yaml")
        mean = fragment_mean_size(g)
        if mean is not None:
            ax.axvline(mean, color="tab:red", ls="--",
                       label=f"log-normal mean {mean:.1f} atoms (calibrated)")
        ax.legend(fontsize=8)
    ax.set(xlabel="cluster size (atoms, D2min > 0.18 Å$^2$)", ylabel="clusters",
           title=f"STZ clusters of the AQS drops: {n.size} ({int(spans.sum())} wrap around the box)")
    save(fig, "pipeline_stz_size.png")

    # kMC curves.
    fig, ax = plt.subplots(figsize=(6, 3.8))
    status = read_status(out)
    refused = []
    for d, label, c in (("kmc", f"calibrated: {status}", "tab:red"),
                        ("kmc_sizes", "calibrated: STZ size only", "tab:blue"),
                        ("kmc_paper003", "paper 003 values", "tab:gray")):
        p = os.path.join(out, d, "stress_strain.csv")
        if os.path.isfile(os.path.join(out, d, "refused.txt")):
            refused.append(label)
            continue
        if not os.path.isfile(p):
            continue
        _, rows = read_csv(p)
        ax.plot(100 * np.array(column(rows, "applied_strain", p)),
                column(rows, "stress_GPa", p), lw=1.2, color=c, label=label)
    ax.set(xlabel="applied strain (%)", ylabel="stress (GPa)", title="kMC, uniaxial tension")
    for k, label in enumerate(refused):
        ax.text(0.02, 0.97 - 0.07 * k, f"{label}: refused by stzkmc run (report.md)", transform=ax.transAxes,
                fontsize=7, va="top", color="tab:red")
    ax.legend(fontsize=8, loc="lower right")
    save(fig, "pipeline_kmc.png")

    write_report(out, written)
    for w in written:
        print(w)


def fragment_mean_size(path):
    """mean_size_atoms of the calibration fragment's stz_size fit, or None."""
    if not os.path.isfile(path):
        return None
    with open(path) as f:
        text = f.read()
    m = re.search(r"mean_size_atoms:\s*\{value:\s*([-+0-9.eE]+)", text)
    return float(m.group(1)) if m else None


def read_status(out):
    p = os.path.join(out, "calibration", "status.txt")
    if not os.path.isfile(p):
        return "no calibration"
    with open(p) as f:
        return f.readline().strip() or "unknown"


def fragment_keys(path):
    """section.key = value  # comment, for the parameter lines of a fragment (not provenance)."""
    keys = []
    if not os.path.isfile(path):
        return keys
    section = None
    with open(path) as f:
        for ln in f:
            if ln.startswith("#") or not ln.strip():
                continue
            m = re.match(r"^([a-z_]+):\s*$", ln)
            if m:
                section = m.group(1)
                if section == "provenance":
                    break
                continue
            m = re.match(r"^\s+([a-z_0-9]+):\s*([^#]+?)\s*(#\s*(.*))?$", ln)
            if m and section:
                keys.append((f"{section}.{m.group(1)}", m.group(2), m.group(4) or ""))
    return keys


def write_report(out, figs):
    lines = ["# Pipeline report", ""]
    p = os.path.join(out, "stage_times.csv")
    if os.path.isfile(p):
        _, rows = read_csv(p)
        rows = [r for r in rows if r["stage"] != "total"]
        total = sum(float(r["wall_s"]) for r in rows)
        def cpu(r):
            v = (r.get("cpu_s") or "").strip()
            return f"{float(v):.1f}" if v else "–"
        cpu_total = sum(float(r["cpu_s"]) for r in rows if (r.get("cpu_s") or "").strip())
        lines += ["| stage | wall time (s) | CPU time (s) |", "|---|---:|---:|"]
        lines += [f"| {r['stage']} | {float(r['wall_s']):.1f} | {cpu(r)} |" for r in rows]
        lines += [f"| **total** | **{total:.1f}** | **{cpu_total:.1f}** |", ""]
    qs = flat_yaml(os.path.join(out, "quench", "summary.yaml"))
    if qs:
        lines.append(f"- glass: {int(qs.get('atoms', 0))} atoms, "
                     f"{qs.get('glass_pe_per_atom_eV', float('nan')):.4f} eV/atom, "
                     f"{qs.get('glass_volume_per_atom_A3', float('nan')):.3f} Å³/atom")
    try:
        _, d = read_csv(os.path.join(out, "aqs", "drops.csv"))
        _, c = read_csv(os.path.join(out, "aqs", "stz_clusters.csv"))
        lines.append(f"- AQS: {len(d)} stress drops, {len(c)} STZ clusters")
    except InputError:
        pass
    st = flat_yaml(os.path.join(out, "aqs", "strained_sample.yaml"))
    if st:
        lines.append(f"- strained ART sample: {st.get('file', '?')} (γ = {st.get('strain', 0):.4f})")
    for d in ("art_unstrained", "art_strained"):
        a = flat_yaml(os.path.join(out, d, "summary.yaml"))
        if a:
            def n(k):
                v = a.get(k)
                return int(v) if isinstance(v, float) else "?"
            lines.append(f"- {d}: {n('searches')} searches, {n('converged')} converged to a saddle, "
                         f"{n('connected')} connected to the initial minimum, {n('duplicates')} "
                         f"duplicates: {n('events')} distinct events")
    lines.append(f"- calibration: {read_status(out)}")
    reason = os.path.join(out, "calibration", "refused.txt")
    if os.path.isfile(reason):
        with open(reason) as f:
            lines.append(f"  - the ART-event fits were refused: `{f.read().strip()}`")
    keys = fragment_keys(os.path.join(out, "calibration", "fragment.yaml"))
    if keys:
        lines += ["", "| calibrated key | value | note |", "|---|---:|---|"]
        lines += [f"| `{k}` | {v} | {c} |" for k, v, c in keys]
        lines.append("")
    for d, label in (("kmc", "kMC, calibrated"), ("kmc_sizes", "kMC, calibrated STZ size only"),
                     ("kmc_paper003", "kMC, paper 003 values")):
        refused = os.path.join(out, d, "refused.txt")
        if os.path.isfile(refused):
            with open(refused) as f:
                lines.append(f"- {label}: **refused by `stzkmc run`**: `{f.read().strip()}`")
            continue
        s = flat_yaml(os.path.join(out, d, "summary.yaml"))
        if s:
            def g(k):
                v = s.get(k)
                return f"{v:.3f}" if isinstance(v, float) and math.isfinite(v) else "–"
            lines.append(f"- {label}: yield {g('yield_stress_GPa')} GPa, peak "
                         f"{g('peak_stress_GPa')} GPa, flow {g('flow_stress_GPa')} GPa, "
                         f"{int(s.get('thermal_events', 0))} thermal events")
    lines += ["", "Figures:", ""] + [f"- {os.path.relpath(f, out)}" for f in figs]
    with open_atomic(os.path.join(out, "report.md")) as f:
        f.write("\n".join(lines) + "\n")
    written_report = os.path.join(out, "report.md")
    print(written_report)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("merge", "figures"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        if sys.argv[1] == "merge":
            merge(sys.argv[2])
        else:
            figures(sys.argv[2])
    except InputError as e:
        print(f"{os.path.basename(sys.argv[0])}: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
