// Early checks of output paths, so that a long run does not fail only when it tries to save.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace spinesim::cli {

// Throws InputError naming `option` and the path if it is empty, a directory, or the file cannot be created in its
// directory.
void require_writable(const std::string& option, const std::string& path);

// CLI11 checks with readable messages (CLI11's PositiveNumber prints its bound as a 300-digit "%f" number):
// a name that must not be empty ("--output ''" is an error, not "no output"), worker threads 0 (all cores)
// to kMaxJobs, and a count from 1 to `max`.
constexpr int kMaxJobs = 1024;
CLI::Validator non_empty(const std::string& what);   // "--group ''": "must name a group (got '')"
CLI::Validator jobs_range();
CLI::Validator count_range(int max);

// Complete groups already in an HDF5 output ({} if the file does not exist).
std::vector<std::string> existing_groups(const std::string& path);

// Group name for a scenario (name or path) and its sweep values: "deadlift_140kg_neutral__load_kg=100".
std::string group_name(const std::string& scenario, const std::vector<std::pair<std::string, std::string>>& sweep);

}  // namespace spinesim::cli
