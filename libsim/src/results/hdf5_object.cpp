#include "results/hdf5_object.hpp"

#include <Eigen/Core>

namespace spinesim::results {

namespace {

using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

hid_t check(hid_t id, const std::string& what) {
    if (id < 0) throw H5Failure{what};
    return id;
}

void check_status(herr_t status, const std::string& what) {
    if (status < 0) throw H5Failure{what};
}

// Variable-length UTF-8 string type (what h5py reads as str).
H5Object string_type() {
    H5Object type(check(H5Tcopy(H5T_C_S1), "string type"));
    check_status(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
    return type;
}

H5Object scalar_space() { return H5Object(check(H5Screate(H5S_SCALAR), "dataspace")); }

H5Object simple_space(std::vector<hsize_t> dims) {
    return H5Object(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), "dataspace"));
}

void write_attribute_raw(hid_t object, const std::string& name, hid_t type, hid_t space, const void* data) {
    if (H5Aexists(object, name.c_str()) > 0) check_status(H5Adelete(object, name.c_str()), "replacing attribute " + name);
    H5Object attr(check(H5Acreate2(object, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + name));
    check_status(H5Awrite(attr.get(), type, data), "attribute " + name);
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
    std::vector<const char*> out;
    out.reserve(values.size());
    for (const std::string& v : values) out.push_back(v.c_str());
    return out;
}

// Reads variable-length strings through `reader` (H5Aread/H5Dread), then frees HDF5's buffers.
template <class Read>
std::vector<std::string> read_vlen_strings(hid_t space, hid_t file_type, const std::string& what, Read read) {
    if (H5Tget_class(file_type) != H5T_STRING || H5Tis_variable_str(file_type) <= 0)
        throw H5Failure{what + " is not a variable-length string"};
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) throw H5Failure{what};
    std::vector<char*> buffer(static_cast<std::size_t>(n), nullptr);
    H5Object type = string_type();
    if (n > 0) check_status(read(type.get(), buffer.data()), what);
    std::vector<std::string> out;
    out.reserve(buffer.size());
    for (char* s : buffer) out.emplace_back(s ? s : "");
    if (n > 0) {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(type.get(), space, H5P_DEFAULT, buffer.data());
#else
        H5Dvlen_reclaim(type.get(), space, H5P_DEFAULT, buffer.data());
#endif
    }
    return out;
}

H5Object open_attribute(hid_t object, const std::string& name) {
    return H5Object(check(H5Aopen(object, name.c_str(), H5P_DEFAULT), "missing attribute '" + name + "'"));
}

}  // namespace

H5Object& H5Object::operator=(H5Object&& other) noexcept {
    if (this != &other) {
        reset();
        id_ = other.id_;
        other.id_ = -1;
    }
    return *this;
}

void H5Object::reset() {
    if (id_ < 0) return;
    switch (H5Iget_type(id_)) {
        case H5I_FILE: H5Fclose(id_); break;
        case H5I_GROUP: H5Gclose(id_); break;
        case H5I_DATASET: H5Dclose(id_); break;
        case H5I_ATTR: H5Aclose(id_); break;
        case H5I_DATASPACE: H5Sclose(id_); break;
        case H5I_DATATYPE: H5Tclose(id_); break;
        case H5I_GENPROP_LST: H5Pclose(id_); break;
        default: break;
    }
    id_ = -1;
}

H5Quiet::H5Quiet() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

H5Quiet::~H5Quiet() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }

bool link_exists(hid_t location, const std::string& name) { return H5Lexists(location, name.c_str(), H5P_DEFAULT) > 0; }

void write_attribute(hid_t object, const std::string& name, double value) {
    H5Object space = scalar_space();
    write_attribute_raw(object, name, H5T_NATIVE_DOUBLE, space.get(), &value);
}

void write_attribute(hid_t object, const std::string& name, long long value) {
    H5Object space = scalar_space();
    write_attribute_raw(object, name, H5T_NATIVE_LLONG, space.get(), &value);
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
    H5Object space = scalar_space();
    H5Object type = string_type();
    const char* s = value.c_str();
    write_attribute_raw(object, name, type.get(), space.get(), &s);
}

void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& values) {
    H5Object space = simple_space({values.size()});
    H5Object type = string_type();
    const std::vector<const char*> strings = c_strings(values);
    write_attribute_raw(object, name, type.get(), space.get(), strings.data());
}

namespace {
H5Object create_dataset(hid_t group, const std::string& name, hid_t type, hid_t space, const void* data,
                        bool has_data, const std::string& units) {
    H5Object set(check(H5Dcreate2(group, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                       "dataset " + name));
    if (has_data) check_status(H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "dataset " + name);
    write_attribute(set.get(), "units", units);
    return set;
}
}  // namespace

H5Object write_dataset(hid_t group, const std::string& name, const Eigen::VectorXd& values, const std::string& units) {
    H5Object space = simple_space({static_cast<hsize_t>(values.size())});
    return create_dataset(group, name, H5T_NATIVE_DOUBLE, space.get(), values.data(), values.size() > 0, units);
}

H5Object write_dataset(hid_t group, const std::string& name, const Eigen::MatrixXd& values, const std::string& units) {
    const RowMajor row_major = values;  // HDF5 is row-major: frames x columns as h5py shows it
    H5Object space = simple_space({static_cast<hsize_t>(values.rows()), static_cast<hsize_t>(values.cols())});
    return create_dataset(group, name, H5T_NATIVE_DOUBLE, space.get(), row_major.data(), values.size() > 0, units);
}

H5Object write_dataset(hid_t group, const std::string& name, const std::vector<std::string>& values,
                       const std::string& units) {
    H5Object space = simple_space({values.size()});
    H5Object type = string_type();
    const std::vector<const char*> strings = c_strings(values);
    return create_dataset(group, name, type.get(), space.get(), strings.data(), !values.empty(), units);
}

bool has_attribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

double read_double_attribute(hid_t object, const std::string& name) {
    H5Object attr = open_attribute(object, name);
    double value = 0.0;
    check_status(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value), "attribute '" + name + "' is not a number");
    return value;
}

long long read_int_attribute(hid_t object, const std::string& name) {
    H5Object attr = open_attribute(object, name);
    long long value = 0;
    check_status(H5Aread(attr.get(), H5T_NATIVE_LLONG, &value), "attribute '" + name + "' is not an integer");
    return value;
}

std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name) {
    H5Object attr = open_attribute(object, name);
    H5Object space(check(H5Aget_space(attr.get()), "attribute " + name));
    H5Object file_type(check(H5Aget_type(attr.get()), "attribute " + name));
    return read_vlen_strings(space.get(), file_type.get(), "attribute '" + name + "'",
                             [&](hid_t mem_type, char** buffer) { return H5Aread(attr.get(), mem_type, buffer); });
}

std::string read_string_attribute(hid_t object, const std::string& name) {
    const std::vector<std::string> values = read_string_array_attribute(object, name);
    if (values.size() != 1) throw H5Failure{"attribute '" + name + "' is not a single string"};
    return values.front();
}

std::vector<std::string> attribute_names(hid_t object) {
    std::vector<std::string> names;
    H5O_info_t info;
#if H5_VERSION_GE(1, 12, 0)
    check_status(H5Oget_info3(object, &info, H5O_INFO_NUM_ATTRS), "object info");
#else
    check_status(H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS), "object info");
#endif
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        const ssize_t length = H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (length < 0) throw H5Failure{"attribute name"};
        std::string name(static_cast<std::size_t>(length) + 1, '\0');
        H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(static_cast<std::size_t>(length));
        names.push_back(name);
    }
    return names;
}

H5Object open_dataset(hid_t group, const std::string& name) {
    return H5Object(check(H5Dopen2(group, name.c_str(), H5P_DEFAULT), "missing dataset '" + name + "'"));
}

namespace {
std::vector<hsize_t> dataset_dims(hid_t set, const std::string& name) {
    H5Object space(check(H5Dget_space(set), "dataset " + name));
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) throw H5Failure{"dataset '" + name + "'"};
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
}
}  // namespace

Eigen::VectorXd read_vector(hid_t group, const std::string& name) {
    H5Object set = open_dataset(group, name);
    const std::vector<hsize_t> dims = dataset_dims(set.get(), name);
    if (dims.size() != 1) throw H5Failure{"dataset '" + name + "' is not one-dimensional"};
    Eigen::VectorXd values(static_cast<Eigen::Index>(dims[0]));
    if (values.size() > 0)
        check_status(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     "dataset '" + name + "' is not numeric");
    return values;
}

Eigen::MatrixXd read_matrix(hid_t group, const std::string& name) {
    H5Object set = open_dataset(group, name);
    const std::vector<hsize_t> dims = dataset_dims(set.get(), name);
    if (dims.size() != 2) throw H5Failure{"dataset '" + name + "' is not two-dimensional"};
    RowMajor values(static_cast<Eigen::Index>(dims[0]), static_cast<Eigen::Index>(dims[1]));
    if (values.size() > 0)
        check_status(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     "dataset '" + name + "' is not numeric");
    return values;
}

std::vector<std::string> read_strings(hid_t group, const std::string& name) {
    H5Object set = open_dataset(group, name);
    H5Object space(check(H5Dget_space(set.get()), "dataset " + name));
    H5Object file_type(check(H5Dget_type(set.get()), "dataset " + name));
    return read_vlen_strings(space.get(), file_type.get(), "dataset '" + name + "'", [&](hid_t mem_type, char** buffer) {
        return H5Dread(set.get(), mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
}

}  // namespace spinesim::results
