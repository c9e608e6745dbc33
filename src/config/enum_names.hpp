#pragma once
// Internal: the YAML spellings of every configuration enum, each defined once.
//
// EnumNames<E> holds the names of enum E in enum order; everything else (to_string,
// parsing a key, the "expected one of ..." lists, the comments of to_yaml) is generic
// and reads that one table. Adding an enum = one specialisation here + one to_string
// line in enum_names.cpp.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "src/config/yaml_reader.hpp"
#include "stz/config/config.hpp"
#include "stz/core/error.hpp"

namespace stz::detail {

/// names[i] is the YAML spelling of static_cast<E>(i); `noun` names E in messages.
template <class E>
struct EnumNames;

template <>
struct EnumNames<LoadingMode> {
    static constexpr const char* noun = "loading mode";
    static constexpr std::array names = {"uniaxial_tension", "uniaxial_compression", "pure_shear",
                                         "simple_shear"};
    static_assert(names.size() == static_cast<std::size_t>(LoadingMode::simple_shear) + 1);
};

template <>
struct EnumNames<BarrierDistribution> {
    static constexpr const char* noun = "barrier distribution";
    static constexpr std::array names = {"gaussian", "uniform"};
    static_assert(names.size() == static_cast<std::size_t>(BarrierDistribution::uniform) + 1);
};

template <>
struct EnumNames<KmcScheme> {
    static constexpr const char* noun = "kMC scheme";
    static constexpr std::array names = {"continuous", "paper"};
    static_assert(names.size() == static_cast<std::size_t>(KmcScheme::paper) + 1);
};

template <>
struct EnumNames<AvalancheOrder> {
    static constexpr const char* noun = "avalanche order";
    static constexpr std::array names = {"lowest_first", "all_unstable"};
    static_assert(names.size() == static_cast<std::size_t>(AvalancheOrder::all_unstable) + 1);
};

template <>
struct EnumNames<EventSelection> {
    static constexpr const char* noun = "event selection";
    static constexpr std::array names = {"tree", "direct", "thinning"};
    static_assert(names.size() == static_cast<std::size_t>(EventSelection::thinning) + 1);
};

/// Every name of E, in enum order (the form YamlReader::optional_choice takes).
template <class E>
[[nodiscard]] const std::vector<std::string>& enum_names() {
    static const std::vector<std::string> names(EnumNames<E>::names.begin(),
                                                EnumNames<E>::names.end());
    return names;
}

/// "a, b, c": the names of E for "expected one of ..." and comments.
template <class E>
[[nodiscard]] std::string enum_name_list() {
    std::string list;
    for (const char* n : EnumNames<E>::names) list += (list.empty() ? "" : ", ") + std::string(n);
    return list;
}

/// The YAML spelling of `value`; throws stz::Error for a value outside the enum.
template <class E>
[[nodiscard]] const char* enum_name(E value) {
    const auto i = static_cast<std::size_t>(value);
    STZ_REQUIRE(i < EnumNames<E>::names.size(), "invalid " << EnumNames<E>::noun << " value " << i);
    return EnumNames<E>::names[i];
}

/// The value of E spelt `name`, or nothing.
template <class E>
[[nodiscard]] std::optional<E> enum_from_name(const std::string& name) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (name == names[i]) return static_cast<E>(i);
    }
    return std::nullopt;
}

/// Optional key `key` of `r` spelling an E (any other value is an error listing the names).
template <class E>
[[nodiscard]] std::optional<E> optional_enum(YamlReader& r, const std::string& key) {
    if (auto i = r.optional_choice(key, enum_names<E>())) return static_cast<E>(*i);
    return std::nullopt;
}

}  // namespace stz::detail
