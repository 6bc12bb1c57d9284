// Small RAII layer over the HDF5 C API used by the results writer and reader: owning handles, error-stack
// silencing, and typed attribute/dataset helpers (double, int64, UTF-8 variable-length strings, row-major matrices).
#pragma once

#include <hdf5.h>

#include <Eigen/Core>

#include <string>
#include <vector>

namespace spinesim::results {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class H5Object {
public:
    H5Object() = default;
    explicit H5Object(hid_t id) : id_(id) {}
    H5Object(const H5Object&) = delete;
    H5Object& operator=(const H5Object&) = delete;
    H5Object(H5Object&& other) noexcept : id_(other.id_) { other.id_ = -1; }
    H5Object& operator=(H5Object&& other) noexcept;
    ~H5Object() { reset(); }

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    void reset();

private:
    hid_t id_ = -1;
};

// Turns off HDF5's automatic error-stack printing for its lifetime (we report errors ourselves).
class H5Quiet {
public:
    H5Quiet();
    ~H5Quiet();
    H5Quiet(const H5Quiet&) = delete;
    H5Quiet& operator=(const H5Quiet&) = delete;

private:
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
};

// Thrown by the helpers below; the public functions turn it into an InputError naming the file.
struct H5Failure {
    std::string what;
};

bool link_exists(hid_t location, const std::string& name);

// --- writing ---
void write_attribute(hid_t object, const std::string& name, double value);
void write_attribute(hid_t object, const std::string& name, long long value);
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values);

// Datasets are created with a `units` attribute; the returned handle lets the caller add more attributes.
H5Object write_dataset(hid_t group, const std::string& name, const Eigen::VectorXd& values, const std::string& units);
H5Object write_dataset(hid_t group, const std::string& name, const Eigen::MatrixXd& values, const std::string& units);
H5Object write_dataset(hid_t group, const std::string& name, const std::vector<std::string>& values,
                       const std::string& units);

// --- reading ---
bool has_attribute(hid_t object, const std::string& name);
double read_double_attribute(hid_t object, const std::string& name);
long long read_int_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name);
std::vector<std::string> attribute_names(hid_t object);

H5Object open_dataset(hid_t group, const std::string& name);
Eigen::VectorXd read_vector(hid_t group, const std::string& name);
Eigen::MatrixXd read_matrix(hid_t group, const std::string& name);
std::vector<std::string> read_strings(hid_t group, const std::string& name);

}  // namespace spinesim::results
