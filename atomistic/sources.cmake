# Sources of atomistic/: the OpenMP EAM front end (MODEL.md §8, docs/atomistic.md).
target_sources(stzkmc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/box.cpp
  ${CMAKE_CURRENT_LIST_DIR}/atoms.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eam_potential.cpp
  ${CMAKE_CURRENT_LIST_DIR}/neighbor_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eam_force.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lammps_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lammps_dump.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thermo.cpp
  ${CMAKE_CURRENT_LIST_DIR}/md.cpp
  ${CMAKE_CURRENT_LIST_DIR}/minimize.cpp
  ${CMAKE_CURRENT_LIST_DIR}/structure_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/type_swap.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quench_recipe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/quench.cpp
  ${CMAKE_CURRENT_LIST_DIR}/recipe_keys.cpp
  ${CMAKE_CURRENT_LIST_DIR}/atomic_strain.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aqs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stz_clusters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/voronoi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/art.cpp
  ${CMAKE_CURRENT_LIST_DIR}/art_atoms.cpp
  ${CMAKE_CURRENT_LIST_DIR}/art_local.cpp
  ${CMAKE_CURRENT_LIST_DIR}/art_campaign.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shear_md.cpp
  ${CMAKE_CURRENT_LIST_DIR}/checkpoint.cpp
)
