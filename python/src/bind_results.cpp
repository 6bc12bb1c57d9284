// HDF5 and CSV results. The GIL is kept during file I/O: it serialises HDF5 calls from Python threads.
#include "bindings.hpp"

#include "spinesim/results_io.hpp"

namespace spinesim::python {

void bind_results(py::module_& m) {
    m.def("write_hdf5", &write_hdf5, py::arg("result"), py::arg("path"), py::arg("group"), py::arg("overwrite") = false,
          "Writes group /<group> of the HDF5 file `path` (created if needed); InputError if it exists and not overwrite.");
    m.def("read_hdf5", &read_hdf5, py::arg("path"), py::arg("group"),
          "Reads a SimulationResult (per-level loads, muscle forces; SI units as written, docs/results.md) back from an "
          "HDF5 file.");
    m.def("hdf5_groups", &hdf5_groups, py::arg("path"), "Result groups in an HDF5 file.");
    m.def("write_csv", &write_csv, py::arg("result"), py::arg("path"),
          "One row per frame: time (s); per level compression, AP and lateral shear (N), IDP (MPa) and passive share "
          "(fraction); muscle-family forces (N); max activation (fraction); status; warnings; strength needed "
          "(x mean male maximal force). Columns: docs/results.md.");
}

}  // namespace spinesim::python
