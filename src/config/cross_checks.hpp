#pragma once
// Internal: checks that involve two keys of one section (strain_step < final_strain,
// barrier_min_eV < barrier_max_eV), with an error at the key the user actually wrote.
#include "src/config/yaml_reader.hpp"

namespace stz::detail {

/// A key of a section and its value (given or the default).
struct KeyValue {
    const char* key;
    double value;
};

/// Which of the two keys a bound constrains: it takes the blame when the file gives it.
enum class Constrained { lower, upper };

/// Requires lower.value < upper.value for two positive keys of section `r` (call after
/// r.finish()). The error names the constrained key if the file gives it, else the other
/// one, and says which value it was compared with, e.g.
///   loading.strain_step: expected a number with 0 < value < 0.05 (final_strain, the default), got
///   0.1
void require_less(const YamlReader& r, KeyValue lower, KeyValue upper, Constrained constrained);

}  // namespace stz::detail
