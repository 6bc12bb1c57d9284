// The common strength of a set of runs (spinesim/common_strength.hpp): spinesim.common_strength() and the automatic
// strength of spinesim.compare() call it.
#include "bindings.hpp"

#include "spinesim/common_strength.hpp"

namespace spinesim::python {

void bind_common_strength(py::module_& m) {
    m.def("common_strength", &common_strength, py::arg("results"), R"doc(
The smallest strength factor (x mean male maximal force) at which every frame of every SimulationResult is held:
NaN when every frame is held already, inf when some frame cannot be held by strength alone (not even x5, a missed
posture target, or a failed run given as None).
)doc");
    m.def("partial_common_strength", &partial_common_strength, py::arg("results"), R"doc(
The factor that holds every frame strength can hold: common_strength() when finite or NaN; when it is inf, the
largest finite strength_needed of the results (only the frames strength cannot hold stay unsolved); NaN when none.
)doc");
    m.def("strength_rerun_note", &strength_rerun_note, py::arg("run"), py::arg("factor"), py::arg("setting"),
          "The note of one run (at its own strength) run again at `factor`: 'strength x1.234 (<setting>; x1.000 "
          "holds 3 of 5 frames)'.");
    m.def("common_strength_note", &common_strength_note, py::arg("runs"), py::arg("factor"), py::arg("setting"),
          py::arg("fix"), R"doc(
The note above a comparison whose runs ([(label, SimulationResult at its own strength)]) are run again at `factor`:
"Strength x1.234 (<setting>): at the scenarios' strength (x1.000) the muscles hold ... frames; ... <fix>".
)doc");
}

}  // namespace spinesim::python
