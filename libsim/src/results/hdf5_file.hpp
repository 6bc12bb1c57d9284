// Opening results files: for writing (create or append, with InputErrors naming the path) and for reading.
#pragma once

#include "results/hdf5_object.hpp"

#include <string>

namespace spinesim::results {

H5Object open_for_writing(const std::string& path);
H5Object open_for_reading(const std::string& path);

}  // namespace spinesim::results
