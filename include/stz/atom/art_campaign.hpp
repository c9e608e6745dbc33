#pragma once
// Many ART nouveau searches on one sample (`stzkmc atom art`), MODEL.md §8: a recipe, the
// searches run in parallel (OpenMP threads here; MPI ranks split the search indices in the
// CLI), duplicate removal, and the event table that `stzkmc calibrate` reads
// (docs/calibration.md, inputs.art_events).
//
// Search k draws its central atom from CounterRng(seed, RngStream::atom_art, k) and its
// kick from local_kick(..., seed, k): every search is a pure function of (sample, recipe,
// k), so results do not depend on the thread count, the number of ranks or the order in
// which searches finish.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stz/atom/art.hpp"
#include "stz/atom/art_atoms.hpp"
#include "stz/atom/art_local.hpp"
#include "stz/atom/atoms.hpp"
#include "stz/atom/eam_potential.hpp"

namespace stz {
class StateWriter;
class StateReader;
}  // namespace stz

namespace stz::atom {

/// YAML keys: input, potential, elements, reference, sample, cooling_rate_K_per_s,
/// fictive_T_K, searches, seed, center_element, strain_cutoff_A, minimize_force_tol_eV_per_A,
/// art: {...}, duplicates: {...}. Relative paths are read from the recipe's folder.
struct ArtRecipe {
    std::filesystem::path file;                  ///< where it was read from (for messages)
    std::filesystem::path input;                 ///< LAMMPS data file of the sample
    std::filesystem::path potential;             ///< EAM file
    std::vector<std::string> elements;           ///< element per atom type; empty: from the data file
    std::optional<std::filesystem::path> reference;  ///< local strain reference (same atoms)
    std::string sample;                          ///< label in the event table (default: the input's stem)
    std::optional<double> cooling_rate_K_per_s;  ///< written in the event table when given
    std::optional<double> fictive_T_K;           ///< written in the event table when given
    long searches = 100;                         ///< independent searches
    std::uint64_t seed = 1;
    std::string center_element;                  ///< draw centres among this element only (empty: all atoms)
    double strain_cutoff_A = 3.8;                ///< atomic-strain neighbour cutoff for the local strain
    double minimize_force_tol_eV_per_A = 1e-4;   ///< the sample is CG-minimized to this first (2-norm)
    ArtSettings art = atoms_art_settings();      ///< art: initial_displacement_A, force_tol_eV_per_A, ...
    double kick_radius_A = 3.5;                  ///< art.kick_radius_A: atoms kicked around the centre
    LocalRegion region;                          ///< art.active_radius_A, art.margin_A
    double duplicate_barrier_tol_eV = 0.002;     ///< duplicates.barrier_tol_eV
    double duplicate_displacement_tol_A = 0.05;  ///< duplicates.displacement_tol_A

    /// The recipe with every default filled in, as YAML.
    [[nodiscard]] std::string to_yaml() const;
};

/// Parses and validates `yaml_text`; errors name file:line and the key. Relative paths are
/// read from `paths_from` if given (a job's recorded recipe.yaml: the folder it ran in),
/// else from the recipe's folder.
ArtRecipe parse_art_recipe(const std::string& yaml_text, const std::filesystem::path& file,
                           const std::optional<std::filesystem::path>& paths_from = std::nullopt);
ArtRecipe load_art_recipe(const std::filesystem::path& file);

/// The sample ready for searches: minimized, its energy, the local von Mises strain of
/// every atom against the reference (0 without one), and the central atom of each search.
struct ArtSample {
    Atoms atoms;
    std::shared_ptr<const EamPotential> potential;
    std::vector<int> type_element;
    double energy_eV = 0;                ///< after the minimization
    double initial_max_force_eV_per_A = 0;  ///< largest |f_i| before it
    std::vector<double> local_vm_strain; ///< per local atom
    std::vector<std::size_t> centers;    ///< centers[k]: local index of search k's central atom
    bool local = false;                  ///< the local region fits this box
};

/// Reads, minimizes and analyses the sample (logs what it does).
ArtSample prepare_art_sample(const ArtRecipe& recipe);

/// One search's outcome, as a row of searches.csv.
struct ArtSearchRecord {
    long search = 0;
    ArtEvent event;
    double local_vm_strain = 0;      ///< of the central atom
    std::string element;             ///< of the central atom
    long max_displaced_id = 0;       ///< id of the atom that moves most to the saddle
    ArtSearchCost cost;
    double wall_s = 0;
    long duplicate_of = -1;          ///< search index of the first event it repeats (-1: none)

    /// An event the table keeps: converged, connected, positive barrier, not a duplicate.
    [[nodiscard]] bool kept() const {
        return event.converged && event.connected && event.barrier_eV > 0 && duplicate_of < 0;
    }
};

/// Runs the searches with the given indices on `threads` OpenMP threads (each search on
/// one thread); results in the order of `indices`. `progress(done, total)` is called
/// (serialised) after each search, and then `on_record` with its record (a job's
/// checkpoints; neither may throw). Once `stop_requested` returns true no further search
/// starts (those running finish): the records of the searches not run have search == -1.
std::vector<ArtSearchRecord> run_art_searches(const ArtSample& sample, const ArtRecipe& recipe,
                                              const std::vector<long>& indices, int threads,
                                              const std::function<void(std::size_t, std::size_t)>& progress = {},
                                              const std::function<void(const ArtSearchRecord&)>& on_record = {},
                                              const std::function<bool()>& stop_requested = {});

/// A search record in a checkpoint, every field exactly.
void put_art_record(StateWriter& w, const ArtSearchRecord& record);
[[nodiscard]] ArtSearchRecord get_art_record(StateReader& r);

/// Marks duplicates in place (records sorted by search index): a connected event repeats an
/// earlier one when the barriers and the final-state energies differ by less than
/// duplicate_barrier_tol_eV, the most displaced atom is the same and the maximum
/// displacements differ by less than duplicate_displacement_tol_A.
void mark_duplicates(std::vector<ArtSearchRecord>& records, const ArtRecipe& recipe);

/// searches.csv: every search. Full precision, so that a file written by one MPI rank can
/// be read back by another (read_art_searches).
void write_art_searches(const std::filesystem::path& file, const std::vector<ArtSearchRecord>& records);
std::vector<ArtSearchRecord> read_art_searches(const std::filesystem::path& file);

/// art_events.csv: the kept events, in the calibration ART-event format (barrier_eV,
/// local_vm_strain, max_displacement_A, [cooling_rate_K_per_s], [fictive_T_K], sample)
/// followed by center_id, element, moved_atoms, asymmetry_eV, search.
void write_art_events(const std::filesystem::path& file, const std::vector<ArtSearchRecord>& records,
                      const ArtRecipe& recipe);

}  // namespace stz::atom
