#include "results/hdf5_file.hpp"

#include "spinesim/error.hpp"

#include <filesystem>

namespace spinesim::results {

namespace {
void require_hdf5(const std::string& path) {
    if (H5Fis_hdf5(path.c_str()) <= 0)
        throw InputError(path, "path", path, "exists but is not an HDF5 file (or cannot be read)");
}
}  // namespace

H5Object open_for_writing(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))   // was: "exists but is not an HDF5 file"
        throw InputError(path, "path", path, "is a directory, not a file");
    if (std::filesystem::exists(path, ec)) {
        require_hdf5(path);
        H5Object file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        if (!file.valid())
            throw InputError(path, "path", path, "cannot be opened for writing (permissions, or open elsewhere?)");
        return file;
    }
    H5Object file(H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT));
    if (!file.valid())
        throw InputError(path, "path", path, "cannot be created (does the directory exist and is it writable?)");
    return file;
}

H5Object open_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path, "path", path, "no such file");
    require_hdf5(path);
    H5Object file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid())
        throw InputError(path, "path", path,
                         "is an HDF5 file that cannot be opened (truncated or damaged?)");
    return file;
}

}  // namespace spinesim::results
