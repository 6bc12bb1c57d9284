// Subject, Model (read-only), load_model and the posture helpers.
#include "bindings.hpp"

#include "spinesim/model_loader.hpp"
#include "spinesim/posture.hpp"

#include <memory>
#include <optional>
#include <sstream>

namespace spinesim::python {

namespace {

// Runs a posture helper on a copy of a caller's float64 vector and writes the result back in place.
template <class F>
void modify_in_place(const Model& model, Eigen::Ref<Eigen::VectorXd> q, F&& f) {
    check_posture_size(model, q.size(), "q");
    Posture copy = q;
    f(copy);
    q = copy;
}

std::string subject_repr(const Subject& s) {
    std::ostringstream o;
    o << "Subject(body_mass_kg=" << s.body_mass_kg << ", height_m=" << s.height_m << ", sex=Sex."
      << (s.sex == Sex::Male ? "Male" : "Female") << ", strength_scale=" << s.strength_scale << ")";
    return o.str();
}

}  // namespace

void bind_model(py::module_& m) {
    py::enum_<Sex>(m, "Sex", "Sex of the subject (selects the anthropometric tables).")
        .value("Male", Sex::Male)
        .value("Female", Sex::Female);

    py::class_<Subject>(m, "Subject", "The person being simulated.")
        .def(py::init([](double mass, double height, Sex sex, double strength) {
                 return Subject{mass, height, sex, strength};
             }),
             py::arg("body_mass_kg") = 75.0, py::arg("height_m") = 1.78, py::arg("sex") = Sex::Male,
             py::arg("strength_scale") = 1.0)
        .def_readwrite("body_mass_kg", &Subject::body_mass_kg, "Body mass, kg.")
        .def_readwrite("height_m", &Subject::height_m, "Standing height, m.")
        .def_readwrite("sex", &Subject::sex, "Sex.Male or Sex.Female.")
        .def_readwrite("strength_scale", &Subject::strength_scale,
                       "Factor on every muscle's maximal force (1 = the model's mean male strength).")
        .def("__repr__", &subject_repr)
        .def("__eq__", [](const Subject& a, const Subject& b) {
            return a.body_mass_kg == b.body_mass_kg && a.height_m == b.height_m && a.sex == b.sex &&
                   a.strength_scale == b.strength_scale;
        });
    m.def("validate_subject", &validate_subject, py::arg("subject"), py::arg("origin") = "subject",
          "Raises InputError naming `origin` unless mass (20-300 kg), height (1.0-2.5 m) and strength_scale (0.2-5) "
          "are finite and plausible.");
    m.def("parse_sex", &parse_sex, py::arg("text"), py::arg("origin") = "subject",
          "'male' or 'female' -> Sex; raises InputError otherwise.");

    py::enum_<JointType>(m, "JointType").value("Free", JointType::Free).value("Ball", JointType::Ball)
        .value("Hinge", JointType::Hinge).value("Weld", JointType::Weld);

    py::class_<Segment>(m, "Segment", "A rigid body segment (read-only).")
        .def_readonly("name", &Segment::name)
        .def_readonly("parent_joint", &Segment::parent_joint, "Index of the joint whose child this segment is.")
        .def_readonly("mass", &Segment::mass, "kg")
        .def_readonly("com", &Segment::com, "Centre of mass in the segment frame, m.")
        .def_readonly("inertia", &Segment::inertia, "Inertia about the COM in segment axes, kg m^2.")
        .def("__repr__", [](const Segment& s) { return "<Segment " + s.name + ">"; });

    py::class_<Joint>(m, "Joint", "A joint between a parent segment (-1 = ground) and a child segment (read-only).")
        .def_readonly("name", &Joint::name)
        .def_readonly("type", &Joint::type)
        .def_readonly("parent", &Joint::parent)
        .def_readonly("child", &Joint::child)
        .def_readonly("location", &Joint::location, "Joint centre in the parent frame, m.")
        .def_readonly("first_coordinate", &Joint::first_coordinate)
        .def_readonly("coordinate_count", &Joint::coordinate_count)
        .def_readonly("axis", &Joint::axis)
        .def_readonly("sign", &Joint::sign)
        .def_readonly("lumbar_level", &Joint::lumbar_level)
        .def_readonly("muscle_balanced", &Joint::muscle_balanced)
        .def("__repr__", [](const Joint& j) { return "<Joint " + j.name + ">"; });

    py::class_<Coordinate>(m, "Coordinate", "A generalised coordinate, e.g. 'L4L5.flexion' (read-only).")
        .def_readonly("name", &Coordinate::name)
        .def_readonly("joint", &Coordinate::joint)
        .def_readonly("lower", &Coordinate::lower, "Lower limit, rad (m for translations).")
        .def_readonly("upper", &Coordinate::upper, "Upper limit, rad (m for translations).")
        .def_readonly("rotational", &Coordinate::rotational)
        .def("__repr__", [](const Coordinate& c) { return "<Coordinate " + c.name + ">"; });

    py::class_<PathPoint>(m, "PathPoint", "A muscle path point fixed on a segment (read-only).")
        .def_readonly("segment", &PathPoint::segment)
        .def_readonly("location", &PathPoint::location, "In the segment frame, m.");

    py::class_<Muscle>(m, "Muscle", "A muscle fascicle (read-only).")
        .def_readonly("name", &Muscle::name, "e.g. 'IL_L1_r'.")
        .def_readonly("group", &Muscle::group, "Anatomical group, e.g. 'iliocostalis_lumborum_pars_lumborum'.")
        .def_readonly("family", &Muscle::family,
                      "Functional family: erector_spinae, multifidus, quadratus_lumborum, psoas, abdominals, "
                      "latissimus_dorsi, iliacus or hip.")
        .def_readonly("side", &Muscle::side, "+1 right, -1 left.")
        .def_property_readonly("path", [](py::object self) { return element_refs(self.cast<const Muscle&>().path, self); },
                               "Path points, origin ... insertion.")
        .def_readonly("pcsa", &Muscle::pcsa, "Physiological cross-sectional area, m^2.")
        .def_readonly("max_force", &Muscle::max_force, "N (pcsa x specific tension x subject.strength_scale).")
        .def_readonly("reference_length", &Muscle::reference_length, "Path length in the reference posture, m.")
        .def_readonly("mirror", &Muscle::mirror, "Index of the contralateral fascicle.")
        .def("__repr__", [](const Muscle& mu) { return "<Muscle " + mu.name + " (" + mu.family + ")>"; });

    py::class_<BodyPoint>(m, "BodyPoint", "A named point fixed on a segment (grips, contacts, landmarks; read-only).")
        .def_readonly("name", &BodyPoint::name)
        .def_readonly("segment", &BodyPoint::segment)
        .def_readonly("location", &BodyPoint::location, "In the segment frame, m.")
        .def("__repr__", [](const BodyPoint& p) { return "<BodyPoint " + p.name + ">"; });

    py::class_<MomentAngleCurve>(m, "MomentAngleCurve",
                                 "Passive moment-angle polynomial M = (p1 |t|^2 + p2 |t| + p3) t, t in degrees, M in N·m.")
        .def_readonly("p", &MomentAngleCurve::p);

    py::class_<LumbarLevel>(m, "LumbarLevel", "A lumbar motion segment, e.g. 'L4/L5' (read-only).")
        .def_readonly("name", &LumbarLevel::name)
        .def_readonly("joint", &LumbarLevel::joint)
        .def_readonly("disc_area", &LumbarLevel::disc_area, "m^2")
        .def_readonly("normal_tilt", &LumbarLevel::normal_tilt, "rad, anterior tilt of the disc normal.")
        .def_readonly("flexion_share", &LumbarLevel::flexion_share)
        .def_readonly("lateral_share", &LumbarLevel::lateral_share)
        .def_readonly("axial_share", &LumbarLevel::axial_share)
        .def("__repr__", [](const LumbarLevel& l) { return "<LumbarLevel " + l.name + ">"; });

    py::class_<Model, std::shared_ptr<Model>>(m, "Model", R"doc(
The immutable musculoskeletal model for one subject (see :func:`load_model`). Read-only and safe to share between
threads; everything computed for a posture lives in a :class:`Workspace`.
)doc")
        .def_property_readonly("subject", [](const Model& mo) { return mo.subject; })
        .def_readonly("data_dir", &Model::data_dir)
        .def_readonly("gravity", &Model::gravity, "m/s^2 along -y.")
        .def_property_readonly("segments", [](py::object self) { return element_refs(self.cast<const Model&>().segments, self); })
        .def_property_readonly("joints", [](py::object self) { return element_refs(self.cast<const Model&>().joints, self); })
        .def_property_readonly("coordinates", [](py::object self) { return element_refs(self.cast<const Model&>().coordinates, self); })
        .def_property_readonly("muscles", [](py::object self) { return element_refs(self.cast<const Model&>().muscles, self); })
        .def_property_readonly("points", [](py::object self) { return element_refs(self.cast<const Model&>().points, self); })
        .def_property_readonly("lumbar_levels", [](py::object self) { return element_refs(self.cast<const Model&>().lumbar_levels, self); },
                               "Inferior to superior: L5/S1 ... L1/L2.")
        .def_property_readonly("coordinate_names", [](const Model& mo) {
            std::vector<std::string> n; for (const auto& c : mo.coordinates) n.push_back(c.name); return n; })
        .def_property_readonly("muscle_names", [](const Model& mo) {
            std::vector<std::string> n; for (const auto& c : mo.muscles) n.push_back(c.name); return n; })
        .def_property_readonly("level_names", [](const Model& mo) {
            std::vector<std::string> n; for (const auto& c : mo.lumbar_levels) n.push_back(c.name); return n; })
        .def_readonly("flexion_curve", &Model::flexion_curve)
        .def_readonly("extension_curve", &Model::extension_curve)
        .def_readonly("lateral_curve", &Model::lateral_curve)
        .def_readonly("axial_curve", &Model::axial_curve)
        .def_readonly("idp_correction_factor", &Model::idp_correction_factor)
        .def_readonly("specific_tension", &Model::specific_tension, "Pa")
        .def_property_readonly("rhythm_deviation_limit", [](const Model& m) { return Eigen::Vector3d(m.rhythm_deviation_limit); },
                               "rad, largest deviation of a level from its rhythm angle (flexion, lateral bending, axial rotation).")
        .def_readonly("passive_shape_factor", &Model::passive_shape_factor)
        .def_readonly("passive_strain_at_fmax", &Model::passive_strain_at_fmax)
        .def_property_readonly("total_mass", &Model::total_mass, "Sum of the segment masses, kg.")
        .def_property_readonly("coordinate_count", &Model::coordinate_count)
        .def("segment_index", &Model::segment_index, py::arg("name"), "Raises InputError if unknown.")
        .def("joint_index", &Model::joint_index, py::arg("name"), "Raises InputError if unknown.")
        .def("coordinate_index", &Model::coordinate_index, py::arg("name"), "Raises InputError if unknown.")
        .def("muscle_index", &Model::muscle_index, py::arg("name"), "Raises InputError if unknown.")
        .def("point_index", &Model::point_index, py::arg("name"), "Raises InputError if unknown.")
        .def("lumbar_level_index", &Model::lumbar_level_index, py::arg("name"), "Accepts 'L4/L5' or 'L4L5'.")
        .def("__repr__", [](const Model& mo) {
            std::ostringstream o;
            o << "<Model " << subject_repr(mo.subject) << ": " << mo.segments.size() << " segments, "
              << mo.coordinates.size() << " coordinates, " << mo.muscles.size() << " muscles>";
            return o.str();
        });

    m.def("default_data_dir", &default_data_dir,
          "The data directory: $SPINESIM_DATA_DIR if set, else the source tree's data/ compiled in.");
    m.def("load_model",
          [](const Subject& subject, const std::optional<std::string>& data_dir) {
              py::gil_scoped_release release;
              return std::make_shared<Model>(load_model(subject, data_dir ? *data_dir : default_data_dir()));
          },
          py::arg("subject") = Subject{}, py::arg("data_dir") = py::none(),
          R"doc(
Builds the model for `subject` from data_dir/model (default: :func:`default_data_dir`), scaled to the subject.
Raises InputError naming file, field and value for any malformed entry.
)doc");

    m.def("reference_posture", &reference_posture, py::arg("model"),
          "All-zero posture vector (upright reference standing), Model.coordinates order (rad, translations m).");
    m.def("set_coordinate",
          [](const Model& model, Eigen::Ref<Eigen::VectorXd> q, const std::string& name, double value) {
              modify_in_place(model, q, [&](Posture& p) { set_coordinate(model, p, name, value); });
          },
          py::arg("model"), py::arg("q"), py::arg("name"), py::arg("value"),
          "Sets coordinate `name` (rad or m) of the float64 posture array `q` in place.");
    m.def("get_coordinate", &get_coordinate, py::arg("model"), py::arg("q"), py::arg("name"),
          "Value of coordinate `name` (e.g. 'L4L5.flexion') in the posture array `q`: rad, or m for translations.");
    m.def("set_lumbar_motion",
          [](const Model& model, Eigen::Ref<Eigen::VectorXd> q, double flexion, double lateral, double axial) {
              modify_in_place(model, q, [&](Posture& p) { set_lumbar_motion(model, p, flexion, lateral, axial); });
          },
          py::arg("model"), py::arg("q"), py::arg("flexion"), py::arg("lateral_bending") = 0.0,
          py::arg("axial_rotation") = 0.0,
          "Distributes total lumbar flexion, lateral bending (right +) and axial rotation (left +), rad, over the "
          "five levels with the lumbopelvic rhythm; modifies the float64 array `q` in place.");
    m.def("total_lumbar_flexion", &total_lumbar_flexion, py::arg("model"), py::arg("q"),
          "Total lumbar flexion of posture `q`, L1/L2 to L5/S1 summed, rad (+ forward).");
    m.def("check_range_of_motion", &check_range_of_motion, py::arg("model"), py::arg("q"),
          py::arg("origin") = "posture", py::arg("tolerance") = 1e-9,
          "Raises InputError naming the coordinate if q (rad, translations m) is not finite or beyond the range of "
          "motion by more than `tolerance` (same units).");
    m.def("mirror_posture", &mirror_posture, py::arg("model"), py::arg("q"), "Left/right mirror image (z -> -z).");
}

}  // namespace spinesim::python
