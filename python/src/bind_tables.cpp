// The text tables of `spinesim compare` and `spinesim summary` (spinesim/comparison_table.hpp,
// spinesim/summary_table.hpp), rendered by the library so that Python prints exactly what the CLI prints.
#include "bindings.hpp"

#include "spinesim/comparison_table.hpp"
#include "spinesim/summary_table.hpp"
#include "spinesim/text_table.hpp"

namespace spinesim::python {

namespace {

using Runs = std::vector<std::pair<std::string, const SimulationResult*>>;

}  // namespace

void bind_tables(py::module_& m) {
    m.def("table_number", [](double v, const std::string& format) { return table_number(v, format.c_str()); },
          py::arg("value"), py::arg("format") = "%.0f",
          "A number as the tables print it (printf format; 'n/a' when not finite, never '-0').");
    m.def("comparison_table",
          [](const Runs& runs) {
              py::gil_scoped_release release;
              return comparison_table(runs);
          },
          py::arg("runs"), R"doc(
The table of ``spinesim compare`` for [(label, SimulationResult), ...]: a row per comparison metric, a column per run
(and a difference column for two runs), then the limits note (GIL released).
)doc");
    py::class_<SummaryRow>(m, "SummaryRow", "One row of ``spinesim summary`` (see :func:`summary_rows`).")
        .def_readonly("scenario", &SummaryRow::scenario, "Scenario name (or HDF5 group).")
        .def_readonly("title", &SummaryRow::title, "The scenario's title.")
        .def_readonly("strength", &SummaryRow::strength, "Strength factor the run used (x mean male max force).")
        .def_readonly("frames_solved", &SummaryRow::frames_solved)
        .def_readonly("frames", &SummaryRow::frames)
        .def_readonly("l4l5_compression_peak", &SummaryRow::l4l5_compression_peak, "N, over solved frames.")
        .def_readonly("l4l5_compression_mean", &SummaryRow::l4l5_compression_mean, "N, over solved frames.")
        .def_readonly("l4l5_shear_ap_peak", &SummaryRow::l4l5_shear_ap_peak, "N, value of largest magnitude, signed.")
        .def_readonly("l5s1_compression_peak", &SummaryRow::l5s1_compression_peak, "N.")
        .def_readonly("l5s1_shear_ap_peak", &SummaryRow::l5s1_shear_ap_peak, "N, value of largest magnitude, signed.")
        .def_readonly("passive_share", &SummaryRow::passive_share, "L4/L5 passive share at the peak net moment, %.")
        .def_readonly("peak_activation", &SummaryRow::peak_activation, "Largest force / max force, %.")
        .def_readonly("flags", &SummaryRow::flags, "Limits exceeded and path-validity warnings ('' when none).")
        .def("__repr__", [](const SummaryRow& r) {
            return "<SummaryRow '" + r.scenario + "': L4/L5 compression peak " + table_number(r.l4l5_compression_peak) +
                   " N>";
        });
    m.def("summary_rows",
          [](const Runs& runs) {
              py::gil_scoped_release release;
              return summary_rows(runs);
          },
          py::arg("runs"),
          "The rows of ``spinesim summary`` for [(label, SimulationResult), ...], ranked by L4/L5 compression peak.");
    m.def("summary_table",
          [](const Runs& runs) {
              py::gil_scoped_release release;
              return summary_table(runs);
          },
          py::arg("runs"), "The table of ``spinesim summary`` for [(label, SimulationResult), ...], then the limits note.");
}

}  // namespace spinesim::python
