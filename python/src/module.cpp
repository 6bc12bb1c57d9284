// The _spinesim extension module: Python bindings of libsim (see python/spinesim/__init__.py for the public API).
#include "bindings.hpp"

#include <stdexcept>

namespace spinesim::python {
namespace {

// spinesim.InputError (a ValueError) carries the C++ message plus .file, .field and .value attributes.
void register_errors(py::module_& m) {
    py::exception<InputError> input_error_type(m, "InputError", PyExc_ValueError);
    input_error_type.doc() =
        "Bad input at the boundary (files, names, parameters, postures). The message names the file (or "
        "'argument'/'python'), the field and the offending value; they are also available as the attributes "
        "``file``, ``field`` and ``value``.";
    // Kept alive for the life of the interpreter (no static py::object destructors at exit).
    static py::handle input_error = input_error_type.release();
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const InputError& e) {
            py::object error = input_error(e.what());
            error.attr("file") = e.file();
            error.attr("field") = e.field();
            error.attr("value") = e.value();
            PyErr_SetObject(input_error.ptr(), error.ptr());
        } catch (const std::logic_error& e) {
            // invalid_argument / domain_error / length_error / out_of_range from the library: programming errors
            // in the data handed over, reported as RuntimeError like every other std::exception.
            PyErr_SetString(PyExc_RuntimeError, e.what());
        }
    });
}

}  // namespace
}  // namespace spinesim::python

PYBIND11_MODULE(_spinesim, m) {
    using namespace spinesim::python;
    m.doc() = R"doc(
Compiled core of spinesim (lumbar-spine loads and muscle forces). Import the ``spinesim`` package instead of this
module; it re-exports everything here and adds the :class:`spinesim.Result` wrapper, :func:`spinesim.run` and
:func:`spinesim.batch`.

Units are SI throughout (N, m, N·m, kg, s, rad, Pa). Frames: x anterior, y superior, z right; gravity is -y.
)doc";
    register_errors(m);
    bind_model(m);
    bind_analysis(m);
    bind_scenario(m);
    bind_simulation(m);
    bind_results(m);
    bind_comparison(m);
    bind_common_strength(m);
    bind_tables(m);
    bind_validation(m);
    m.attr("__version__") = SPINESIM_PY_VERSION;
}
