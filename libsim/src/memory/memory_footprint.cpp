// Deep memory footprint (spinesim/memory_footprint.hpp). owned_bytes(x) is the heap storage x owns, not sizeof(x); a
// container adds its elements' sizeof through its capacity and their own storage through owned_bytes(element). The
// fallback for other types only accepts trivially copyable ones (which own no heap), so a new member type with heap
// storage fails to compile until it gets its own owned_bytes() here.
#include "spinesim/memory_footprint.hpp"

#include <Eigen/Core>
#include <Eigen/Geometry>

#include <algorithm>
#include <map>
#include <numeric>
#include <type_traits>

namespace spinesim {

// owned_bytes(x): the heap storage x owns. Static members of spinesim rather than an unnamed namespace, so that the
// container templates find the overloads for spinesim's types, defined after them, by argument-dependent lookup.

static std::size_t owned_bytes(const std::string& s) {
    static const std::size_t small_string_capacity = std::string().capacity();
    return s.capacity() > small_string_capacity ? s.capacity() + 1 : 0;
}

template <class T>
static std::size_t owned_bytes(const T&) {
    static_assert(std::is_trivially_copyable<T>::value, "give this type its own owned_bytes() overload");
    return 0;
}

template <class Scalar, int Rows, int Cols, int Options, int MaxRows, int MaxCols>
static std::size_t owned_bytes(const Eigen::Matrix<Scalar, Rows, Cols, Options, MaxRows, MaxCols>& m) {
    const bool dynamic = Rows == Eigen::Dynamic || Cols == Eigen::Dynamic;
    return dynamic ? static_cast<std::size_t>(m.size()) * sizeof(Scalar) : 0;
}

template <class Scalar, int Dim, int Mode, int Options>
static std::size_t owned_bytes(const Eigen::Transform<Scalar, Dim, Mode, Options>&) {
    return 0;
}

template <class T, class Allocator>
static std::size_t owned_bytes(const std::vector<T, Allocator>& v) {
    std::size_t bytes = v.capacity() * sizeof(T);
    for (const T& item : v) bytes += owned_bytes(item);
    return bytes;
}

// A std::map node holds the value and the red-black tree links (colour, parent, left, right).
template <class Key, class Value>
static std::size_t owned_bytes(const std::map<Key, Value>& m) {
    std::size_t bytes = 0;
    for (const auto& [key, value] : m)
        bytes += 4 * sizeof(void*) + sizeof(std::pair<const Key, Value>) + owned_bytes(key) + owned_bytes(value);
    return bytes;
}

// Fixed-size Eigen members make these not trivially copyable, but they own no heap storage.
static std::size_t owned_bytes(const PathPoint&) { return 0; }
static std::size_t owned_bytes(const Workspace::MuscleWrap&) { return 0; }

// Model parts whose only heap storage is their name.
template <class Named>
static std::size_t name_bytes(const std::vector<Named>& items) {
    std::size_t bytes = items.capacity() * sizeof(Named);
    for (const Named& item : items) bytes += owned_bytes(item.name);
    return bytes;
}

static std::size_t owned_bytes(const Muscle& m) {
    return owned_bytes(m.name) + owned_bytes(m.group) + owned_bytes(m.family) + owned_bytes(m.path) +
           owned_bytes(m.validity_reason);
}
static std::size_t owned_bytes(const LumbarLevel& l) {
    return owned_bytes(l.name) + owned_bytes(l.ligament_flexion_table);
}
static std::size_t owned_bytes(const Ligament& l) { return owned_bytes(l.name) + owned_bytes(l.group); }
static std::size_t owned_bytes(const PhaseCurve& c) { return owned_bytes(c.phase) + owned_bytes(c.value); }
static std::size_t owned_bytes(const PostureTarget& t) {
    return owned_bytes(t.name) + owned_bytes(t.points) + owned_bytes(t.value) + owned_bytes(t.origin);
}
static std::size_t owned_bytes(const ScenarioContact& c) { return owned_bytes(c.point) + owned_bytes(c.origin); }
static std::size_t owned_bytes(const ScenarioLoad& l) {
    return owned_bytes(l.point) + owned_bytes(l.mass_kg) + owned_bytes(l.origin);
}
static std::size_t owned_bytes(const Scenario& s) {
    std::size_t bytes = owned_bytes(s.parameters) + owned_bytes(s.free_coordinates) + owned_bytes(s.targets) +
                        owned_bytes(s.contacts) + owned_bytes(s.loads);
    for (const std::string* text : {&s.name, &s.title, &s.description, &s.source_file, &s.exercise, &s.technique})
        bytes += owned_bytes(*text);
    return bytes;
}

namespace {

std::vector<MemoryPart> largest_first(std::vector<MemoryPart> parts) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), [](const MemoryPart& p) { return p.bytes == 0; }),
                parts.end());
    std::stable_sort(parts.begin(), parts.end(), [](const MemoryPart& a, const MemoryPart& b) { return a.bytes > b.bytes; });
    return parts;
}

std::size_t sum(const std::vector<MemoryPart>& parts) {
    return std::accumulate(parts.begin(), parts.end(), std::size_t{0},
                           [](std::size_t total, const MemoryPart& p) { return total + p.bytes; });
}

}  // namespace

std::vector<MemoryPart> memory_parts(const Model& m) {
    return largest_first({{"data_dir", owned_bytes(m.data_dir)},
                          {"segments", name_bytes(m.segments)},
                          {"joints", name_bytes(m.joints)},
                          {"coordinates", name_bytes(m.coordinates)},
                          {"muscles", owned_bytes(m.muscles)},
                          {"wrap_cylinders", name_bytes(m.wrap_cylinders)},
                          {"points", name_bytes(m.points)},
                          {"lumbar_levels", owned_bytes(m.lumbar_levels)},
                          {"ligaments", owned_bytes(m.ligaments)},
                          {"subtree", owned_bytes(m.subtree)}});
}

std::vector<MemoryPart> memory_parts(const Workspace& ws) {
    return largest_first({{"q", owned_bytes(ws.q)},
                          {"pose", owned_bytes(ws.pose)},
                          {"joint_centre", owned_bytes(ws.joint_centre)},
                          {"joint_axes", owned_bytes(ws.joint_axes)},
                          {"muscle_points", owned_bytes(ws.muscle_points)},
                          {"muscle_length", owned_bytes(ws.muscle_length)},
                          {"muscle_moment", owned_bytes(ws.muscle_moment)},
                          {"muscle_direction", owned_bytes(ws.muscle_direction)},
                          {"ligament_length", owned_bytes(ws.ligament_length)},
                          {"ligament_moment", owned_bytes(ws.ligament_moment)},
                          {"ligament_direction", owned_bytes(ws.ligament_direction)},
                          {"active_points", owned_bytes(ws.active_points)},
                          {"muscle_wrap", owned_bytes(ws.muscle_wrap)},
                          {"path_points", owned_bytes(ws.path_points)},
                          {"path_segments", owned_bytes(ws.path_segments)}});
}

std::size_t memory_footprint(const Model& model) { return sizeof(Model) + sum(memory_parts(model)); }
std::size_t memory_footprint(const Workspace& ws) { return sizeof(Workspace) + sum(memory_parts(ws)); }

std::size_t memory_footprint(const SharingProblem& p) {
    return sizeof(SharingProblem) + owned_bytes(p.A) + owned_bytes(p.b) + owned_bytes(p.lower) + owned_bytes(p.upper) + owned_bytes(p.size) +
           owned_bytes(p.kind) + owned_bytes(p.row_names) + owned_bytes(p.variable_names);
}

std::size_t memory_footprint(const FrameResult& r) {
    return sizeof(FrameResult) + owned_bytes(r.message) + owned_bytes(r.warning) + owned_bytes(r.muscle_force) + owned_bytes(r.muscle_active_force) +
           owned_bytes(r.muscle_passive_force) + owned_bytes(r.contact_force) + owned_bytes(r.levels) + owned_bytes(r.rhythm_deviation) +
           owned_bytes(r.coupling_moment) + owned_bytes(r.joint_reaction) + owned_bytes(r.actuator_moment) + owned_bytes(r.multipliers);
}

std::size_t memory_footprint(const SimulationResult& r) {
    std::size_t bytes = sizeof(SimulationResult) + owned_bytes(r.scenario) + owned_bytes(r.definition) + owned_bytes(r.contact_names) +
                        owned_bytes(r.frame_status) + owned_bytes(r.frame_warnings) + owned_bytes(r.coordinate_names) + owned_bytes(r.muscle_names) +
                        owned_bytes(r.muscle_families) + owned_bytes(r.level_names);
    for (const Eigen::VectorXd* v : {&r.time, &r.equality_residual, &r.posture_residual, &r.strength_needed,
                                     &r.max_activation})
        bytes += owned_bytes(*v);
    for (const Eigen::MatrixXd* m : {&r.coordinates, &r.muscle_force, &r.muscle_passive_force, &r.compression,
                                     &r.shear_ap, &r.shear_lateral, &r.tissue_moment, &r.passive_muscle_moment,
                                     &r.external_moment, &r.contact_moment, &r.intradiscal_pressure,
                                     &r.flexion_deviation, &r.coupling_moment, &r.ligament_moment, &r.ligament_force,
                                     &r.contact_force})
        bytes += owned_bytes(*m);
    return bytes;
}

}  // namespace spinesim
