// A temporary copy of the data directory with one text replaced in one of its files (for the error-path tests of
// functions that read several files of a data directory).
#pragma once

#include "spinesim/model_loader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace spinesim::test {

// Copies default_data_dir() to <temp>/`name` (replacing an earlier copy) and replaces the first `from` in the file
// `relative_path` of the copy by `to` (REQUIREs that `from` occurs). Returns the copy's path; remove it when done.
inline std::string data_dir_copy_with(const std::string& name, const std::string& relative_path, const std::string& from,
                                      const std::string& to) {
    namespace fs = std::filesystem;
    const fs::path copy = fs::temp_directory_path() / name;
    fs::remove_all(copy);
    fs::copy(default_data_dir(), copy, fs::copy_options::recursive);
    const fs::path file = copy / relative_path;
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    std::ofstream(file) << text;
    return copy.string();
}

}  // namespace spinesim::test
