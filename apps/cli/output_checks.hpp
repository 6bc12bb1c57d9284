// Early checks of output paths, so that a long run does not fail only when it tries to save.
#pragma once

#include <string>
#include <vector>

namespace spinesim::cli {

// Throws InputError naming `option` and the path if the file cannot be created in its directory.
void require_writable(const std::string& option, const std::string& path);

// Complete groups already in an HDF5 output ({} if the file does not exist).
std::vector<std::string> existing_groups(const std::string& path);

// Group name for a scenario (name or path) and its sweep values: "deadlift_140kg_neutral__load_kg=100".
std::string group_name(const std::string& scenario, const std::vector<std::pair<std::string, std::string>>& sweep);

}  // namespace spinesim::cli
