// Reading a scenario TOML file (format: data/scenarios/README.md). Strict: unknown keys, unknown parameter
// references, non-finite numbers, negative masses and badly ordered phases are errors that name file:line, the
// field and the offending value. Names of coordinates, segments and points are checked against the Model later,
// in simulate(), because a scenario can be read without a model.
#include "scenario/value_expression.hpp"
#include "spinesim/error.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/number_text.hpp"
#include "spinesim/scenario.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <stdexcept>

namespace spinesim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;
const std::string kFramesRange = "must be an integer from 1 to " + std::to_string(kMaxFrames);
const std::string kDurationRange = "must be 0 (static hold) or a time >= " + number_text(kMinDuration) + " s";

bool valid_duration(double seconds) { return seconds == 0.0 || seconds >= kMinDuration; }

std::string text_of(const toml::node& node) {
    if (const auto* s = node.as_string()) return s->get();
    std::ostringstream os;
    if (const auto* t = node.as_table()) {   // on one line: a message quotes it
        os << "{";
        bool first = true;
        for (const auto& [key, value] : *t) {
            os << (first ? "" : ", ") << key.str() << " = " << text_of(value);
            first = false;
        }
        os << "}";
    }
    else if (const auto* a = node.as_array()) {
        os << "[";
        for (std::size_t i = 0; i < a->size(); ++i) os << (i ? ", " : "") << text_of(*a->get(i));
        os << "]";
    }
    else if (const auto* i = node.as_integer()) os << i->get();
    else if (const auto* f = node.as_floating_point()) os << number_text(f->get());
    else if (const auto* b = node.as_boolean()) os << (b->get() ? "true" : "false");
    else os << "(" << node.type() << ")";
    return os.str();
}

class Reader {
public:
    Reader(std::string path, const std::map<std::string, std::string>& overrides)
        : path_(std::move(path)), overrides_(overrides) {}

    Scenario read();

private:
    std::string path_;
    const std::map<std::string, std::string>& overrides_;
    std::set<std::string> used_overrides_;
    std::map<std::string, double> parameters_;
    std::vector<double> default_phases_;
    bool have_default_phases_ = false;

    std::string at(const toml::node& node) const {
        return path_ + ":" + std::to_string(node.source().begin.line);
    }
    [[noreturn]] void fail(const toml::node& node, const std::string& field, const std::string& value,
                           const std::string& problem) const {
        throw InputError(at(node), field, value, problem);
    }

    void check_keys(const toml::table& table, const std::string& where, std::initializer_list<const char*> allowed) const {
        for (const auto& [key, node] : table) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || key.str() == a;
            if (!ok) {
                std::string list;
                std::vector<std::string> names;
                for (const char* a : allowed) {
                    list += std::string(list.empty() ? "" : ", ") + a;
                    names.emplace_back(a);
                }
                fail(node, where.empty() ? std::string(key.str()) : where + "." + std::string(key.str()),
                     text_of(node), "unknown key (allowed here: " + list + ")" + did_you_mean(std::string(key.str()), names));
            }
        }
    }

    const toml::table* table(const toml::table& parent, const char* key, const std::string& where) const {
        const toml::node* n = parent.get(key);
        if (!n) return nullptr;
        if (!n->is_table()) fail(*n, where, text_of(*n), "must be a table");
        return n->as_table();
    }

    // A scalar value: a number or an expression string ("$p", "$p * 2"), finite.
    double number(const toml::node& node, const std::string& field) const {
        double v = 0.0;
        if (const auto* i = node.as_integer()) v = static_cast<double>(i->get());
        else if (const auto* f = node.as_floating_point()) v = f->get();
        else if (const auto* s = node.as_string()) {
            std::string problem;
            const auto r = detail::evaluate_expression(s->get(), parameters_, problem);
            if (!r) fail(node, field, s->get(), problem);
            v = *r;
        } else fail(node, field, text_of(node), "must be a number or a parameter expression such as \"$load_kg\"");
        if (!std::isfinite(v)) fail(node, field, text_of(node), "must be finite");
        return v;
    }

    std::string string(const toml::node& node, const std::string& field) const {
        const auto* s = node.as_string();
        if (!s) fail(node, field, text_of(node), "must be a string");
        return s->get();
    }

    std::vector<std::string> strings(const toml::node& node, const std::string& field) const {
        std::vector<std::string> out;
        if (node.is_string()) return {string(node, field)};
        const auto* a = node.as_array();
        if (!a) fail(node, field, text_of(node), "must be a string or a list of strings");
        for (std::size_t i = 0; i < a->size(); ++i) out.push_back(string(*a->get(i), field + "[" + std::to_string(i) + "]"));
        if (out.empty()) fail(node, field, "[]", "must not be empty");
        return out;
    }

    std::vector<double> phases(const toml::node& node, const std::string& field) const {
        const auto* a = node.as_array();
        if (!a || a->empty()) fail(node, field, text_of(node), "must be a non-empty list of phases in [0, 1]");
        std::vector<double> out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const double p = number(*a->get(i), field + "[" + std::to_string(i) + "]");
            if (p < 0.0 || p > 1.0) fail(node, field, text_of(node), "phases must lie in [0, 1]");
            if (!out.empty() && p <= out.back()) fail(node, field, text_of(node), "phases must be strictly increasing");
            out.push_back(p);
        }
        return out;
    }

    // value = scalar (constant) or list (one per phase; phases from `phase` in the same table or [posture].phases),
    // multiplied by `scale` to SI.
    PhaseCurve curve(const toml::table& t, const char* value_key, const std::string& where, double scale) const {
        PhaseCurve c;
        const toml::node* v = t.get(value_key);
        const std::string field = where + "." + value_key;
        const toml::node* ph = t.get("phase");
        if (!v) return c;
        if (const auto* a = v->as_array()) {
            if (ph) c.phase = phases(*ph, where + ".phase");
            else if (have_default_phases_) c.phase = default_phases_;
            else fail(*v, field, text_of(*v), "a list of values needs a 'phase' list (here or in [posture] phases)");
            if (a->size() != c.phase.size())
                fail(*v, field, text_of(*v), std::to_string(a->size()) + " values for " + std::to_string(c.phase.size()) + " phases");
            for (std::size_t i = 0; i < a->size(); ++i)
                c.value.push_back(scale * number(*a->get(i), field + "[" + std::to_string(i) + "]"));
        } else {
            if (ph) fail(*ph, where + ".phase", text_of(*ph), "a phase list needs a list of values");
            c.phase = {0.0};
            c.value = {scale * number(*v, field)};
        }
        return c;
    }

    Vec3 vector3(const toml::node& node, const std::string& field) const {
        const auto* a = node.as_array();
        if (!a || a->size() != 3) fail(node, field, text_of(node), "must be a list of 3 numbers");
        Vec3 out;
        for (int k = 0; k < 3; ++k) out[k] = number(*a->get(k), field + "[" + std::to_string(k) + "]");
        return out;
    }

    // A scalar field of [scenario]/[subject] that an override may replace.
    std::optional<std::string> override_for(const std::string& name) {
        const auto it = overrides_.find(name);
        if (it == overrides_.end()) return std::nullopt;
        used_overrides_.insert(name);
        return it->second;
    }
    double override_number(const std::string& name, const std::string& text) const {
        std::string problem;
        const auto v = detail::evaluate_expression(text, {}, problem);
        if (!v || !std::isfinite(*v)) throw InputError(path_ + " (override)", name, text, "must be a finite number");
        return *v;
    }

    void read_scenario_table(const toml::table& doc, Scenario& s);
    void read_subject(const toml::table& doc, Scenario& s);
    void read_parameters(const toml::table& doc, Scenario& s);
    void read_posture(const toml::table& doc, Scenario& s);
    void read_targets(const toml::table& doc, Scenario& s);
    void read_contacts(const toml::table& doc, Scenario& s);
    void read_loads(const toml::table& doc, Scenario& s);
};

Criterion parse_criterion(const std::string& text, const std::string& where, const std::string& field) {
    try {
        return parse_criterion_name(text);
    } catch (const std::invalid_argument&) {
        throw InputError(where, field, text, "must be \"stress2\", \"stress3\" or \"minmax\"");
    }
}

LumbarBalance parse_balance(const std::string& text, const std::string& where, const std::string& field) {
    try {
        return parse_lumbar_balance(text);
    } catch (const std::invalid_argument& e) {
        throw InputError(where, field, text, e.what());
    }
}

void Reader::read_scenario_table(const toml::table& doc, Scenario& s) {
    const toml::table* t = table(doc, "scenario", "scenario");
    if (!t) throw InputError(path_, "scenario", "", "missing [scenario] table");
    check_keys(*t, "scenario",
               {"name", "title", "description", "exercise", "technique", "duration_s", "frames", "criterion", "lumbar_balance"});
    if (const auto* n = t->get("name")) s.name = string(*n, "scenario.name");
    if (const auto* n = t->get("title")) s.title = string(*n, "scenario.title");
    if (const auto* n = t->get("description")) s.description = string(*n, "scenario.description");
    if (const auto* n = t->get("exercise")) s.exercise = string(*n, "scenario.exercise");
    if (const auto* n = t->get("technique")) s.technique = string(*n, "scenario.technique");
    if (const auto* n = t->get("duration_s")) {
        s.duration = number(*n, "scenario.duration_s");
        if (!valid_duration(s.duration)) fail(*n, "scenario.duration_s", text_of(*n), kDurationRange);
    }
    if (const auto* n = t->get("frames")) {
        const auto* i = n->as_integer();
        if (!i || i->get() < 1 || i->get() > kMaxFrames) fail(*n, "scenario.frames", text_of(*n), kFramesRange);
        s.frames = static_cast<int>(i->get());
    }
    if (const auto* n = t->get("criterion")) s.criterion = parse_criterion(string(*n, "scenario.criterion"), at(*n), "scenario.criterion");
    if (const auto* n = t->get("lumbar_balance"))
        s.lumbar_balance = parse_balance(string(*n, "scenario.lumbar_balance"), at(*n), "scenario.lumbar_balance");

    for (const char* key : {"duration_s", "duration"})
        if (const auto o = override_for(key)) {
            s.duration = override_number(key, *o);
            if (!valid_duration(s.duration)) throw InputError(path_ + " (override)", key, *o, kDurationRange);
        }
    if (const auto o = override_for("frames")) {
        const double f = override_number("frames", *o);
        if (f < 1 || f != std::floor(f) || f > kMaxFrames) throw InputError(path_ + " (override)", "frames", *o, kFramesRange);
        s.frames = static_cast<int>(f);
    }
    if (const auto o = override_for("criterion")) s.criterion = parse_criterion(*o, path_ + " (override)", "criterion");
    if (const auto o = override_for("lumbar_balance"))
        s.lumbar_balance = parse_balance(*o, path_ + " (override)", "lumbar_balance");
}

void Reader::read_subject(const toml::table& doc, Scenario& s) {
    std::string where = path_;
    if (const toml::table* t = table(doc, "subject", "subject")) {
        where = at(*t);
        check_keys(*t, "subject", {"body_mass_kg", "height_m", "sex", "strength_scale"});
        if (const auto* n = t->get("body_mass_kg")) s.subject.body_mass_kg = number(*n, "subject.body_mass_kg");
        if (const auto* n = t->get("height_m")) s.subject.height_m = number(*n, "subject.height_m");
        if (const auto* n = t->get("strength_scale")) s.subject.strength_scale = number(*n, "subject.strength_scale");
        if (const auto* n = t->get("sex")) s.subject.sex = parse_sex(string(*n, "subject.sex"), at(*n) + ": subject");
    }
    // A bad value is reported where it came from: values from the file with the file's line, overridden ones as
    // overrides. `from_file` holds the file's values with the overridden fields at their (valid) defaults.
    Subject from_file = s.subject;
    const Subject defaults;
    if (const auto o = override_for("subject.body_mass_kg")) {
        s.subject.body_mass_kg = override_number("subject.body_mass_kg", *o);
        from_file.body_mass_kg = defaults.body_mass_kg;
    }
    if (const auto o = override_for("subject.height_m")) {
        s.subject.height_m = override_number("subject.height_m", *o);
        from_file.height_m = defaults.height_m;
    }
    if (const auto o = override_for("subject.strength_scale")) {
        s.subject.strength_scale = override_number("subject.strength_scale", *o);
        from_file.strength_scale = defaults.strength_scale;
    }
    if (const auto o = override_for("subject.sex")) s.subject.sex = parse_sex(*o, path_ + " (override): subject");
    validate_subject(from_file, where + ": subject");
    validate_subject(s.subject, path_ + " (override): subject");
}

void Reader::read_parameters(const toml::table& doc, Scenario& s) {
    if (const toml::table* t = table(doc, "parameters", "parameters")) {
        for (const auto& [key, node] : *t) {
            const std::string field = "parameters." + std::string(key.str());
            double v = 0.0;
            if (const auto* i = node.as_integer()) v = static_cast<double>(i->get());
            else if (const auto* f = node.as_floating_point()) v = f->get();
            else fail(node, field, text_of(node), "a parameter must be a plain number");
            if (!std::isfinite(v)) fail(node, field, text_of(node), "must be finite");
            parameters_[std::string(key.str())] = v;
        }
    }
    for (const auto& [name, text] : overrides_) {
        const auto it = parameters_.find(name);
        if (it == parameters_.end()) continue;
        it->second = override_number(name, text);
        used_overrides_.insert(name);
    }
    s.parameters = parameters_;
}

void Reader::read_posture(const toml::table& doc, Scenario& s) {
    const toml::table* t = table(doc, "posture", "posture");
    if (!t) return;
    check_keys(*t, "posture", {"free", "phases"});
    if (const auto* n = t->get("free")) s.free_coordinates = strings(*n, "posture.free");
    if (const auto* n = t->get("phases")) {
        default_phases_ = phases(*n, "posture.phases");
        have_default_phases_ = true;
    }
}

struct KindInfo {
    const char* key;
    PostureTarget::Kind kind;
    bool needs_name;
};
constexpr KindInfo kKinds[] = {
    {"coordinate", PostureTarget::Kind::Coordinate, true},
    {"segment_inclination", PostureTarget::Kind::SegmentInclination, true},
    {"point_height", PostureTarget::Kind::PointHeight, true},
    {"point_forward", PostureTarget::Kind::PointForward, true},
    {"point_lateral", PostureTarget::Kind::PointLateral, true},
    {"com_over_points", PostureTarget::Kind::ComOverPoints, false},
    {"lumbar_flexion", PostureTarget::Kind::LumbarFlexion, false},
    {"lumbar_lateral_bending", PostureTarget::Kind::LumbarLateralBending, false},
    {"lumbar_axial_rotation", PostureTarget::Kind::LumbarAxialRotation, false},
};

bool is_translation(const std::string& coordinate) {
    const auto dot = coordinate.rfind('.');
    const std::string tail = dot == std::string::npos ? coordinate : coordinate.substr(dot + 1);
    return tail == "tx" || tail == "ty" || tail == "tz";
}

void Reader::read_targets(const toml::table& doc, Scenario& s) {
    const toml::node* node = doc.get("target");
    if (!node) return;
    const auto* list = node->as_array();
    if (!list) fail(*node, "target", text_of(*node), "must be an array of tables [[target]]");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "target[" + std::to_string(i) + "]";
        const toml::table* t = list->get(i)->as_table();
        if (!t) fail(*list->get(i), where, text_of(*list->get(i)), "must be a table");
        check_keys(*t, where, {"kind", "name", "points", "value", "phase", "weight", "hard", "include_loads"});
        PostureTarget target;
        target.origin = at(*t);
        const toml::node* kind = t->get("kind");
        if (!kind) fail(*t, where + ".kind", "", "missing");
        const std::string kind_text = string(*kind, where + ".kind");
        const KindInfo* info = nullptr;
        for (const KindInfo& k : kKinds) if (kind_text == k.key) info = &k;
        if (!info) fail(*kind, where + ".kind", kind_text, "unknown target kind (see data/scenarios/README.md)");
        target.kind = info->kind;
        const bool com = info->kind == PostureTarget::Kind::ComOverPoints;
        // a key that the kind does not use would be silently ignored
        for (const auto& [key, applies] : {std::pair<const char*, bool>{"name", info->needs_name}, {"points", com}, {"include_loads", com}})
            if (const auto* n = t->get(key); n && !applies)
                fail(*n, where + "." + key, text_of(*n), std::string("not used by a ") + kind_text + " target (remove it)");
        if (const auto* n = t->get("name")) target.name = string(*n, where + ".name");
        else if (info->needs_name) fail(*t, where + ".name", "", "missing (a " + kind_text + " target needs a name)");
        if (const auto* n = t->get("points")) target.points = strings(*n, where + ".points");
        if (target.kind == PostureTarget::Kind::ComOverPoints && target.points.empty())
            fail(*t, where + ".points", "", "missing (com_over_points needs the support points)");
        const bool metres = target.kind == PostureTarget::Kind::PointHeight || target.kind == PostureTarget::Kind::PointForward ||
                            target.kind == PostureTarget::Kind::PointLateral || target.kind == PostureTarget::Kind::ComOverPoints ||
                            (target.kind == PostureTarget::Kind::Coordinate && is_translation(target.name));
        if (!t->get("value") && target.kind != PostureTarget::Kind::ComOverPoints)
            fail(*t, where + ".value", "", "missing");
        target.value = curve(*t, "value", where, metres ? 1.0 : kDegree);
        if (target.value.value.empty()) target.value = PhaseCurve{{0.0}, {0.0}};
        if (const auto* n = t->get("weight")) {
            target.weight = number(*n, where + ".weight");
            if (target.weight < 0) fail(*n, where + ".weight", text_of(*n), "must be >= 0");
        }
        if (const auto* n = t->get("hard")) {
            if (!n->is_boolean()) fail(*n, where + ".hard", text_of(*n), "must be true or false");
            target.hard = n->as_boolean()->get();
        }
        if (const auto* n = t->get("include_loads")) {
            if (!n->is_boolean()) fail(*n, where + ".include_loads", text_of(*n), "must be true or false");
            target.include_loads = n->as_boolean()->get();
        }
        s.targets.push_back(std::move(target));
    }
}

void Reader::read_contacts(const toml::table& doc, Scenario& s) {
    const toml::node* node = doc.get("contact");
    if (!node) return;
    const auto* list = node->as_array();
    if (!list) fail(*node, "contact", text_of(*node), "must be an array of tables [[contact]]");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "contact[" + std::to_string(i) + "]";
        const toml::table* t = list->get(i)->as_table();
        if (!t) fail(*list->get(i), where, text_of(*list->get(i)), "must be a table");
        check_keys(*t, where, {"points", "normal", "friction", "from_phase", "to_phase"});
        ScenarioContact c;
        c.origin = at(*t);
        const toml::node* points = t->get("points");
        if (!points) fail(*t, where + ".points", "", "missing");
        if (const auto* n = t->get("normal")) {
            c.normal = vector3(*n, where + ".normal");
            const double length = c.normal.stableNorm();   // no overflow for [0, 1e300, 0]
            if (!(length >= 1e-9) || !std::isfinite(length)) fail(*n, where + ".normal", text_of(*n), "must be a finite non-zero direction");
            c.normal /= length;
        }
        if (const auto* n = t->get("friction")) {
            c.friction = number(*n, where + ".friction");
            if (c.friction < 0 || c.friction > kMaxFriction)
                fail(*n, where + ".friction", text_of(*n), "must be in [0, " + number_text(kMaxFriction) + "]");
        }
        if (const auto* n = t->get("from_phase")) c.from_phase = number(*n, where + ".from_phase");
        if (const auto* n = t->get("to_phase")) c.to_phase = number(*n, where + ".to_phase");
        if (c.from_phase < 0 || c.to_phase > 1 || c.from_phase > c.to_phase)
            fail(*t, where + ".from_phase/to_phase", number_text(c.from_phase) + ".." + number_text(c.to_phase),
                 "need 0 <= from_phase <= to_phase <= 1");
        for (const std::string& p : strings(*points, where + ".points")) {
            c.point = p;
            s.contacts.push_back(c);
        }
    }
}

void Reader::read_loads(const toml::table& doc, Scenario& s) {
    const toml::node* node = doc.get("load");
    if (!node) return;
    const auto* list = node->as_array();
    if (!list) fail(*node, "load", text_of(*node), "must be an array of tables [[load]]");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "load[" + std::to_string(i) + "]";
        const toml::table* t = list->get(i)->as_table();
        if (!t) fail(*list->get(i), where, text_of(*list->get(i)), "must be a table");
        check_keys(*t, where, {"points", "mass_kg", "phase", "force_n"});
        const toml::node* points_node = t->get("points");
        if (!points_node) fail(*t, where + ".points", "", "missing");
        const std::vector<std::string> points = strings(*points_node, where + ".points");
        const bool has_mass = t->get("mass_kg") != nullptr, has_force = t->get("force_n") != nullptr;
        if (has_mass == has_force) fail(*t, where, "", "give exactly one of mass_kg (a held mass) or force_n (a force)");
        ScenarioLoad load;
        load.origin = at(*t);
        if (has_mass) {
            // A mass shared equally by the points (e.g. a bar held in both hands).
            load.mass_kg = curve(*t, "mass_kg", where, 1.0 / static_cast<double>(points.size()));
            for (std::size_t k = 0; k < load.mass_kg.value.size(); ++k)
                if (load.mass_kg.value[k] < 0) {
                    const toml::node* v = t->get("mass_kg");
                    const toml::node* item = v->is_array() ? v->as_array()->get(k) : v;
                    fail(*item, where + ".mass_kg", text_of(*item) + " = " + number_text(load.mass_kg.value[k] * points.size()) + " kg",
                         "a mass must be >= 0");
                }
        } else {
            load.force = vector3(*t->get("force_n"), where + ".force_n") / static_cast<double>(points.size());
        }
        for (const std::string& p : points) {
            load.point = p;
            s.loads.push_back(load);
        }
    }
}

Scenario Reader::read() {
    if (!std::filesystem::is_regular_file(path_)) throw InputError(path_, "", "", "scenario file not found");
    toml::table doc;
    try {
        doc = toml::parse_file(path_);
    } catch (const toml::parse_error& e) {
        std::ostringstream value;
        value << "line " << e.source().begin.line << ", column " << e.source().begin.column;
        throw InputError(path_ + ":" + std::to_string(e.source().begin.line), "TOML syntax", value.str(),
                         std::string(e.description()));
    }
    check_keys(doc, "", {"scenario", "subject", "parameters", "posture", "target", "contact", "load"});
    Scenario s;
    s.source_file = path_;
    s.name = std::filesystem::path(path_).stem().string();
    read_parameters(doc, s);   // first: everything else may refer to parameters
    read_scenario_table(doc, s);
    read_subject(doc, s);
    read_posture(doc, s);
    read_targets(doc, s);
    read_contacts(doc, s);
    read_loads(doc, s);
    for (const auto& [name, value] : overrides_)
        if (!used_overrides_.count(name)) {
            std::string known;
            std::vector<std::string> names = {"subject.body_mass_kg", "subject.height_m", "subject.sex",
                                              "subject.strength_scale", "duration_s", "frames", "criterion",
                                              "lumbar_balance"};
            for (const auto& [p, v] : parameters_) {
                known += (known.empty() ? "" : ", ") + p;
                names.push_back(p);
            }
            throw InputError(path_ + " (override)", name, value,
                             "no such parameter or setting (parameters: " + (known.empty() ? "none" : known) +
                                 "; settings: subject.body_mass_kg, subject.height_m, subject.sex, "
                                 "subject.strength_scale, duration_s, frames, criterion, lumbar_balance)" +
                                 did_you_mean(name, names));
        }
    return s;
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::map<std::string, std::string>& overrides) {
    return Reader(path, overrides).read();
}

}  // namespace spinesim
