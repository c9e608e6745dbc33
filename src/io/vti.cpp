#include "stz/io/vti.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <utility>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"
#include "stz/io/atomic_file.hpp"

namespace stz {

// The appended data are the in-memory bytes, declared byte_order="LittleEndian".
static_assert(std::endian::native == std::endian::little,
              "the .vti writer assumes a little-endian machine");

VtiWriter::VtiWriter(Grid grid, double spacing) : grid_(grid), spacing_(spacing) {
    STZ_REQUIRE(grid.nx > 0 && grid.ny > 0 && grid.nz > 0,
                "VtiWriter: grid dimensions must be positive, got " << grid.nx << " x " << grid.ny
                                                                    << " x " << grid.nz);
    STZ_REQUIRE(std::isfinite(spacing) && spacing > 0,
                "VtiWriter: spacing must be a positive number, got " << spacing);
}

void VtiWriter::add_scalar(std::string name, std::span<const double> values) {
    STZ_REQUIRE(!name.empty(), "VtiWriter::add_scalar: empty array name");
    STZ_REQUIRE(name.find_first_of("<>&\"' \t\n\r") == std::string::npos,
                "VtiWriter::add_scalar: array name '"
                    << name << "' contains a blank or an XML special character");
    for (const Array& a : arrays_) {
        STZ_REQUIRE(a.name != name, "VtiWriter::add_scalar: array '" << name << "' added twice");
    }
    STZ_REQUIRE(values.size() == grid_.size(), "VtiWriter::add_scalar: array '"
                                                   << name << "' has " << values.size()
                                                   << " values, the grid has " << grid_.size()
                                                   << " voxels");
    arrays_.push_back({std::move(name), std::vector<double>(values.begin(), values.end())});
}

void VtiWriter::write(const std::filesystem::path& path) const {
    STZ_REQUIRE(!arrays_.empty(),
                "cannot write " << detail::quote(path) << ": no arrays were added");
    const std::string h = detail::format_double(spacing_);  // shortest exact text
    std::ostringstream extent;
    extent << "0 " << grid_.nx << " 0 " << grid_.ny << " 0 " << grid_.nz;

    std::ostringstream xml;
    xml << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\""
        << " header_type=\"UInt64\">\n"
        << "  <ImageData WholeExtent=\"" << extent.str() << "\" Origin=\"0 0 0\" Spacing=\"" << h
        << ' ' << h << ' ' << h << "\">\n"
        << "    <Piece Extent=\"" << extent.str() << "\">\n"
        << "      <CellData Scalars=\"" << arrays_.front().name << "\">\n";
    std::uint64_t offset = 0;
    for (const Array& a : arrays_) {
        xml << "        <DataArray type=\"Float64\" Name=\"" << a.name
            << "\" NumberOfComponents=\"1\" format=\"appended\" offset=\"" << offset << "\"/>\n";
        offset += sizeof(std::uint64_t) + a.values.size() * sizeof(double);
    }
    xml << "      </CellData>\n"
        << "    </Piece>\n"
        << "  </ImageData>\n"
        << "  <AppendedData encoding=\"raw\">\n"
        << "   _";  // the underscore marks the start of the raw bytes
    const std::string header = xml.str();

    AtomicFile file(path);
    std::ostream& os = file.stream();
    os.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (const Array& a : arrays_) {
        const std::uint64_t nbytes = a.values.size() * sizeof(double);
        os.write(reinterpret_cast<const char*>(&nbytes), sizeof(nbytes));
        os.write(reinterpret_cast<const char*>(a.values.data()),
                 static_cast<std::streamsize>(nbytes));
    }
    os << "\n  </AppendedData>\n</VTKFile>\n";
    file.commit();
}

}  // namespace stz
