// Simulation::save_state / restore_state: a restored simulation continues exactly, event
// for event and bit for bit, as the one that was saved (the basis of `stzkmc run --resume`).
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "stz/core/error.hpp"
#include "stz/io/state_file.hpp"
#include "stz/kmc/simulation.hpp"
#include "tests/io/scratch_dir.hpp"
#include "tests/kmc/kmc_test_util.hpp"

namespace fs = std::filesystem;

namespace {

void save(const stz::Simulation& sim, const fs::path& file) {
    stz::StateWriter w;
    sim.save_state(w);
    stz::write_state_file(file, "test", "k", w);
}

void restore(stz::Simulation& sim, const fs::path& file) {
    stz::StateReader r(file, "test", "k");
    sim.restore_state(r);
    r.expect_end();
}

/// Everything observable must agree exactly (==, not within a tolerance): the restored run
/// must be the same computation, not a close one.
void check_same(const stz::Simulation& a, const stz::Simulation& b) {
    CHECK(a.time_s() == b.time_s());
    CHECK(a.applied_strain() == b.applied_strain());
    CHECK(a.stress_GPa() == b.stress_GPa());
    CHECK(a.counts().thermal == b.counts().thermal);
    CHECK(a.counts().athermal == b.counts().athermal);
    CHECK(a.counts().thermal_draws == b.counts().thermal_draws);
    CHECK(a.avalanches().size() == b.avalanches().size());
    CHECK(a.thinning_counts().candidates == b.thinning_counts().candidates);
    std::size_t stress_diff = 0, strain_diff = 0, gen_diff = 0;
    for (std::size_t i = 0; i < a.grid().size(); ++i) {
        const auto sa = a.stress(i).voigt(), sb = b.stress(i).voigt();
        const auto pa = a.plastic_eigenstrain(i).voigt(), pb = b.plastic_eigenstrain(i).voigt();
        stress_diff += sa != sb;
        strain_diff += pa != pb;
        gen_diff += a.catalog().generation(i) != b.catalog().generation(i);
    }
    CHECK(stress_diff == 0);
    CHECK(strain_diff == 0);
    CHECK(gen_diff == 0);
}

void round_trip(stz::Config cfg, double save_at = 0.018, double end_at = 0.03, int min_events = 20) {
    stz::test::ScratchDir dir;
    const fs::path file = dir.path() / "state.bin";
    stz::Simulation a(cfg);
    a.load_to(save_at, cfg.loading.strain_rate_per_s);
    save(a, file);
    const auto events_at_save = a.counts().thermal + a.counts().athermal;
    a.load_to(end_at, cfg.loading.strain_rate_per_s);
    // The interval after the checkpoint must contain events, or the test proves nothing.
    REQUIRE(a.counts().thermal + a.counts().athermal > events_at_save + min_events);

    stz::Simulation b(cfg);
    restore(b, file);
    b.load_to(end_at, cfg.loading.strain_rate_per_s);
    check_same(a, b);
}

}  // namespace

TEST_CASE("checkpoint: a restored 2D simulation continues bit for bit (thinning)") {
    round_trip(stz::test::small_config(24));
}

TEST_CASE("checkpoint: a restored simulation continues bit for bit (direct and tree)") {
    for (auto sel : {stz::EventSelection::direct, stz::EventSelection::tree}) {
        CAPTURE(int(sel));
        auto cfg = stz::test::small_config(16);
        cfg.kinetics.selection = sel;
        round_trip(cfg);
    }
}

TEST_CASE("checkpoint: a restored 3D simulation continues bit for bit (thinning)") {
    auto cfg = stz::test::small_config(12, 12, 6, 7);
    cfg.catalog.stz_volume_factor = 1.0;  // 3D: V = l0^3 (docs/model-choices.md)
    round_trip(cfg, 0.03, 0.045, 10);
}

TEST_CASE("checkpoint: a state does not load into another grid or selection") {
    stz::test::ScratchDir dir;
    const fs::path file = dir.path() / "state.bin";
    stz::Simulation a(stz::test::small_config(16));
    save(a, file);
    stz::Simulation other_grid(stz::test::small_config(12));
    stz::StateReader r(file, "test", "k");
    CHECK_THROWS_WITH_AS(other_grid.restore_state(r),
                         doctest::Contains("checkpoint of 256 voxels"), stz::Error);
    auto cfg = stz::test::small_config(16);
    cfg.kinetics.selection = stz::EventSelection::direct;
    stz::Simulation other_selection(cfg);
    stz::StateReader r2(file, "test", "k");
    CHECK_THROWS_AS(other_selection.restore_state(r2), stz::Error);
}

TEST_CASE("checkpoint: a loading interval paused between events and restored elsewhere continues "
          "bit for bit") {
    // Long loading intervals (strain steps of 6e-3 to 4.8 %: hundreds of thermal events each
    // through yield)
    // paused at every chance (every 64 thermal events), each time saved, restored into a
    // new Simulation and finished there; compared with one uninterrupted Simulation.
    for (auto sel : {stz::EventSelection::thinning, stz::EventSelection::direct}) {
        CAPTURE(int(sel));
        auto cfg = stz::test::small_config(32);
        cfg.kinetics.selection = sel;
        cfg.loading.strain_step = 6e-3;
        stz::test::ScratchDir dir;
        const fs::path file = dir.path() / "state.bin";
        stz::Simulation a(cfg);
        while (a.applied_strain() < 0.048) a.step();

        auto b = std::make_unique<stz::Simulation>(cfg);
        b->set_pause_check([] { return true; });
        int pauses = 0;
        while (b->interval_open() || b->applied_strain() < 0.048) {
            if (!b->interval_open()) {
                b->step();
                continue;
            }
            ++pauses;
            save(*b, file);
            b = std::make_unique<stz::Simulation>(cfg);
            restore(*b, file);
            REQUIRE(b->interval_open());
            b->set_pause_check([] { return true; });
            b->finish_interval();
        }
        CAPTURE(pauses);
        CHECK(pauses >= 3);  // else the test proves nothing
        check_same(a, *b);
        CHECK(a.counts().steps == b->counts().steps);
        // A paused interval must be finished before another starts.
        stz::Simulation c(cfg);
        c.set_pause_check([] { return true; });
        while (!c.interval_open() && c.applied_strain() < 0.036) c.step();
        if (c.interval_open()) CHECK_THROWS_AS(c.step(), stz::Error);
    }
}
