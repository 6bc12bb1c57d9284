// Kinematics, loads, the frame analysis and the muscle-sharing solver.
#include "bindings.hpp"

#include "spinesim/frame_analysis.hpp"
#include "spinesim/kinematics.hpp"
#include "spinesim/loads.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/sharing_problem.hpp"

#include <optional>

namespace spinesim::python {

namespace {

void check_frame_input(const Model& model, const FrameInput& in) {
    check_posture_size(model, in.q.size(), "FrameInput.q");
    if (in.q_previous) check_posture_size(model, in.q_previous->size(), "FrameInput.q_previous");
    if (in.q_next) check_posture_size(model, in.q_next->size(), "FrameInput.q_next");
}

void check_workspace(const Model& model, const Workspace& ws) {
    if (ws.pose.size() != model.segments.size() ||
        ws.muscle_length.size() != static_cast<Eigen::Index>(model.muscles.size()))
        throw InputError("python", "workspace", "", "the Workspace was made for a different model");
}

FrameResult analyse(const Model& model, Workspace& ws, const FrameInput& input, const AnalysisOptions& options,
                    const WarmStart* warm_start) {
    check_frame_input(model, input);
    check_workspace(model, ws);
    py::gil_scoped_release release;
    return analyse_frame(model, ws, input, options, warm_start);
}

template <class F>
Eigen::VectorXd per_level(const FrameResult& r, F&& f) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(r.levels.size()));
    for (std::size_t i = 0; i < r.levels.size(); ++i) v[static_cast<Eigen::Index>(i)] = f(r.levels[i]);
    return v;
}

}  // namespace

void bind_analysis(py::module_& m) {
    // ---- kinematics -------------------------------------------------------------------------------------------
    py::class_<Workspace>(m, "Workspace", R"doc(
Per-evaluation kinematic state for one model (the "Data" of the Model/Data pair). Not thread-safe: use one per
thread. Arrays returned by the properties are read-only views (no copies) unless noted.
)doc")
        .def(py::init<const Model&>(), py::arg("model"))
        .def_readonly("q", &Workspace::q, "Posture of the last update_kinematics call.")
        .def_property_readonly("pose", [](const Workspace& ws) {
            std::vector<Eigen::Matrix4d> out; for (const auto& p : ws.pose) out.push_back(p.matrix()); return out; },
            "Segment frame -> world as 4x4 homogeneous matrices (copies).")
        .def_property_readonly("joint_centre", [](const Workspace& ws) { return rows_of(ws.joint_centre); },
                               "World joint centres, joints x 3, m (copy).")
        .def_property_readonly("joint_axes", [](const Workspace& ws) { return ws.joint_axes; },
                               "World unit axes (columns) of each joint's rotational coordinates (copies).")
        .def_property_readonly("muscle_points", [](const Workspace& ws) {
            py::list out; for (const auto& pts : ws.muscle_points) out.append(rows_of(pts)); return out; },
            "Per muscle, the world path points (n x 3 arrays, m; copies).")
        .def_property_readonly("muscle_wrap_points", [](const Workspace& ws) {
            py::list out;
            for (const auto& w : ws.muscle_wrap) {
                if (!w.wrapped) { out.append(py::none()); continue; }
                out.append(py::make_tuple(w.after, rows_of(std::vector<Vec3>{w.t1, w.t2})));
            } return out; },
            "Per muscle, None when its path does not wrap over its cylinder in this posture, else (k, 2 x 3 array): the "
            "tangent points (world, m; copy), inserted after path point k of muscle_points.")
        .def_readonly("muscle_length", &Workspace::muscle_length, "m")
        .def_readonly("muscle_moment", &Workspace::muscle_moment,
                      "(3 x joints) x muscles: moment per unit tension about each joint centre, m.")
        .def_readonly("muscle_direction", &Workspace::muscle_direction,
                      "(3 x joints) x muscles: net force per unit tension on each joint's distal subtree.");

    m.def("update_kinematics",
          [](const Model& model, const Eigen::VectorXd& q, Workspace& ws) {
              check_posture_size(model, q.size(), "q");
              check_workspace(model, ws);
              update_kinematics(model, q, ws);
          },
          py::arg("model"), py::arg("q"), py::arg("workspace"),
          "Forward kinematics, muscle paths, lengths and moment arms at posture q, stored in `workspace`.");
    m.def("world_point",
          [](const Workspace& ws, int segment, const Vec3& local) {
              check_index(segment, ws.pose.size(), "segment");
              return Vec3(world_point(ws, segment, local));
          },
          py::arg("workspace"), py::arg("segment"), py::arg("local"), "World position (m) of a point on a segment.");
    m.def("moment_arm",
          [](const Model& model, const Workspace& ws, int muscle, int coordinate) {
              check_index(muscle, model.muscles.size(), "muscle");
              check_index(coordinate, model.coordinates.size(), "coordinate");
              return moment_arm(model, ws, muscle, coordinate);
          },
          py::arg("model"), py::arg("workspace"), py::arg("muscle"), py::arg("coordinate"),
          "Moment arm (m) of muscle i about coordinate k: -dL_i/dq_k at the workspace's posture.");
    m.def("moment_arm",
          [](const Model& model, const Workspace& ws, const std::string& muscle, const std::string& coordinate) {
              return moment_arm(model, ws, model.muscle_index(muscle), model.coordinate_index(coordinate));
          },
          py::arg("model"), py::arg("workspace"), py::arg("muscle"), py::arg("coordinate"),
          "Moment arm (m) by muscle and coordinate name, e.g. ('IL_L1_r', 'L4L5.flexion').");
    m.def("centre_of_mass", [](const Model& model, const Workspace& ws) { return Vec3(centre_of_mass(model, ws)); },
          py::arg("model"), py::arg("workspace"), "Whole-body centre of mass, world, m.");

    // ---- loads ------------------------------------------------------------------------------------------------
    py::class_<ExternalLoad>(m, "ExternalLoad", "A known force (world, N) at a point fixed on a segment.")
        .def(py::init([](const std::string& label, int segment, const Vec3& location, const Vec3& force) {
                 return ExternalLoad{label, segment, location, force};
             }),
             py::arg("label") = "", py::arg("segment") = -1, py::arg("location") = Vec3::Zero(),
             py::arg("force") = Vec3::Zero())
        .def_readwrite("label", &ExternalLoad::label)
        .def_readwrite("segment", &ExternalLoad::segment)
        .def_property("location", [](ExternalLoad& self) -> decltype(ExternalLoad::location)& { return self.location; }, [](ExternalLoad& self, const decltype(ExternalLoad::location)& v) { self.location = v; }, py::return_value_policy::reference_internal, "In the segment frame, m.")
        .def_property("force", [](ExternalLoad& self) -> decltype(ExternalLoad::force)& { return self.force; }, [](ExternalLoad& self, const decltype(ExternalLoad::force)& v) { self.force = v; }, py::return_value_policy::reference_internal, "World, N.")
        .def("__repr__", [](const ExternalLoad& l) { return "<ExternalLoad " + l.label + ">"; });
    py::class_<Contact>(m, "Contact", R"doc(
A unilateral support at a point fixed on a segment: unknown force with a non-negative component along `normal`
(world, unit) and friction inside a 4-sided pyramid of coefficient `friction`.
)doc")
        .def(py::init([](const std::string& label, int segment, const Vec3& location, const Vec3& normal,
                         double friction) { return Contact{label, segment, location, normal, friction}; }),
             py::arg("label") = "", py::arg("segment") = -1, py::arg("location") = Vec3::Zero(),
             py::arg("normal") = Vec3::UnitY(), py::arg("friction") = 0.6)
        .def_readwrite("label", &Contact::label)
        .def_readwrite("segment", &Contact::segment)
        .def_property("location", [](Contact& self) -> decltype(Contact::location)& { return self.location; }, [](Contact& self, const decltype(Contact::location)& v) { self.location = v; }, py::return_value_policy::reference_internal, "In the segment frame, m.")
        .def_property("normal", [](Contact& self) -> decltype(Contact::normal)& { return self.normal; }, [](Contact& self, const decltype(Contact::normal)& v) { self.normal = v; }, py::return_value_policy::reference_internal, "World, unit.")
        .def_readwrite("friction", &Contact::friction)
        .def("__repr__", [](const Contact& c) { return "<Contact " + c.label + ">"; });
    m.def("load_at_point", &load_at_point, py::arg("model"), py::arg("point"), py::arg("force"), py::arg("label") = "",
          "An ExternalLoad (world force, N) at the named model body point, e.g. 'grip_r'.");
    m.def("contact_at_point", &contact_at_point, py::arg("model"), py::arg("point"), py::arg("normal") = Vec3::UnitY(),
          py::arg("friction") = 0.6, py::arg("label") = "",
          "A Contact at the named model body point, e.g. 'heel_r': `normal` a world unit vector, `friction` the "
          "coefficient (dimensionless, 0-2).");
    m.def("held_mass", &held_mass, py::arg("model"), py::arg("mass_kg"), py::arg("grip_points"),
          "Gravity loads (world forces, N) of a mass held in the hands (`mass_kg`, kg), shared equally by the grip points.");

    // ---- frame analysis ---------------------------------------------------------------------------------------
    py::class_<FrameInput>(m, "FrameInput", R"doc(
Input of one frame. `loads`, `contacts` and `held_mass_points` are copied in and out: assign a new list to change
them (``frame.contacts = [...]``) rather than mutating the returned tuple.
)doc")
        .def(py::init([](const Eigen::VectorXd& q, const std::vector<ExternalLoad>& loads,
                         const std::vector<Contact>& contacts, double held_mass_kg,
                         const std::vector<std::string>& held_mass_points, const std::optional<Eigen::VectorXd>& q_previous,
                         const std::optional<Eigen::VectorXd>& q_next, double time_step) {
                 FrameInput in;
                 in.q = q;
                 in.loads = loads;
                 in.contacts = contacts;
                 in.held_mass_kg = held_mass_kg;
                 in.held_mass_points = held_mass_points;
                 in.q_previous = q_previous;
                 in.q_next = q_next;
                 in.time_step = time_step;
                 return in;
             }),
             py::arg("q") = Eigen::VectorXd(), py::arg("loads") = std::vector<ExternalLoad>{},
             py::arg("contacts") = std::vector<Contact>{}, py::arg("held_mass_kg") = 0.0,
             py::arg("held_mass_points") = std::vector<std::string>{}, py::arg("q_previous") = py::none(),
             py::arg("q_next") = py::none(), py::arg("time_step") = 0.0)
        .def_property("q", [](FrameInput& self) -> decltype(FrameInput::q)& { return self.q; }, [](FrameInput& self, const decltype(FrameInput::q)& v) { self.q = v; }, py::return_value_policy::reference_internal, "Posture (Model.coordinates order).")
        .def_readwrite("q_previous", &FrameInput::q_previous, "Previous posture for inertial loads, or None.")
        .def_readwrite("q_next", &FrameInput::q_next, "Next posture for inertial loads, or None.")
        .def_readwrite("time_step", &FrameInput::time_step, "s between q_previous, q and q_next.")
        .def_property("loads", [](const FrameInput& in) { return py::tuple(py::cast(in.loads)); },
                      [](FrameInput& in, const std::vector<ExternalLoad>& v) { in.loads = v; })
        .def_property("contacts", [](const FrameInput& in) { return py::tuple(py::cast(in.contacts)); },
                      [](FrameInput& in, const std::vector<Contact>& v) { in.contacts = v; })
        .def_readwrite("held_mass_kg", &FrameInput::held_mass_kg, "Mass carried with the hands, kg.")
        .def_property("held_mass_points", [](const FrameInput& in) { return py::tuple(py::cast(in.held_mass_points)); },
                      [](FrameInput& in, const std::vector<std::string>& v) { in.held_mass_points = v; });

    py::class_<LevelLoad>(m, "LevelLoad", "Loads at one lumbar level, in the disc frame of the inferior vertebra.")
        .def_readonly("compression", &LevelLoad::compression, "N, positive pushing the vertebrae together.")
        .def_readonly("shear_ap", &LevelLoad::shear_ap, "N, positive: superior vertebra loaded anteriorly.")
        .def_readonly("shear_lateral", &LevelLoad::shear_lateral, "N, positive: superior vertebra loaded to the right.")
        .def_readonly("tissue_flexion_moment", &LevelLoad::tissue_flexion_moment,
                      "N·m, extensor moment of the passive motion segment.")
        .def_readonly("passive_muscle_flexion_moment", &LevelLoad::passive_muscle_flexion_moment,
                      "N·m, extensor moment of passive muscle fibres.")
        .def_readonly("external_flexion_moment", &LevelLoad::external_flexion_moment,
                      "N·m, flexion moment of gravity, inertia and loads above the level.")
        .def_readonly("intradiscal_pressure", &LevelLoad::intradiscal_pressure, "Pa")
        .def_readonly("coupling_flexion_moment", &LevelLoad::coupling_flexion_moment,
                      "N·m, generalised flexion moment of the rhythm coupler (coupled balance only).")
        .def_readonly("ligament_flexion_moment", &LevelLoad::ligament_flexion_moment,
                      "N·m, the posterior ligament lines' part of tissue_flexion_moment.")
        .def_readonly("ligament_force", &LevelLoad::ligament_force,
                      "N, sum of the tensions of the level's posterior ligament lines.")
        .def_readonly("flexion_deviation", &LevelLoad::flexion_deviation,
                      "rad, the level's flexion beyond its rhythm angle (the deviations sum to zero).");

    py::enum_<SolveStatus>(m, "SolveStatus")
        .value("Optimal", SolveStatus::Optimal)
        .value("Infeasible", SolveStatus::Infeasible)
        .value("IterationLimit", SolveStatus::IterationLimit);

    py::class_<FrameResult>(m, "FrameResult", "Result of analyse_frame. Vector properties are read-only views.")
        .def_readonly("status", &FrameResult::status)
        .def_property_readonly("solved", [](const FrameResult& r) { return r.status == SolveStatus::Optimal; })
        .def_readonly("message", &FrameResult::message, "Infeasibility report (joint row, missing moment, fascicles at maximal force per family).")
        .def_readonly("warning", &FrameResult::warning,
                      "Muscles carrying force outside their path validity range, with their total force; '' when none.")
        .def_readonly("muscle_force", &FrameResult::muscle_force, "N, total (active + passive), per muscle.")
        .def_readonly("muscle_active_force", &FrameResult::muscle_active_force, "N")
        .def_readonly("muscle_passive_force", &FrameResult::muscle_passive_force, "N")
        .def_property_readonly("contact_force", [](const FrameResult& r) { return rows_of(r.contact_force); },
                               "contacts x 3, N, world (copy).")
        .def_property_readonly("coupling_moment", [](const FrameResult& r) { return rows_of(r.coupling_moment); },
                               "levels x 3, N·m: rhythm-coupler constraint moments (coupled balance only).")
        .def_property_readonly("rhythm_deviation", [](const FrameResult& r) { return rows_of(r.rhythm_deviation); },
                               "levels x 3 (flexion, lateral bending, axial rotation), rad: deviation from the rhythm.")
        .def_property_readonly("levels", [](py::object self) { return element_refs(self.cast<const FrameResult&>().levels, self); },
                               "LevelLoad per lumbar level (Model.lumbar_levels order).")
        .def_property_readonly("compression", [](const FrameResult& r) { return per_level(r, [](const LevelLoad& l) { return l.compression; }); },
                               "N per level (Model.lumbar_levels order).")
        .def_property_readonly("shear_ap", [](const FrameResult& r) { return per_level(r, [](const LevelLoad& l) { return l.shear_ap; }); },
                               "N per level.")
        .def_property_readonly("shear_lateral", [](const FrameResult& r) { return per_level(r, [](const LevelLoad& l) { return l.shear_lateral; }); },
                               "N per level.")
        .def_property_readonly("joint_reaction", [](const FrameResult& r) { return rows_of(r.joint_reaction); },
                               "joints x 3, N, world: force on each joint's child subtree from its parent (copy).")
        .def_property_readonly("actuator_moment", [](const FrameResult& r) { return rows_of(r.actuator_moment); },
                               "joints x 3, N·m, world: ideal actuator moments at joints without muscle balance (copy).")
        .def_readonly("equality_residual", &FrameResult::equality_residual)
        .def_readonly("optimality_residual", &FrameResult::optimality_residual)
        .def_readonly("objective", &FrameResult::objective)
        .def_readonly("max_stress", &FrameResult::max_stress, "Pa")
        .def_readonly("iterations", &FrameResult::iterations)
        .def_readonly("multipliers", &FrameResult::multipliers)
        .def("warm_start", [](const FrameResult& r) { WarmStart w; w.multipliers = r.multipliers; return w; },
             "A WarmStart for the next frame from this frame's multipliers.");

    // ---- sharing problem --------------------------------------------------------------------------------------
    py::enum_<LumbarBalance>(m, "LumbarBalance", "How the lumbar levels are balanced (see docs/model.md).")
        .value("PerLevel", LumbarBalance::PerLevel, "each level balanced; levels may deviate from the rhythm by a few degrees")
        .value("RhythmCoupled", LumbarBalance::RhythmCoupled, "rhythm as a kinematic coupler carrying constraint moments");
    py::enum_<Criterion>(m, "Criterion", "Muscle-sharing criterion.")
        .value("SumStressSquared", Criterion::SumStressSquared, "sum of squared muscle stresses (p = 2)")
        .value("SumStressCubed", Criterion::SumStressCubed, "sum of cubed muscle stresses (p = 3)")
        .value("MinMaxStress", Criterion::MinMaxStress, "min/max stress with a small quadratic term");
    py::enum_<VariableKind>(m, "VariableKind", "What a sharing variable is (SharingProblem.kind).")
        .value("Muscle", VariableKind::Muscle, "muscle force, N, costed by the stress criterion (size: PCSA, m^2)")
        .value("ContactGenerator", VariableKind::ContactGenerator,
               "non-negative magnitude of a friction-pyramid edge force, N (size: reference force, N)")
        .value("Compliance", VariableKind::Compliance,
               "signed deviation with finite bounds, e.g. a level's deviation from the rhythm, rad");

    py::class_<SolverOptions>(m, "SolverOptions", "Muscle-sharing solver settings: criterion and equality tolerance.")
        .def(py::init([](Criterion c, double tol, int it) { return SolverOptions{c, tol, it}; }),
             py::arg("criterion") = Criterion::SumStressSquared, py::arg("equality_tolerance") = 1e-9,
             py::arg("max_iterations") = 200)
        .def_readwrite("criterion", &SolverOptions::criterion)
        .def_readwrite("equality_tolerance", &SolverOptions::equality_tolerance, "N·m / N")
        .def_readwrite("max_iterations", &SolverOptions::max_iterations, "dual Newton iterations per stage");
    py::class_<AnalysisOptions>(m, "AnalysisOptions",
                                "Settings of one frame analysis: solver, range-of-motion check, lumbar balance.")
        .def(py::init([](const SolverOptions& s, bool rom, LumbarBalance b) { return AnalysisOptions{s, rom, b}; }),
             py::arg("solver") = SolverOptions{}, py::arg("check_range_of_motion") = true,
             py::arg("lumbar_balance") = kDefaultLumbarBalance)
        .def_readwrite("solver", &AnalysisOptions::solver)
        .def_readwrite("check_range_of_motion", &AnalysisOptions::check_range_of_motion,
                       "raise InputError for a posture beyond a joint's range of motion")
        .def_readwrite("lumbar_balance", &AnalysisOptions::lumbar_balance,
                       "LumbarBalance.PerLevel (each level balanced) or LumbarBalance.RhythmCoupled (rhythm coupler).");
    py::class_<WarmStart>(m, "WarmStart", "The previous frame's multipliers (and MinMax bound).")
        .def(py::init([](const Eigen::VectorXd& mu, double t) { return WarmStart{mu, t}; }),
             py::arg("multipliers") = Eigen::VectorXd(), py::arg("minmax_bound") = 0.0)
        .def_property("multipliers", [](WarmStart& self) -> decltype(WarmStart::multipliers)& { return self.multipliers; }, [](WarmStart& self, const decltype(WarmStart::multipliers)& v) { self.multipliers = v; }, py::return_value_policy::reference_internal)
        .def_readwrite("minmax_bound", &WarmStart::minmax_bound);

    py::class_<SharingProblem>(m, "SharingProblem", R"doc(
min sum (x_i/size_i)^p (muscles) + regularisation * sum (x_i/size_i)^2 (contacts) s.t. A x = b, lower <= x <= upper.
Plain data; see libsim/include/spinesim/sharing_problem.hpp.
)doc")
        .def(py::init<>())
        .def_property("A", [](SharingProblem& self) -> decltype(SharingProblem::A)& { return self.A; }, [](SharingProblem& self, const decltype(SharingProblem::A)& v) { self.A = v; }, py::return_value_policy::reference_internal, "m x n equality rows.")
        .def_property("b", [](SharingProblem& self) -> decltype(SharingProblem::b)& { return self.b; }, [](SharingProblem& self, const decltype(SharingProblem::b)& v) { self.b = v; }, py::return_value_policy::reference_internal)
        .def_property("lower", [](SharingProblem& self) -> decltype(SharingProblem::lower)& { return self.lower; }, [](SharingProblem& self, const decltype(SharingProblem::lower)& v) { self.lower = v; }, py::return_value_policy::reference_internal)
        .def_property("upper", [](SharingProblem& self) -> decltype(SharingProblem::upper)& { return self.upper; }, [](SharingProblem& self, const decltype(SharingProblem::upper)& v) { self.upper = v; }, py::return_value_policy::reference_internal, "May be +inf (contact generators).")
        .def_property("size", [](SharingProblem& self) -> decltype(SharingProblem::size)& { return self.size; }, [](SharingProblem& self, const decltype(SharingProblem::size)& v) { self.size = v; }, py::return_value_policy::reference_internal, "PCSA (m^2) for muscles, reference force (N) for contacts.")
        .def_readwrite("kind", &SharingProblem::kind, "VariableKind per variable (assign a list).")
        .def_readwrite("row_names", &SharingProblem::row_names, "(assign a list)")
        .def_readwrite("variable_names", &SharingProblem::variable_names, "(assign a list)")
        .def_readwrite("contact_regularisation", &SharingProblem::contact_regularisation)
        .def_readwrite("minmax_quadratic_weight", &SharingProblem::minmax_quadratic_weight)
        .def_readwrite("reference_stress", &SharingProblem::reference_stress, "Pa");
    py::class_<SharingSolution>(m, "SharingSolution", "The solved sharing problem: forces, multipliers, residuals.")
        .def_readonly("status", &SharingSolution::status)
        .def_readonly("x", &SharingSolution::x, "variables in the problem's units (N for forces, rad for compliances)")
        .def_readonly("multipliers", &SharingSolution::multipliers, "equality multipliers, one per row of A")
        .def_readonly("objective", &SharingSolution::objective, "criterion value (dimensionless stresses)")
        .def_readonly("max_stress", &SharingSolution::max_stress, "Pa")
        .def_readonly("equality_residual", &SharingSolution::equality_residual, "max |A x - b|, N·m / N")
        .def_readonly("optimality_residual", &SharingSolution::optimality_residual)
        .def_readonly("iterations", &SharingSolution::iterations)
        .def_readonly("infeasible_row", &SharingSolution::infeasible_row)
        .def_readonly("infeasible_amount", &SharingSolution::infeasible_amount)
        .def_readonly("minmax_bound", &SharingSolution::minmax_bound);
    m.def("solve_sharing",
          [](const SharingProblem& p, const SolverOptions& o, const WarmStart* w) {
              py::gil_scoped_release release;
              return solve_sharing(p, o, w);
          },
          py::arg("problem"), py::arg("options") = SolverOptions{}, py::arg("warm_start") = nullptr,
          "Exact dual semi-smooth Newton solve. Infeasibility is a result (status), malformed input raises RuntimeError.");

    m.def("analyse_frame", &analyse, py::arg("model"), py::arg("workspace"), py::arg("input"),
          py::arg("options") = AnalysisOptions{}, py::arg("warm_start") = nullptr, R"doc(
Posture -> kinematics -> joint loads -> muscle sharing -> joint reactions for one frame (GIL released).
Raises InputError for bad input (posture beyond range of motion, NaN); infeasibility is reported in the result.
)doc");
    m.def("analyse_frame",
          [](const Model& model, const FrameInput& input, const AnalysisOptions& options, const WarmStart* w) {
              Workspace ws(model);
              return analyse(model, ws, input, options, w);
          },
          py::arg("model"), py::arg("input"), py::arg("options") = AnalysisOptions{}, py::arg("warm_start") = nullptr,
          "As above with a temporary Workspace.");
    m.def("family_force", &family_force, py::arg("model"), py::arg("muscle_force"), py::arg("family"),
          "Total force (N) of a muscle family, e.g. 'erector_spinae'; raises InputError if unknown.");
    m.def("muscle_families", &muscle_families, "Names accepted by family_force.");
    m.def("closest_names", &closest_names, py::arg("wrong"), py::arg("known"), py::arg("max_count") = 3,
          "The known names closest to a misspelt one, best first (the rules of every 'did you mean' in spinesim's "
          "errors); empty when nothing is close.");
    m.def("did_you_mean", &did_you_mean, py::arg("wrong"), py::arg("known"),
          "\"; did you mean 'x'?\" for the closest known names, or \"\" when nothing is close.");
}

}  // namespace spinesim::python
