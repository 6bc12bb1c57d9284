// Shared declarations of the _spinesim extension module: one bind_* function per header group, helpers for
// argument checks and for exposing C++ containers to Python without copies.
#pragma once

#include "spinesim/error.hpp"
#include "spinesim/model.hpp"
#include "spinesim/scenario.hpp"

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl_bind.h>

#include <map>
#include <string>
#include <vector>

// Scenario containers are bound as opaque, in-place mutable Python sequences/mappings so that
// `scenario.parameters["load_kg"] = 100` and `scenario.targets[0].weight = 2` change the scenario itself.
PYBIND11_MAKE_OPAQUE(std::map<std::string, double>)
PYBIND11_MAKE_OPAQUE(std::vector<spinesim::PostureTarget>)
PYBIND11_MAKE_OPAQUE(std::vector<spinesim::ScenarioContact>)
PYBIND11_MAKE_OPAQUE(std::vector<spinesim::ScenarioLoad>)

namespace spinesim::python {

namespace py = pybind11;

void bind_model(py::module_& m);
void bind_analysis(py::module_& m);
void bind_scenario(py::module_& m);
void bind_simulation(py::module_& m);
void bind_results(py::module_& m);
void bind_comparison(py::module_& m);
void bind_common_strength(py::module_& m);
void bind_tables(py::module_& m);
void bind_validation(py::module_& m);

// A tuple of references to the elements of `v`, each keeping `owner` alive (no copies).
template <class T>
py::tuple element_refs(const std::vector<T>& v, py::handle owner) {
    py::tuple out(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
        out[i] = py::cast(&v[i], py::return_value_policy::reference_internal, owner);
    return out;
}

// An n x 3 float64 array (copy) from a list of 3-vectors.
inline py::array_t<double> rows_of(const std::vector<Vec3>& v) {
    py::array_t<double> out({static_cast<py::ssize_t>(v.size()), py::ssize_t{3}});
    auto a = out.mutable_unchecked<2>();
    for (std::size_t i = 0; i < v.size(); ++i)
        for (int k = 0; k < 3; ++k) a(static_cast<py::ssize_t>(i), k) = v[i][k];
    return out;
}

inline std::vector<Vec3> vec3_list_from(const Eigen::MatrixXd& rows, const char* field) {
    if (rows.size() != 0 && rows.cols() != 3)
        throw InputError("python", field, std::to_string(rows.cols()) + " columns", "expected an n x 3 array");
    std::vector<Vec3> out(static_cast<std::size_t>(rows.rows()));
    for (Eigen::Index i = 0; i < rows.rows(); ++i) out[static_cast<std::size_t>(i)] = rows.row(i).transpose();
    return out;
}

inline void check_posture_size(const Model& model, Eigen::Index size, const char* field) {
    if (size != model.coordinate_count())
        throw InputError("python", field, std::to_string(size) + " values",
                         "expected " + std::to_string(model.coordinate_count()) +
                             " coordinates (Model.coordinate_count, Model.coordinates order)");
}

inline void check_index(int index, std::size_t count, const char* what) {
    if (index < 0 || static_cast<std::size_t>(index) >= count)
        throw py::index_error(std::string(what) + " index " + std::to_string(index) + " out of range [0, " +
                              std::to_string(count) + ")");
}

}  // namespace spinesim::python
