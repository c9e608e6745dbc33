#include "stz/sweep/sweep_status.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <sstream>

#include "stz/core/duration_text.hpp"
#include "stz/kmc/run_job.hpp"
#include "src/sweep/case_folder.hpp"

namespace stz {

namespace fs = std::filesystem;

namespace {

/// Seconds since `p` was last written; none if it cannot be read.
std::optional<double> age_s(const fs::path& p) {
    std::error_code ec;
    const auto t = fs::last_write_time(p, ec);
    if (ec) return std::nullopt;
    const auto now = fs::file_time_type::clock::now();
    return std::chrono::duration<double>(now - t).count();
}

/// The last complete line of a CSV file, read from its end (the avalanche table of a long
/// run holds millions of rows); empty if there is none.
std::string last_line(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return {};
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    const std::streamoff take = std::min<std::streamoff>(size, 4096);
    std::string tail(static_cast<std::size_t>(take), '\0');
    in.seekg(size - take);
    in.read(tail.data(), take);
    // A line still being written has no newline yet: drop it.
    const auto end = tail.rfind('\n');
    if (end == std::string::npos) return {};
    tail.resize(end);
    const auto start = tail.rfind('\n');
    return start == std::string::npos ? (take == size ? tail : std::string()) : tail.substr(start + 1);
}

void read_summary(const fs::path& file, CaseStatus& s) {
    try {
        const YAML::Node y = YAML::LoadFile(file.string());
        s.applied_strain = y["final_applied_strain"].as<double>();
        s.plastic_strain = y["final_plastic_strain"].as<double>();
        s.events = y["thermal_events"].as<long long>() + y["athermal_events"].as<long long>();
    } catch (const std::exception& e) {
        s.note = file.filename().string() + " unreadable: " + e.what();
    }
}

void read_last_avalanche(const fs::path& file, CaseStatus& s) {
    const std::string line = last_line(file);
    if (line.empty() || line.rfind("index,", 0) == 0) return;  // no avalanche yet
    std::array<double, 8> v{};
    std::istringstream in(line);
    std::string cell;
    std::size_t k = 0;
    try {
        for (; k < v.size() && std::getline(in, cell, ','); ++k) v[k] = std::stod(cell);
    } catch (const std::exception&) {
        k = 0;
    }
    if (k != v.size()) {
        s.note = file.filename().string() + ": last row unreadable";
        return;
    }
    s.applied_strain = v[1];
    s.plastic_strain = v[7];
}

}  // namespace

const char* to_string(CaseState s) {
    switch (s) {
        case CaseState::finished: return "finished";
        case CaseState::checkpoint: return "checkpoint";
        case CaseState::started: return "started";
        case CaseState::other_parameters: return "other parameters";
        case CaseState::not_started: return "not started";
    }
    return "?";
}

std::vector<CaseStatus> sweep_status(const SweepSpec& spec, const SweepPlan& plan, const fs::path& out_dir) {
    std::vector<CaseStatus> out;
    for (const SweepCase& c : plan.cases) {
        const std::string expected = params_file_text(resolve_case(spec, plan, c));
        CaseStatus s;
        s.index = c.index;
        s.dir = c.dir;
        const fs::path dir = out_dir / c.dir;
        const std::string params = sweep_detail::read_file_or_empty(dir / "params.yaml");
        if (params.empty()) {
            out.push_back(s);
            continue;
        }
        if (sweep_detail::finished_with(dir, expected))
            s.state = CaseState::finished;
        else if (params != expected)
            s.state = CaseState::other_parameters;
        else if (sweep_detail::resumable_with(dir, expected))
            s.state = CaseState::checkpoint;
        else
            s.state = CaseState::started;
        if (s.state == CaseState::finished)
            read_summary(dir / "summary.yaml", s);
        else if (s.state != CaseState::other_parameters)
            read_last_avalanche(dir / "avalanches.csv.part", s);
        std::error_code ec;
        if (fs::is_directory(dir / "snapshots", ec))
            for (const auto& e : fs::directory_iterator(dir / "snapshots", ec))
                if (e.is_directory()) s.snapshots.push_back(e.path().filename().string());
        std::sort(s.snapshots.begin(), s.snapshots.end());
        for (const char* f : {"params.yaml", "avalanches.csv.part", kRunCheckpointName, "summary.yaml", "case.yaml"}) {
            const auto a = age_s(dir / f);
            if (a && (!s.last_write_age_s || *a < *s.last_write_age_s)) s.last_write_age_s = a;
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string sweep_status_text(const SweepSpec& spec, const std::vector<CaseStatus>& cases, const fs::path& out_dir) {
    std::array<std::size_t, 5> n{};
    for (const CaseStatus& c : cases) ++n[static_cast<std::size_t>(c.state)];
    std::string t = fmt::format(
        "# sweep {} in {}: {} cases: {} finished, {} with a checkpoint, {} started without one, {} with "
        "other parameters, {} not started\n"
        "# applied and plastic strain: at the end (finished) or after the last avalanche recorded "
        "(a resume starts from the checkpoint, up to --checkpoint-every before it)\n",
        spec.name, out_dir.string(), cases.size(), n[0], n[1], n[2], n[3], n[4]);
    std::size_t wdir = 6;
    for (const CaseStatus& c : cases) wdir = std::max(wdir, c.dir.string().size());
    t += fmt::format("{:<5} {:<{}} {:<16} {:>9} {:>9} {:>11} {:<12} {}\n", "case", "folder", wdir, "state",
                     "applied", "plastic", "events", "snapshots", "last write");
    const auto opt = [](const std::optional<double>& v) { return v ? fmt::format("{:.5f}", *v) : std::string("-"); };
    for (const CaseStatus& c : cases) {
        std::string snaps;
        for (const std::string& s : c.snapshots) snaps += (snaps.empty() ? "" : ",") + s;
        t += fmt::format("{:<5} {:<{}} {:<16} {:>9} {:>9} {:>11} {:<12} {}{}\n", c.index, c.dir.string(), wdir,
                         to_string(c.state), opt(c.applied_strain), opt(c.plastic_strain),
                         c.events ? std::to_string(*c.events) : std::string("-"), snaps.empty() ? "-" : snaps,
                         c.last_write_age_s ? duration_text(std::max(0.0, *c.last_write_age_s)) + " ago" : "-",
                         c.note.empty() ? "" : "  (" + c.note + ")");
    }
    return t;
}

}  // namespace stz
