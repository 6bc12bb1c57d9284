// Scenarios: every field mutable from Python, so scenarios can be built or changed in code.
#include "bindings.hpp"

#include "spinesim/model_loader.hpp"
#include "spinesim/scenario.hpp"

#include <optional>

namespace spinesim::python {

namespace {

// Override values may be given as str, bool, int, float or an enum; the C++ side parses the text.
std::map<std::string, std::string> override_texts(const std::optional<py::dict>& overrides) {
    std::map<std::string, std::string> out;
    if (!overrides) return out;
    for (auto item : *overrides) {
        const std::string key = py::str(item.first);
        py::handle v = item.second;
        std::string text;
        if (py::isinstance<py::str>(v)) text = v.cast<std::string>();
        else if (py::isinstance<py::bool_>(v)) text = v.cast<bool>() ? "true" : "false";
        else if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) text = py::repr(v).cast<std::string>();
        else if (py::isinstance<Sex>(v)) text = to_string(v.cast<Sex>());
        else if (py::hasattr(v, "__float__")) text = py::repr(py::float_(py::reinterpret_borrow<py::object>(v))).cast<std::string>();
        else throw InputError("python", key, py::repr(v).cast<std::string>(), "override values must be str, bool or numbers");
        out[key] = text;
    }
    return out;
}

std::map<std::string, double> parameters_from(py::handle mapping) {
    std::map<std::string, double> out;
    if (py::isinstance<std::map<std::string, double>>(mapping)) return mapping.cast<std::map<std::string, double>>();
    py::object items = py::reinterpret_borrow<py::object>(mapping).attr("items")();
    for (auto kv : items) {
        auto pair = kv.cast<py::tuple>();
        out[pair[0].cast<std::string>()] = pair[1].cast<double>();
    }
    return out;
}

// PhaseCurve::at of a curve whose phase and value lists were assigned one by one (they may disagree).
double checked_at(const PhaseCurve& c, double phase) {
    check_phase_curve(c, "python", "PhaseCurve", true);
    return c.at(phase);
}

template <class T>
std::vector<T> vector_from(py::handle seq) {
    std::vector<T> out;
    for (auto item : seq) out.push_back(item.cast<T>());
    return out;
}

}  // namespace

void bind_scenario(py::module_& m) {
    py::bind_map<std::map<std::string, double>>(m, "ParameterMap", "Scenario parameters by name (SI), mutable in place.");

    py::class_<PhaseCurve>(m, "PhaseCurve", R"doc(
A value over the normalised phase 0..1 of the repetition, in SI units (rad, m, kg, N): monotone cubic Hermite
interpolation between keys (exact at keys, monotone between them, at rest at the first and last key); one key =
constant. `phase` and `value` are returned as tuples; assign new sequences to change them.
)doc")
        .def(py::init([](const std::vector<double>& phase, const std::vector<double>& value) {
                 PhaseCurve c{phase, value};
                 check_phase_curve(c, "python", "PhaseCurve", true);
                 return c;
             }),
             py::arg("phase") = std::vector<double>{}, py::arg("value") = std::vector<double>{})
        .def(py::init([](double constant) { return PhaseCurve{{0.0}, {constant}}; }), py::arg("constant"))
        .def_property("phase", [](const PhaseCurve& c) { return py::tuple(py::cast(c.phase)); },
                      [](PhaseCurve& c, const std::vector<double>& v) { c.phase = v; })
        .def_property("value", [](const PhaseCurve& c) { return py::tuple(py::cast(c.value)); },
                      [](PhaseCurve& c, const std::vector<double>& v) { c.value = v; })
        .def("at", &checked_at, py::arg("phase"), "Value at a phase in [0, 1]; InputError if the curve is not valid.")
        .def("__call__", &checked_at, py::arg("phase"));
    py::implicitly_convertible<double, PhaseCurve>();

    py::class_<PostureTarget> target(m, "PostureTarget", "A weighted residual of the posture solver.");
    py::enum_<PostureTarget::Kind>(target, "Kind")
        .value("Coordinate", PostureTarget::Kind::Coordinate)
        .value("SegmentInclination", PostureTarget::Kind::SegmentInclination)
        .value("PointHeight", PostureTarget::Kind::PointHeight)
        .value("PointForward", PostureTarget::Kind::PointForward)
        .value("PointLateral", PostureTarget::Kind::PointLateral)
        .value("ComOverPoints", PostureTarget::Kind::ComOverPoints)
        .value("LumbarFlexion", PostureTarget::Kind::LumbarFlexion)
        .value("LumbarLateralBending", PostureTarget::Kind::LumbarLateralBending)
        .value("LumbarAxialRotation", PostureTarget::Kind::LumbarAxialRotation);
    target
        .def(py::init([](PostureTarget::Kind kind, const std::string& name, const PhaseCurve& value, double weight,
                         const std::vector<std::string>& points, bool hard, bool include_loads) {
                 PostureTarget t;
                 t.kind = kind; t.name = name; t.value = value; t.weight = weight; t.points = points;
                 t.hard = hard; t.include_loads = include_loads;
                 return t;
             }),
             py::arg("kind") = PostureTarget::Kind::Coordinate, py::arg("name") = "", py::arg("value") = PhaseCurve{},
             py::arg("weight") = 1.0, py::arg("points") = std::vector<std::string>{}, py::arg("hard") = false,
             py::arg("include_loads") = false)
        .def_readwrite("kind", &PostureTarget::kind)
        .def_readwrite("name", &PostureTarget::name)
        .def_property("points", [](const PostureTarget& t) { return py::tuple(py::cast(t.points)); },
                      [](PostureTarget& t, const std::vector<std::string>& v) { t.points = v; })
        .def_readwrite("value", &PostureTarget::value)
        .def_readwrite("weight", &PostureTarget::weight)
        .def_readwrite("hard", &PostureTarget::hard, "Must be met to 1 mm / 0.5 deg, else the frame status says so.")
        .def_readwrite("include_loads", &PostureTarget::include_loads,
                       "ComOverPoints: COM of body + held masses.")
        .def_readwrite("origin", &PostureTarget::origin, "'file:line' of the definition; '' if built in code.");

    py::class_<ScenarioContact>(m, "ScenarioContact", "A support at a model body point, active between two phases.")
        .def(py::init([](const std::string& point, const Vec3& normal, double friction, double from, double to) {
                 ScenarioContact c;
                 c.point = point; c.normal = normal; c.friction = friction; c.from_phase = from; c.to_phase = to;
                 return c;
             }),
             py::arg("point") = "", py::arg("normal") = Vec3::UnitY(), py::arg("friction") = 0.6,
             py::arg("from_phase") = 0.0, py::arg("to_phase") = 1.0)
        .def_readwrite("point", &ScenarioContact::point)
        .def_property("normal", [](ScenarioContact& self) -> decltype(ScenarioContact::normal)& { return self.normal; }, [](ScenarioContact& self, const decltype(ScenarioContact::normal)& v) { self.normal = v; }, py::return_value_policy::reference_internal)
        .def_readwrite("friction", &ScenarioContact::friction)
        .def_readwrite("from_phase", &ScenarioContact::from_phase)
        .def_readwrite("to_phase", &ScenarioContact::to_phase)
        .def_readwrite("origin", &ScenarioContact::origin, "'file:line' of the definition.");

    py::class_<ScenarioLoad>(m, "ScenarioLoad", "A held mass (mass_kg curve) or a constant world force at a body point.")
        .def(py::init([](const std::string& point, const PhaseCurve& mass, const Vec3& force) {
                 ScenarioLoad l;
                 l.point = point; l.mass_kg = mass; l.force = force;
                 return l;
             }),
             py::arg("point") = "", py::arg("mass_kg") = PhaseCurve{}, py::arg("force") = Vec3::Zero())
        .def_readwrite("point", &ScenarioLoad::point)
        .def_readwrite("mass_kg", &ScenarioLoad::mass_kg)
        .def_property("force", [](ScenarioLoad& self) -> decltype(ScenarioLoad::force)& { return self.force; }, [](ScenarioLoad& self, const decltype(ScenarioLoad::force)& v) { self.force = v; }, py::return_value_policy::reference_internal, "World, N (used when mass_kg is empty).")
        .def_readwrite("origin", &ScenarioLoad::origin, "'file:line' of the definition.");

    py::bind_vector<std::vector<PostureTarget>>(m, "PostureTargetList")
        .doc() = "Scenario.targets: a mutable list of PostureTarget, changed in place (append, index, del).";
    py::bind_vector<std::vector<ScenarioContact>>(m, "ScenarioContactList")
        .doc() = "Scenario.contacts: a mutable list of ScenarioContact, changed in place.";
    py::bind_vector<std::vector<ScenarioLoad>>(m, "ScenarioLoadList")
        .doc() = "Scenario.loads: a mutable list of ScenarioLoad, changed in place.";

    py::class_<Scenario>(m, "Scenario", R"doc(
One repetition (or a hold) of an exercise as data. Every field can be changed in place: ``s.parameters['load_kg']
= 100``, ``s.targets[0].weight = 2``, ``s.contacts.append(ScenarioContact('heel_r'))``, ``s.subject.body_mass_kg
= 80``. ``free_coordinates`` is returned as a tuple: assign a new list to change it. Note that parameter references
in a scenario file are resolved when it is read: to re-resolve them use load_scenario(path, overrides).
)doc")
        .def(py::init<>())
        .def_readwrite("name", &Scenario::name)
        .def_readwrite("title", &Scenario::title)
        .def_readwrite("description", &Scenario::description)
        .def_readwrite("source_file", &Scenario::source_file)
        .def_readwrite("exercise", &Scenario::exercise)
        .def_readwrite("technique", &Scenario::technique)
        .def_readwrite("subject", &Scenario::subject)
        .def_property("parameters", [](Scenario& s) -> std::map<std::string, double>& { return s.parameters; },
                      [](Scenario& s, py::handle v) { s.parameters = parameters_from(v); },
                      py::return_value_policy::reference_internal)
        .def_readwrite("duration", &Scenario::duration, "s for one repetition; 0 = static hold.")
        .def_readwrite("frames", &Scenario::frames)
        .def_property("free_coordinates", [](const Scenario& s) { return py::tuple(py::cast(s.free_coordinates)); },
                      [](Scenario& s, const std::vector<std::string>& v) { s.free_coordinates = v; })
        .def_property("targets", [](Scenario& s) -> std::vector<PostureTarget>& { return s.targets; },
                      [](Scenario& s, py::handle v) { s.targets = vector_from<PostureTarget>(v); },
                      py::return_value_policy::reference_internal)
        .def_property("contacts", [](Scenario& s) -> std::vector<ScenarioContact>& { return s.contacts; },
                      [](Scenario& s, py::handle v) { s.contacts = vector_from<ScenarioContact>(v); },
                      py::return_value_policy::reference_internal)
        .def_property("loads", [](Scenario& s) -> std::vector<ScenarioLoad>& { return s.loads; },
                      [](Scenario& s, py::handle v) { s.loads = vector_from<ScenarioLoad>(v); },
                      py::return_value_policy::reference_internal)
        .def_readwrite("criterion", &Scenario::criterion)
        .def_readwrite("lumbar_balance", &Scenario::lumbar_balance)
        .def("copy", [](const Scenario& s) { return Scenario(s); }, "A deep copy.")
        .def("__copy__", [](const Scenario& s) { return Scenario(s); })
        .def("__deepcopy__", [](const Scenario& s, py::dict) { return Scenario(s); }, py::arg("memo"))
        .def("__repr__", [](const Scenario& s) { return "<Scenario " + s.name + ">"; });

    m.def("load_scenario",
          [](const std::string& path, const std::optional<py::dict>& overrides) {
              const auto texts = override_texts(overrides);
              py::gil_scoped_release release;
              return load_scenario(path, texts);
          },
          py::arg("path"), py::arg("overrides") = py::none(), R"doc(
Reads a scenario file. `overrides` ({name: value}) replaces parameters (and subject.body_mass_kg, subject.height_m,
subject.sex, subject.strength_scale, duration, frames, criterion, lumbar_balance) before the parameter references are resolved. Raises InputError naming
the file, line, field and value.
)doc");
    m.def("list_scenarios",
          [](const std::optional<std::string>& data_dir) { return list_scenarios(data_dir ? *data_dir : default_data_dir()); },
          py::arg("data_dir") = py::none(), "Scenario names in data_dir/scenarios, sorted.");
    m.def("scenario_path",
          [](const std::string& name_or_path, const std::optional<std::string>& data_dir) {
              return scenario_path(data_dir ? *data_dir : default_data_dir(), name_or_path);
          },
          py::arg("name_or_path"), py::arg("data_dir") = py::none(),
          "The file of a scenario given by name (data_dir/scenarios/<name>.toml) or path.");
}

}  // namespace spinesim::python
