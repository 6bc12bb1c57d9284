// simulate() and its result. Result matrices are frames x columns, returned as read-only NumPy views.
#include "bindings.hpp"

#include "spinesim/simulation.hpp"

namespace spinesim::python {

void bind_simulation(py::module_& m) {
    py::class_<SimulationResult>(m, "SimulationResult", R"doc(
Per-frame results of one scenario run. Matrices are frames x columns (levels in Model.lumbar_levels order, muscles
in Model.muscles order) and are returned as read-only NumPy views of the C++ data (no copies). See
:class:`spinesim.Result` for access by name.
)doc")
        .def(py::init<>())
        .def_readonly("scenario", &SimulationResult::scenario, "Scenario name.")
        .def_readonly("definition", &SimulationResult::definition, "The scenario with overrides applied (a copy is returned).")
        .def_readonly("time", &SimulationResult::time, "s, per frame.")
        .def_readonly("coordinates", &SimulationResult::coordinates, "frames x coordinates (rad, m).")
        .def_readonly("muscle_force", &SimulationResult::muscle_force, "frames x muscles, N (total).")
        .def_readonly("muscle_passive_force", &SimulationResult::muscle_passive_force, "frames x muscles, N.")
        .def_readonly("compression", &SimulationResult::compression, "frames x levels, N.")
        .def_readonly("shear_ap", &SimulationResult::shear_ap, "frames x levels, N.")
        .def_readonly("shear_lateral", &SimulationResult::shear_lateral, "frames x levels, N.")
        .def_readonly("tissue_moment", &SimulationResult::tissue_moment, "frames x levels, N·m.")
        .def_readonly("passive_muscle_moment", &SimulationResult::passive_muscle_moment, "frames x levels, N·m.")
        .def_readonly("external_moment", &SimulationResult::external_moment, "frames x levels, N·m.")
        .def_readonly("contact_moment", &SimulationResult::contact_moment,
                      "frames x levels, N·m: flexion moment of the support contacts on the part above the level.")
        .def_readonly("intradiscal_pressure", &SimulationResult::intradiscal_pressure, "frames x levels, Pa.")
        .def_readonly("coupling_moment", &SimulationResult::coupling_moment,
                      "frames x levels, N·m: rhythm-coupler flexion moment at each level (coupled balance only).")
        .def_readonly("ligament_moment", &SimulationResult::ligament_moment,
                      "frames x levels, N·m: the posterior ligament lines' part of tissue_moment.")
        .def_readonly("ligament_force", &SimulationResult::ligament_force,
                      "frames x levels, N: sum of the posterior ligament lines' tensions at each level.")
        .def_readonly("flexion_deviation", &SimulationResult::flexion_deviation,
                      "frames x levels, rad: flexion of each level beyond its rhythm angle.")
        .def_readonly("contact_force", &SimulationResult::contact_force, "frames x (3 contacts), N, world.")
        .def_readonly("contact_names", &SimulationResult::contact_names)
        .def_readonly("equality_residual", &SimulationResult::equality_residual)
        .def_readonly("posture_residual", &SimulationResult::posture_residual)
        .def_readonly("frame_status", &SimulationResult::frame_status, "'optimal' or the infeasibility message.")
        .def_readonly("frame_warnings", &SimulationResult::frame_warnings,
                      "Per frame: muscles carrying force outside their path validity range (with their total force), "
                      "'' when none. The frame is solved; the warning says which forces to judge.")
        .def("frames_with_warnings", &SimulationResult::frames_with_warnings)
        .def_readonly("strength_needed", &SimulationResult::strength_needed,
                      "Per frame: the smallest strength factor (x mean male max force) at which the muscles hold the "
                      "frame, searched only where the subject's muscles cannot: NaN = held, inf = not even at x5.")
        .def_readonly("max_activation", &SimulationResult::max_activation,
                      "Per frame: the largest muscle force / its maximal force (passive included), 0-1.")
        .def("strength_to_hold_all", &SimulationResult::strength_to_hold_all,
             "Largest finite strength_needed: the factor that holds every frame (NaN: all held, inf: none <= 5).")
        .def_readonly("coordinate_names", &SimulationResult::coordinate_names)
        .def_readonly("muscle_names", &SimulationResult::muscle_names)
        .def_readonly("muscle_families", &SimulationResult::muscle_families, "Family of each muscle.")
        .def_readonly("level_names", &SimulationResult::level_names)
        .def("all_frames_solved", &SimulationResult::all_frames_solved)
        .def("__repr__", [](const SimulationResult& r) {
            return "<SimulationResult " + r.scenario + ": " + std::to_string(r.time.size()) + " frames>";
        });

    m.def("simulate",
          [](const Model& model, const Scenario& scenario) {
              py::gil_scoped_release release;
              return simulate(model, scenario);
          },
          py::arg("model"), py::arg("scenario"), R"doc(
Runs a scenario: posture solver frame by frame, then the frame analysis with inertia and warm starts (GIL
released, so several runs can proceed in threads sharing one Model). Raises InputError for bad scenarios; frames
the muscles cannot hold are reported in frame_status. Results are in SI units (N, N·m, Pa, rad, m, s; docs/results.md).
)doc");
}

}  // namespace spinesim::python
