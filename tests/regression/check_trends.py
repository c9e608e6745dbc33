#!/usr/bin/env python3
"""Asserts the trends of paper 003 (MODEL.md section 6) on the tables of a finished sweep.

    check_trends.py STUDY SWEEP_DIR

STUDY is one of barrier_mean, softening, cooling_rate, strain_rate; SWEEP_DIR holds the
cases.csv written by `stzkmc sweep` for the matching tests/regression/<STUDY>.yaml, whose
groups are in the order of the paper's table (lowest barrier, weakest softening, fastest
cooling, slowest strain rate first).

Criteria (one line per check on stdout, exit status 1 if any fails):
  * a change the paper reports: the difference of the group means exceeds two standard
    errors of that difference, sqrt(se_a^2 + se_b^2), in the paper's direction;
  * "about unchanged": the difference stays inside a bound stated and justified at the check;
  * the Table 1 glass (Q = 2 eV, eta_max = -ln 0.6, 1e-4 /s) yields within the ranges of
    the kMC issue: 0.2 %-offset yield 1.2-2.5 GPa, strain at peak 1.5-3.5 %.
Standard library only, so it runs wherever ctest does.
"""
import csv
import math
import os
import sys

FAILED = []
AXIS = "strain_rate_per_s"  # the axis column of the strain-rate study


def load(sweep_dir):
    path = os.path.join(sweep_dir, "cases.csv")
    if not os.path.isfile(path):
        sys.exit(f"check_trends.py: {path} is missing (did the sweep run?)")
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups.setdefault(int(row["group"]), []).append(row)
    return [groups[k] for k in sorted(groups)]


def stats(rows, metric):
    vals = [float(r[metric]) for r in rows]
    vals = [v for v in vals if math.isfinite(v)]
    n = len(vals)
    if n < 2:
        return (vals[0] if vals else math.nan), math.nan, n
    mean = sum(vals) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in vals) / (n - 1))
    return mean, sd / math.sqrt(n), n


def name(rows):
    return rows[0]["group_name"]


def report(ok, text):
    print(("PASS  " if ok else "FAIL  ") + text)
    if not ok:
        FAILED.append(text)


def increases(groups, metric, a, b, why):
    """Mean of group b exceeds that of group a by more than two standard errors."""
    ma, sa, na = stats(groups[a], metric)
    mb, sb, nb = stats(groups[b], metric)
    se = math.sqrt(sa * sa + sb * sb)
    diff = mb - ma
    ok = na >= 2 and nb >= 2 and diff > 2 * se
    report(ok, f"{metric} increases {name(groups[a])} -> {name(groups[b])} ({why}): "
               f"{ma:.4g} +- {sa:.2g} (n={na}) -> {mb:.4g} +- {sb:.2g} (n={nb}); "
               f"difference {diff:.4g} vs 2 SE {2 * se:.3g}")


def within(groups, metric, a, b, bound, why):
    """|mean_b - mean_a| <= bound (a stated "about unchanged" tolerance)."""
    ma, sa, _ = stats(groups[a], metric)
    mb, sb, _ = stats(groups[b], metric)
    diff = mb - ma
    report(abs(diff) <= bound,
           f"{metric} about unchanged {name(groups[a])} -> {name(groups[b])}: "
           f"{ma:.4g} +- {sa:.2g} -> {mb:.4g} +- {sb:.2g}; |difference| {abs(diff):.4g} "
           f"<= bound {bound:.4g} ({why})")


def known_deviation(groups, metric, a, b, paper):
    """A trend of the paper this model does not reproduce (docs/reproduction.md says why):
    reported with the numbers, never failed, so that the table shows when it changes."""
    ma, sa, na = stats(groups[a], metric)
    mb, sb, nb = stats(groups[b], metric)
    se = math.sqrt(sa * sa + sb * sb)
    diff = mb - ma
    found = "up" if diff > 2 * se else "down" if diff < -2 * se else "no significant change"
    print(f"NOTE  known deviation, {metric} {name(groups[a])} -> {name(groups[b])}: paper {paper}, "
          f"here {found}: {ma:.4g} +- {sa:.2g} -> {mb:.4g} +- {sb:.2g} (docs/reproduction.md)")


def slope_per_decade(groups, metric, idx):
    """Least-squares slope of the group means against log10 of the axis labels, with its
    standard error from the groups' standard errors (independent groups)."""
    xs = [math.log10(float(groups[i][0][AXIS])) for i in idx]
    ms = [stats(groups[i], metric)[0] for i in idx]
    ses = [stats(groups[i], metric)[1] for i in idx]
    xbar = sum(xs) / len(xs)
    sxx = sum((x - xbar) ** 2 for x in xs)
    w = [(x - xbar) / sxx for x in xs]
    slope = sum(wi * m for wi, m in zip(w, ms))
    se = math.sqrt(sum((wi * e) ** 2 for wi, e in zip(w, ses)))
    return slope, se


def in_range(groups, metric, g, lo, hi):
    m, s, n = stats(groups[g], metric)
    report(lo <= m <= hi, f"{metric} of {name(groups[g])} in [{lo}, {hi}]: {m:.4g} +- {s:.2g} (n={n})")


def table1_ranges(groups, g):
    in_range(groups, "yield_stress_GPa", g, 1.2, 2.5)
    in_range(groups, "peak_strain", g, 0.015, 0.035)


def barrier_mean(g):
    # 003 Fig. 4: Q = 1.8 -> 2.0 -> 2.2 eV at eta_max = -ln 0.6.
    increases(g, "yield_stress_GPa", 0, 1, "a higher barrier delays yield")
    increases(g, "yield_stress_GPa", 1, 2, "a higher barrier delays yield")
    # "Extreme sites and localization index about unchanged": the same relative softening
    # cap gives every glass the same room to localize. Bound: half the localization index
    # of the Table 1 glass, a change the softening study (whose trend the paper calls
    # significant) exceeds between its ends; smaller differences are within what a 5-seed
    # mean of a quantity with a 10-30 % seed-to-seed spread can show.
    ref = stats(g[1], "localization_index")[0]
    within(g, "localization_index", 0, 2, 0.5 * ref, "half the Table 1 glass's value")
    table1_ranges(g, 1)


def softening(g):
    # 003 Fig. 5: eta_max = -ln 0.8 -> -ln 0.7 -> -ln 0.6 at Q = 2 eV.
    # "Yield about unchanged": the cap acts only on voxels that have transformed, few
    # before the peak. Bound 10 % of the mean yield of the Table 1 glass.
    ref = stats(g[2], "yield_stress_GPa")[0]
    within(g, "yield_stress_GPa", 0, 2, 0.10 * ref, "10 % of the Table 1 yield")
    increases(g, "stress_drop_GPa", 0, 2, "more softening, larger drop")
    increases(g, "extreme_sites", 0, 2, "more softening, more extreme sites")
    increases(g, "localization_index", 0, 2, "more softening, more localization")
    increases(g, "vm_strain_p99", 0, 2, "a longer tail of the von Mises strain distribution")
    table1_ranges(g, 2)


def cooling_rate(g):
    # 003 Fig. 6: 10^7.25 -> 10^5.75 -> 10^4.25 K/s, i.e. (Q, eta_max) = (1.8, -ln 0.67),
    # (2.0, -ln 0.6), (2.2, -ln 0.55): slower cooling, higher yield, less ductility.
    increases(g, "yield_stress_GPa", 0, 1, "slower cooling, stronger glass")
    increases(g, "yield_stress_GPa", 1, 2, "slower cooling, stronger glass")
    # Stress drop: asserted between the two fastest rates. The slowest-cooled glass is still
    # dropping at the end of the run (2.1 % plastic strain) in some seeds, so its drop
    # spreads over 0.5-1.4 GPa at 64^2 and 8-16 seeds need not resolve the last step; it is
    # reported, not failed.
    increases(g, "stress_drop_GPa", 0, 1, "slower cooling, larger drop")
    known_deviation(g, "stress_drop_GPa", 0, 2, "up")
    increases(g, "extreme_sites", 0, 2, "slower cooling, more extreme sites")
    increases(g, "localization_index", 0, 2, "slower cooling, more localization")
    table1_ranges(g, 1)


def strain_rate(g):
    # 003 Fig. 7: strain rate 1e-4 .. 1e2 /s (one group per decade), Q = 2 eV,
    # eta_max = -ln 0.6. Yield rises with the rate, linearly in log rate at low rates and
    # more slowly at high rates.
    last = len(g) - 1
    increases(g, "yield_stress_GPa", 0, last, "less time for thermal activation")
    # Monotone rise: over every two decades (one decade, ~0.1 GPa, is within two standard
    # errors of 5-seed means at these sizes, so single steps would test the noise).
    for a in range(last - 1):
        increases(g, "yield_stress_GPa", a, a + 2, "every two decades of strain rate")
    # "Linear in log rate at low rates": each of the four lowest means lies within three of
    # its standard errors of the straight line fitted through them (three, not two: four
    # points are compared at once, and the fit uses two degrees of freedom).
    xs = [math.log10(float(g[i][0][AXIS])) for i in range(4)]
    ms = [stats(g[i], "yield_stress_GPa")[0] for i in range(4)]
    ses = [stats(g[i], "yield_stress_GPa")[1] for i in range(4)]
    lo, lo_se = slope_per_decade(g, "yield_stress_GPa", range(0, 4))
    icpt = sum(ms) / 4 - lo * sum(xs) / 4
    worst = max(abs(m - (icpt + lo * x)) / e for x, m, e in zip(xs, ms, ses))
    report(worst <= 3, f"yield linear in log10(rate) over the four lowest rates: slope {lo:.4g} "
                       f"GPa/decade, largest residual {worst:.2f} standard errors (<= 3)")
    # "Saturating at high rates": the slope per decade over the three highest rates may not
    # exceed the slope over the four lowest by more than two standard errors (a rise that
    # steepened would contradict the paper; how far it flattens is in docs/reproduction.md).
    hi, hi_se = slope_per_decade(g, "yield_stress_GPa", range(last - 2, last + 1))
    bound = 2 * math.sqrt(lo_se ** 2 + hi_se ** 2)
    report(hi <= lo + bound,
           f"yield slope per decade does not steepen at high rates: lowest four "
           f"{lo:.4g} +- {lo_se:.2g} GPa, highest three {hi:.4g} +- {hi_se:.2g} GPa "
           f"(high <= low + {bound:.3g})")
    # The paper's extreme sites and localization rise with the rate (its AEBS shift grows,
    # 0.165 -> 0.215); here they fall: docs/reproduction.md, "Where results differ".
    known_deviation(g, "extreme_sites", 0, last, "up")
    known_deviation(g, "localization_index", 0, last, "up")
    table1_ranges(g, 0)


STUDIES = {"barrier_mean": barrier_mean, "softening": softening,
           "cooling_rate": cooling_rate, "strain_rate": strain_rate}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in STUDIES:
        sys.exit(f"usage: check_trends.py {{{','.join(STUDIES)}}} SWEEP_DIR")
    groups = load(sys.argv[2])
    STUDIES[sys.argv[1]](groups)
    if FAILED:
        print(f"{len(FAILED)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
