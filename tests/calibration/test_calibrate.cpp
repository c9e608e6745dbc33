// The calibration end to end: CSV files in, fragment and report out; malformed inputs.
#include "stz/calibration/calibrate.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "stz/core/error.hpp"
#include "stz/core/random.hpp"
#include "stz/core/sha256.hpp"
#include "stz/core/units.hpp"
#include "synthetic_data.hpp"
#include "tests/io/scratch_dir.hpp"

using namespace stz;

namespace {

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

/// A complete synthetic data set: ART events of one strained glass (1e10 K/s) with
/// displacements and fictive temperatures, clusters, a barrier-vs-rate table and a spec.
struct DataSet {
    test::ScratchDir dir;
    std::filesystem::path spec;

    explicit DataSet(const std::string& spec_extra = "", std::size_t events = 1500) {
        const test::SofteningTruth t;
        const auto s = test::draw_art(t, events, 77);
        const double ed = 0.146, kb = units::kBoltzmannEvPerK;
        const double d0 = 1.0 / std::exp(ed / (kb * 800));
        CounterRng rng(78, RngStream::test, 1);
        std::ostringstream art;
        art << "# synthetic: Q0 2 eV, kappa 52, Q_sat 1.2 eV, width 0.25 eV\n"
            << "barrier_eV,local_vm_strain,max_displacement_A,fictive_T_K,sample\n";
        const double temps[] = {700, 800, 900, 1000};
        for (std::size_t i = 0; i < s.barrier_eV.size(); ++i) {
            const double tf = temps[i % 4];
            const double d = d0 * std::exp(ed / (kb * tf)) * (1 + 0.2 * rng.normal());
            art << s.barrier_eV[i] << "," << s.strain[i] << "," << d << "," << tf << ",\"glass, A\"\n";
        }
        write(dir / "art.csv", art.str());
        std::ostringstream cl;
        cl << "size_atoms,sample\n";
        for (int i = 0; i < 600; ++i)
            cl << std::lround(std::exp(std::log(18.0) + 0.35 * rng.normal())) << ",A\n";
        write(dir / "clusters.csv", cl.str());
        write(dir / "rates.csv",
              "cooling_rate_K_per_s,barrier_mean_eV,barrier_sem_eV\n"
              "1e9,1.58,0.01\n1e10,1.45,0.01\n1e11,1.30,0.01\n1e12,1.18,0.01\n");
        spec = dir / "calibrate.yaml";
        write(spec, "inputs:\n  art_events: art.csv\n  stz_clusters: clusters.csv\n"
                    "  barrier_vs_cooling_rate: rates.csv\n"
                    "material:\n  atomic_volume_A3: 18.0\n  cohesive_energy_eV: 4.82\n"
                    "processing_map:\n  target_cooling_rate_K_per_s: 1e5\n" +
                        spec_extra);
    }
};

}  // namespace

TEST_CASE("calibrate: synthetic data give back the parameters they were drawn from") {
    DataSet ds;
    const CalibrationSpec spec = load_calibration_spec(ds.spec);
    const CalibrationResult r = calibrate(spec);
    REQUIRE(r.windows.size() == 5);  // paper windows by default
    REQUIRE(r.softening);
    // kappa = 52 split 1 : 3 -> kappa_p = 13, kappa_t = 39; within 4 standard errors.
    CHECK(std::abs(r.kappa_p.value - 13) < 4 * r.kappa_p.se);
    CHECK(std::abs(r.kappa_t.value - 39) < 4 * r.kappa_t.se);
    CHECK(r.kappa_t.value == doctest::Approx(3 * r.kappa_p.value));
    CHECK(std::abs(r.saturated_eV.value - 1.2) < 4 * r.saturated_eV.se);
    // The map: the table's 4 glasses, Q(1e5 K/s) extrapolated, eta_max = ln(Q / Q_sat).
    REQUIRE(r.map);
    CHECK(r.map->line.points == 4);
    REQUIRE(r.target);
    CHECK(r.target->eta_max.value ==
          doctest::Approx(std::log(r.target->barrier_eV.value / r.saturated_eV.value)));
    CHECK(r.target->barrier_eV.hi - r.target->barrier_eV.lo > 0);
    // STZ size: 18 atoms (median), 18 A^3 -> l0 ~ 0.70 nm; gamma* = 1 A-ish / l0.
    REQUIRE(r.geometry);
    CHECK(r.geometry->edge_nm.value == doctest::Approx(0.70).epsilon(0.03));
    REQUIRE(r.eigenstrain);
    CHECK(r.eigenstrain->gamma_star.value ==
          doctest::Approx(r.eigenstrain->displacement_A.value / (10 * r.geometry->edge_nm.value)));
    // M: E_f = 2.41 eV, e_d = 0.146 eV -> 16.5 (within the interval).
    REQUIRE(r.modes);
    CHECK(r.modes->formation_energy_eV.value == doctest::Approx(2.41));
    CHECK(r.modes->modes.covers(16.5));
    CHECK(r.skipped.empty());
    REQUIRE(r.inputs.size() == 3);
    CHECK(r.inputs[0].sha256 == sha256_file(r.inputs[0].path));
}

TEST_CASE("calibrate: the fragment is YAML with the parameters and their provenance") {
    DataSet ds;
    const CalibrationResult r = calibrate(load_calibration_spec(ds.spec));
    const std::string text = calibration_fragment(r, "stzkmc calibrate x.yaml --out f.yaml");
    const YAML::Node y = YAML::Load(text);
    CHECK(y["grid"]["voxel_size_nm"].as<double>() == r.geometry->edge_nm.value);
    CHECK(y["catalog"]["modes"].as<int>() == r.modes->modes_rounded);
    CHECK(y["catalog"]["barrier_std_eV"].as<double>() == r.windows[0].fit.std.value);
    CHECK(y["catalog"]["stz_volume_nm3"].as<double>() == r.geometry->volume_nm3.value);
    CHECK(y["softening"]["kappa_p"].as<double>() == r.kappa_p.value);
    CHECK(y["processing"]["cooling_rate_K_per_s"].as<double>() == 1e5);
    CHECK(y["processing"]["saturated_barrier_eV"].as<double>() == r.saturated_eV.value);
    CHECK(y["processing"]["barrier_slope_eV_per_decade"].as<double>() == r.map->line.slope);
    const YAML::Node p = y["provenance"];
    CHECK(p["inputs"].size() == 3);
    CHECK(p["inputs"][0]["sha256"].as<std::string>().size() == 64);
    CHECK(p["fits"]["aebs"]["windows"].size() == 5);
    CHECK(p["fits"]["softening"]["kappa"]["ci"].size() == 2);
    CHECK(p["fits"]["processing_map"]["r_squared"].as<double>() > 0.9);
    CHECK(p["command"].as<std::string>() == "stzkmc calibrate x.yaml --out f.yaml");
}

TEST_CASE("calibrate: the report folder holds the tables the plot script reads") {
    DataSet ds;
    const CalibrationResult r = calibrate(load_calibration_spec(ds.spec));
    write_calibration_report(r, ds.dir / "report");
    for (const char* f : {"aebs_windows.csv", "aebs_histograms.csv", "softening_points.csv",
                          "softening_curve.csv", "processing_map_points.csv",
                          "processing_map_band.csv", "processing_map_targets.csv", "stz_sizes.csv",
                          "displacement_arrhenius.csv"})
        CHECK_MESSAGE(std::filesystem::is_regular_file(ds.dir / "report" / f), f);
    // Histogram densities integrate to 1 per window.
    std::ifstream in(ds.dir / "report" / "aebs_histograms.csv");
    std::string line;
    std::getline(in, line);
    std::vector<double> integral(5, 0.0);
    while (std::getline(in, line)) {
        double v[6];
        char c;
        std::istringstream ls(line);
        ls >> v[0] >> c >> v[1] >> c >> v[2] >> c >> v[3] >> c >> v[4] >> c >> v[5];
        integral[std::size_t(v[0])] += v[4] * (v[2] - v[1]);
    }
    for (double x : integral) CHECK(x == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("calibrate: fits without their data are skipped and listed") {
    test::ScratchDir dir;
    write(dir / "rates.csv", "cooling_rate_K_per_s,barrier_mean_eV\n1e9,1.6\n1e10,1.45\n1e11,1.3\n");
    write(dir / "c.yaml", "inputs:\n  barrier_vs_cooling_rate: rates.csv\n"
                          "processing_map:\n  saturated_barrier_eV: 1.2\n"
                          "  target_cooling_rate_K_per_s: 1e6\n");
    const CalibrationResult r = calibrate(load_calibration_spec(dir / "c.yaml"));
    CHECK_FALSE(r.softening);
    CHECK(r.saturated_given);
    REQUIRE(r.target);
    CHECK(r.target->barrier_eV.value == doctest::Approx(1.6 + 0.15 * 3));
    CHECK(r.target->eta_max.value == doctest::Approx(std::log(2.05 / 1.2)));
    CHECK(r.skipped.size() == 2);  // stz_size; aebs/softening/gamma*/modes
    const YAML::Node y = YAML::Load(calibration_fragment(r, "c"));
    CHECK_FALSE(y["catalog"]);
    CHECK(y["processing"]["saturated_barrier_eV"].as<double>() == 1.2);
    CHECK(y["provenance"]["skipped"].size() == 2);
}

TEST_CASE("calibrate: malformed inputs give errors naming the file, line, column or key") {
    test::ScratchDir dir;
    auto expect_error = [&](const std::string& art, const std::string& spec_extra,
                            const std::string& message) {
        write(dir / "art.csv", art);
        write(dir / "c.yaml", "inputs:\n  art_events: art.csv\n" + spec_extra);
        CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                             doctest::Contains(message.c_str()), Error);
    };
    const std::string art_dir = (dir / "art.csv").string();
    SUBCASE("missing column") {
        expect_error("barrier_eV,strain\n1.0,0.1\n", "",
                     art_dir + ": missing column 'local_vm_strain' in ART event file (its columns: barrier_eV, strain)");
    }
    SUBCASE("NaN") {
        expect_error("barrier_eV,local_vm_strain\n1.0,0.1\nnan,0.2\n", "",
                     art_dir + ":3: column barrier_eV: expected a finite number, got \"nan\"");
    }
    SUBCASE("text where a number belongs") {
        expect_error("barrier_eV,local_vm_strain\n1.0,0.1\n1.2,n/a\n", "",
                     art_dir + ":3: column local_vm_strain: expected a number >= 0, got \"n/a\"");
    }
    SUBCASE("negative barrier") {
        expect_error("barrier_eV,local_vm_strain\n-1.0,0.1\n", "",
                     art_dir + ":2: column barrier_eV: expected a positive number, got -1.0");
    }
    SUBCASE("wrong number of fields") {
        expect_error("barrier_eV,local_vm_strain\n1.0,0.1,7\n", "",
                     art_dir + ":2: expected 2 fields as in the header, got 3");
    }
    SUBCASE("header only") {
        expect_error("barrier_eV,local_vm_strain\n", "", "has a header but no data rows");
    }
    SUBCASE("empty window") {
        std::string art = "barrier_eV,local_vm_strain\n";
        for (int i = 0; i < 20; ++i) art += "2.0,0.01\n1.2,0.3\n";
        expect_error(art, "", "the local-strain window 0.05 <= e < 0.1 holds 0 events");
    }
    SUBCASE("one cooling rate only") {
        write(dir / "rates.csv", "cooling_rate_K_per_s,barrier_mean_eV\n1e10,1.5\n");
        write(dir / "c.yaml", "inputs:\n  barrier_vs_cooling_rate: rates.csv\n");
        CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                             doctest::Contains("needs glasses at two or more cooling rates, got one (1e+10 K/s)"),
                             Error);
    }
    SUBCASE("several cooling rates without aebs.cooling_rate_K_per_s") {
        expect_error("barrier_eV,local_vm_strain,cooling_rate_K_per_s\n1,0.1,1e9\n1,0.1,1e10\n", "",
                     "set aebs.cooling_rate_K_per_s");
    }
    SUBCASE("clusters without an atomic volume") {
        write(dir / "cl.csv", "size_atoms\n10\n20\n");
        write(dir / "c.yaml", "inputs:\n  stz_clusters: cl.csv\n");
        CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                             doctest::Contains("needs the atomic volume: set material.atomic_volume_A3"),
                             Error);
    }
}

TEST_CASE("calibrate: softening.required: false keeps the other fits when the events show no softening") {
    // Barriers 1.6 +- 0.3 eV whatever the local strain (0 to 0.3): no softening to find.
    test::ScratchDir dir;
    CounterRng rng(5, RngStream::test, 2);
    std::ostringstream art;
    art << "barrier_eV,local_vm_strain,max_displacement_A\n";
    for (int i = 0; i < 300; ++i)
        art << 1.6 + 0.3 * rng.normal() << "," << 0.3 * rng.uniform() << "," << 1.0 + 0.2 * rng.uniform() << "\n";
    write(dir / "art.csv", art.str());
    write(dir / "cl.csv", "size_atoms\n10\n20\n40\n");
    const std::string base = "inputs:\n  art_events: art.csv\n  stz_clusters: cl.csv\n"
                             "material:\n  atomic_volume_A3: 16.0\naebs:\n  strain_windows: [0.1, 0.2]\n";
    write(dir / "c.yaml", base);
    CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                         doctest::Contains("no significant softening"), Error);
    write(dir / "c.yaml", base + "softening:\n  required: false\n");
    const CalibrationResult r = calibrate(load_calibration_spec(dir / "c.yaml"));
    CHECK_FALSE(r.softening);
    REQUIRE(r.windows.size() == 3);
    // The unstrained window's spectrum: 1.6 +- 0.3 eV within 4 standard errors.
    CHECK(std::abs(r.windows[0].fit.mean.value - 1.6) < 4 * r.windows[0].fit.mean.se);
    REQUIRE(r.eigenstrain);  // gamma* = ~1.1 A / l0 still fitted
    bool listed = false;
    for (const auto& s : r.skipped) listed = listed || s.find("softening (kappa_p") != std::string::npos;
    CHECK(listed);
    const YAML::Node y = YAML::Load(calibration_fragment(r, "x"));
    CHECK_FALSE(y["softening"]);
    CHECK(y["catalog"]["barrier_std_eV"].as<double>() == r.windows[0].fit.std.value);
    CHECK(y["catalog"]["gamma_star"].as<double>() == r.eigenstrain->gamma_star.value);
}

TEST_CASE("calibrate: clusters wrapping around the box are left out of the STZ size unless asked") {
    // Sizes 8, 16, 32 (log-normal mean of a geometric triple: exp(ln 16 + s^2/2) with the
    // sample variance s^2 = ln(2)^2) plus two spanning clusters of 500 atoms that would dominate.
    test::ScratchDir dir;
    write(dir / "cl.csv", "size_atoms,drop,strain,spans_box\n8,0,0.01,0\n500,0,0.01,1\n16,1,0.02,0\n"
                          "32,2,0.03,0\n500,3,0.04,1\n");
    const std::string base = "inputs:\n  stz_clusters: cl.csv\nmaterial:\n  atomic_volume_A3: 16.0\n";
    write(dir / "c.yaml", base);
    const CalibrationResult r = calibrate(load_calibration_spec(dir / "c.yaml"));
    REQUIRE(r.geometry);
    CHECK(r.spanning_clusters_excluded == 2);
    CHECK(r.cluster_sizes_atoms == std::vector<double>{8, 16, 32});
    const double s2 = std::log(2.0) * std::log(2.0);
    CHECK(r.geometry->size_atoms.mean.value == doctest::Approx(16 * std::exp(s2 / 2)).epsilon(1e-12));
    CHECK(YAML::Load(calibration_fragment(r, "x"))["provenance"]["fits"]["stz_size"]["spanning_clusters_excluded"]
              .as<int>() == 2);
    write(dir / "c.yaml", base + "stz_size:\n  exclude_spanning: false\n");
    const CalibrationResult all = calibrate(load_calibration_spec(dir / "c.yaml"));
    CHECK(all.spanning_clusters_excluded == 0);
    CHECK(all.cluster_sizes_atoms.size() == 5);
    // Only spanning clusters: refused, saying why.
    write(dir / "cl.csv", "size_atoms,spans_box\n500,1\n400,1\n12,0\n");
    write(dir / "c.yaml", base);
    CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                         doctest::Contains("2 wrap around the periodic box"), Error);
    write(dir / "cl.csv", "size_atoms,spans_box\n500,2\n");
    CHECK_THROWS_WITH_AS((void)calibrate(load_calibration_spec(dir / "c.yaml")),
                         doctest::Contains("spans_box"), Error);
}

TEST_CASE("calibration file errors name the file, line and key") {
    test::ScratchDir dir;
    write(dir / "a.csv", "barrier_eV,local_vm_strain\n1,0\n");
    auto expect = [&](const std::string& yaml, const std::string& message) {
        write(dir / "c.yaml", yaml);
        CHECK_THROWS_WITH_AS((void)load_calibration_spec(dir / "c.yaml"), doctest::Contains(message.c_str()),
                             Error);
    };
    const std::string f = (dir / "c.yaml").string();
    expect("inputs:\n  art_events: missing.csv\n", f + ":2: inputs.art_events: no file at");
    expect("inputs:\n  art_event: a.csv\n", "inputs.art_event");
    expect("inputs:\n  art_events: a.csv\naebs:\n  strain_windows: [0.1, 0.05]\n",
           f + ":4: aebs.strain_windows");
    expect("inputs:\n  art_events: a.csv\nconfidence: 1.5\n", f + ":3: confidence");
    expect("inputs: {}\n", "expected at least one of art_events");
}
