// Building a Model for a subject from the data directory.
#pragma once

#include "spinesim/model.hpp"

#include <string>

namespace spinesim {

// The data directory: $SPINESIM_DATA_DIR if set (InputError if it is not a directory), else the one compiled in
// (the source tree's data/).
std::string default_data_dir();

// Reads data_dir/model/*.toml|csv, scales to the subject and mirrors right-side definitions to the left.
// Throws InputError naming file, field and value on any malformed or inconsistent entry.
Model load_model(const Subject& subject, const std::string& data_dir = default_data_dir());

}  // namespace spinesim
