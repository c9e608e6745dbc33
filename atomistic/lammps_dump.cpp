// LAMMPS text dump frames (dump custom layout; OVITO reads them).
#include <algorithm>
#include <cstdio>
#include <system_error>
#include <numeric>

#include "stz/atom/lammps_data.hpp"
#include "stz/core/error.hpp"

namespace stz::atom {

DumpWriter::DumpWriter(const std::filesystem::path& file, DumpColumns columns)
    : path_(file), columns_(std::move(columns)), out_(file, std::ios::trunc) {
    STZ_REQUIRE(out_, file.string() << ": cannot open dump file for writing");
}

DumpWriter::DumpWriter(const std::filesystem::path& file, DumpColumns columns, std::uint64_t keep_bytes)
    : path_(file), columns_(std::move(columns)), bytes_(keep_bytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    STZ_REQUIRE(!ec && size >= keep_bytes, file.string() << ": the trajectory has " << (ec ? 0 : size)
                                                         << " bytes, the checkpoint expects at least " << keep_bytes
                                                         << " (was it changed or removed?)");
    std::filesystem::resize_file(file, keep_bytes, ec);
    STZ_REQUIRE(!ec, file.string() << ": cannot cut back to " << keep_bytes << " bytes: " << ec.message());
    out_.open(file, std::ios::app);
    STZ_REQUIRE(out_, file.string() << ": cannot open dump file for appending");
}

void DumpWriter::write(const Atoms& atoms, std::int64_t timestep) {
    const Box& b = atoms.box;
    char buf[512];
    out_ << "ITEM: TIMESTEP\n" << timestep << "\nITEM: NUMBER OF ATOMS\n" << atoms.size() << "\n";
    if (b.triclinic()) {
        // LAMMPS writes the bounding box of the tilted cell plus the tilts.
        const double xlo_b = b.lo.x + std::min({0.0, b.xy, b.xz, b.xy + b.xz});
        const double xhi_b = b.lo.x + b.lx + std::max({0.0, b.xy, b.xz, b.xy + b.xz});
        const double ylo_b = b.lo.y + std::min(0.0, b.yz), yhi_b = b.lo.y + b.ly + std::max(0.0, b.yz);
        std::snprintf(buf, sizeof buf, "ITEM: BOX BOUNDS xy xz yz pp pp pp\n%.17g %.17g %.17g\n%.17g %.17g %.17g\n%.17g %.17g %.17g\n",
                      xlo_b, xhi_b, b.xy, ylo_b, yhi_b, b.xz, b.lo.z, b.lo.z + b.lz, b.yz);
    } else {
        std::snprintf(buf, sizeof buf, "ITEM: BOX BOUNDS pp pp pp\n%.17g %.17g\n%.17g %.17g\n%.17g %.17g\n", b.lo.x,
                      b.lo.x + b.lx, b.lo.y, b.lo.y + b.ly, b.lo.z, b.lo.z + b.lz);
    }
    out_ << buf << "ITEM: ATOMS id type element x y z";
    if (columns_.image_flags) out_ << " ix iy iz";
    if (columns_.velocities) out_ << " vx vy vz";
    if (columns_.forces) out_ << " fx fy fz";
    for (const auto& [name, values] : columns_.extra) {
        STZ_REQUIRE(values && values->size() == atoms.size(), "dump column " << name << " has the wrong length");
        out_ << ' ' << name;
    }
    out_ << '\n';
    std::vector<std::size_t> order(atoms.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) { return atoms.id[p] < atoms.id[q]; });
    for (std::size_t i : order) {
        const auto& sp = atoms.species[static_cast<std::size_t>(atoms.type[i])];
        std::snprintf(buf, sizeof buf, "%lld %d %s %.10g %.10g %.10g", static_cast<long long>(atoms.id[i]),
                      atoms.type[i] + 1, sp.element.empty() ? "X" : sp.element.c_str(), atoms.x[i].x, atoms.x[i].y,
                      atoms.x[i].z);
        out_ << buf;
        if (columns_.image_flags) out_ << ' ' << atoms.image[i][0] << ' ' << atoms.image[i][1] << ' ' << atoms.image[i][2];
        auto vec = [&](const Vec3& a) {
            std::snprintf(buf, sizeof buf, " %.10g %.10g %.10g", a.x, a.y, a.z);
            out_ << buf;
        };
        if (columns_.velocities) vec(atoms.v[i]);
        if (columns_.forces) vec(atoms.f[i]);
        for (const auto& col : columns_.extra) {
            std::snprintf(buf, sizeof buf, " %.10g", (*col.second)[i]);
            out_ << buf;
        }
        out_ << '\n';
    }
    out_.flush();
    STZ_REQUIRE(out_, path_.string() << ": write failed (disk full?)");
    bytes_ = static_cast<std::uint64_t>(out_.tellp());
}

}  // namespace stz::atom
