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
    py::class_<AutoStrengthRun>(m, "AutoStrengthRun",
                                "One run under strength='auto': the result to report, and the rerun's factor and note.")
        .def_readonly("result", &AutoStrengthRun::result, "the rerun when there was one, else the first run")
        .def_readonly("rerun_strength", &AutoStrengthRun::rerun_strength,
                      "the rerun's strength factor (x mean male max force); NaN when no rerun was needed or possible")
        .def_readonly("frames_held_first", &AutoStrengthRun::frames_held_first,
                      "frames the first run (the subject's own strength) held")
        .def_readonly("note", &AutoStrengthRun::note, "'strength x1.234 (<setting>; x1.000 holds 3 of 5 frames)' or ''");
    m.def(
        "simulate_with_auto_strength",
        [](const Model& model, const Scenario& scenario, const std::string& setting) {
            py::gil_scoped_release release;
            return simulate_with_auto_strength(model, scenario, setting);
        },
        py::arg("model"), py::arg("scenario"), py::arg("setting") = "strength='auto'", R"doc(
Simulates the scenario at its subject's strength (model must be that subject's) and, when the muscles cannot hold
some frame and a factor up to x5 holds them all, again at that smallest factor (the CLI's --strength auto). GIL
released.
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
