#!/usr/bin/python3
"""Write a small synthetic `stzkmc run` folder, for testing scripts/plot_run.py.

Usage: make_synthetic_run.py RUN_DIR [--nx NX] [--ny NY] [--nz NZ]

The curve is a metallic-glass-like tensile curve (elastic slope 60 GPa, a saturating rise
to a peak of ~1.85 GPa at 4.5 % applied strain, then softening to flow at 1.5 GPa); the
snapshots show a shear band at 45 degrees that thickens and strains with the plastic
strain (with log-normal noise), on an elastic background of ~2.5 % with noise, and a few
isolated STZ sites. nz = 1 writes 2D fields (ny, nx); nz > 1 writes 3D fields
(nz, ny, nx). Values are made up: only the file layout matches the program's.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

MODULUS_GPA = 60.0
SATURATION_GPA = 2.2
PEAK_STRAIN = 0.045
FLOW_GPA = 1.5
SNAPSHOTS = ["0.0050", "0.0200", "0.0500"]  # plastic strains, as the folder names spell them
EXTREME = 0.7


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run(script, *args):
    """Runs a plot script with this interpreter; returns the CompletedProcess."""
    return subprocess.run([sys.executable, script, *args], capture_output=True, text=True)


def check(cond, msg):
    """A test assertion: prints FAILED and exits 1 if `cond` is false."""
    if not cond:
        print("FAILED:", msg, file=sys.stderr)
        sys.exit(1)


def stress_of(eps):
    """Saturating elastic-plastic rise to a peak at PEAK_STRAIN, then softening to flow."""
    rise = SATURATION_GPA * np.tanh(MODULUS_GPA * eps / SATURATION_GPA)
    peak = SATURATION_GPA * np.tanh(MODULUS_GPA * PEAK_STRAIN / SATURATION_GPA)
    soft = FLOW_GPA + (peak - FLOW_GPA) * np.exp(-(eps - PEAK_STRAIN) / 0.01)
    return np.where(eps <= PEAK_STRAIN, rise, soft)


def write_curve(folder, rng):
    eps = np.round(np.arange(0, 0.1 + 1e-12, 2e-4), 10)
    sigma = stress_of(eps) + rng.normal(0, 0.01, eps.size) * (eps > PEAK_STRAIN)
    sigma[0] = 0.0
    plastic = np.maximum.accumulate(np.maximum(eps - sigma / MODULUS_GPA, 0.0))
    thermal = np.cumsum(rng.poisson(2 + 400 * plastic))
    athermal = np.cumsum(rng.poisson(35 * np.diff(plastic, prepend=0.0) / 2e-4))
    # an extra column the plot script must ignore (columns are selected by name)
    extra = np.linspace(0, 1, eps.size)
    with open(os.path.join(folder, "stress_strain.csv"), "w") as f:
        f.write("applied_strain,stress_GPa,plastic_strain,time_s,thermal_events,"
                "athermal_events,future_column\n")
        for row in zip(eps, sigma, plastic, eps / 1e-4, thermal, athermal, extra):
            f.write(",".join(f"{v:.10g}" for v in row) + "\n")

    # the 0.2 % offset yield point of the synthetic curve: sigma = E (eps - 0.002)
    line = MODULUS_GPA * (eps - 0.002)
    i = int(np.argmax(sigma - line <= 0))
    t = (sigma[i - 1] - line[i - 1]) / ((sigma[i - 1] - line[i - 1]) - (sigma[i] - line[i]))
    ye = eps[i - 1] + t * (eps[i] - eps[i - 1])
    k = int(np.argmax(sigma))
    with open(os.path.join(folder, "summary.yaml"), "w") as f:
        f.write("# synthetic run summary\n"
                f"seed: 42\n"
                f"yield_stress_GPa: {MODULUS_GPA * (ye - 0.002):.6g}\n"
                f"yield_strain: {ye:.6g}\n"
                f"peak_stress_GPa: {sigma[k]:.6g}\n"
                f"peak_strain: {eps[k]:.6g}\n"
                f"flow_stress_GPa: {FLOW_GPA:.6g}  # mean over the flow window\n"
                "stress_drop_GPa: .nan\n"
                "loading: uniaxial_tension\n"       # not a number: ignored
                "grid:\n  nx: 64\n  ny: 48\n"       # nested: ignored
                "versions: [1, 2]\n")


def band_field(ny, nx, ep, rng):
    y, x = np.mgrid[0:ny, 0:nx].astype(float)
    # distance to the periodic 45-degree line through the centre
    d = ((x - nx / 2) - (y - ny / 2)) / np.sqrt(2.0)
    period = min(nx, ny) / np.sqrt(2.0) * 2
    d = (d + period / 2) % period - period / 2
    width = 1.0 + 80 * ep
    band = 40 * ep * np.exp(-0.5 * (d / width) ** 2 + 0.3 * rng.standard_normal((ny, nx)))
    background = 0.025 + 0.004 * rng.standard_normal((ny, nx))
    sites = (rng.random((ny, nx)) < 0.02) * rng.exponential(0.15, (ny, nx))
    return np.abs(background + band + sites)


def write_snapshot(folder, value_text, nx, ny, nz, rng):
    ep = float(value_text)
    snap = os.path.join(folder, "snapshots", f"ep_{value_text}")
    os.makedirs(snap, exist_ok=True)
    planes = [band_field(ny, nx, ep, rng) for _ in range(nz)]
    vm = planes[0] if nz == 1 else np.stack(planes)
    vm_plastic = np.maximum(vm - 0.03, 0.0)
    generation = (vm_plastic / 0.1).astype(np.int32)
    np.save(os.path.join(snap, "vm_strain.npy"), vm.astype(np.float64))
    np.save(os.path.join(snap, "vm_plastic_strain.npy"), vm_plastic.astype(np.float64))
    np.save(os.path.join(snap, "generation.npy"), generation)
    with open(os.path.join(snap, "metrics.yaml"), "w") as f:
        f.write(f"plastic_strain: {ep}\n"
                f"extreme_sites: {int(np.count_nonzero(vm > EXTREME))}\n"
                f"localization_index: {float(np.std(vm)):.6g}\n"
                f"mean: {float(np.mean(vm)):.6g}\n")


def write_run(folder, nx=64, ny=48, nz=1, seed=1):
    rng = np.random.default_rng(seed)
    os.makedirs(folder, exist_ok=True)
    write_curve(folder, rng)
    for value_text in SNAPSHOTS:
        write_snapshot(folder, value_text, nx, ny, nz, rng)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("run_dir")
    p.add_argument("--nx", type=int, default=64)
    p.add_argument("--ny", type=int, default=48)
    p.add_argument("--nz", type=int, default=1)
    a = p.parse_args()
    write_run(a.run_dir, a.nx, a.ny, a.nz)
    print(a.run_dir)


if __name__ == "__main__":
    main()
