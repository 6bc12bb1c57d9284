// read_hdf5 and hdf5_groups: the reverse of write_hdf5 (complete groups only).
#include "results/hdf5_file.hpp"
#include "results/hdf5_object.hpp"
#include "results/results_layout.hpp"

#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <limits>
#include <stdexcept>

namespace spinesim {

namespace {

using results::H5Object;

herr_t collect_group(hid_t location, const char* name, const H5L_info_t*, void* data) {
    if (name[0] == '.') return 0;  // temporary or replaced groups of an unfinished write
    H5O_info_t info;
#if H5_VERSION_GE(1, 12, 0)
    if (H5Oget_info_by_name3(location, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return 0;
#else
    if (H5Oget_info_by_name2(location, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return 0;
#endif
    if (info.type == H5O_TYPE_GROUP) static_cast<std::vector<std::string>*>(data)->push_back(name);
    return 0;
}

void read_definition(hid_t g, SimulationResult& r) {
    using namespace results;
    Scenario& s = r.definition;
    r.scenario = read_string_attribute(g, "scenario");
    s.name = r.scenario;
    s.title = read_string_attribute(g, "title");
    s.description = read_string_attribute(g, "description");
    s.exercise = read_string_attribute(g, "exercise");
    s.technique = read_string_attribute(g, "technique");
    s.source_file = read_string_attribute(g, "source_file");
    s.subject.body_mass_kg = read_double_attribute(g, "subject.body_mass_kg");
    s.subject.height_m = read_double_attribute(g, "subject.height_m");
    s.subject.sex = parse_sex(read_string_attribute(g, "subject.sex"), "attribute subject.sex");
    // Files written before strength_scale existed are of the mean-strength subject.
    s.subject.strength_scale =
        has_attribute(g, "subject.strength_scale") ? read_double_attribute(g, "subject.strength_scale") : 1.0;
    try {
        s.criterion = parse_criterion_name(read_string_attribute(g, "criterion"));
    } catch (const std::invalid_argument& e) {
        throw H5Failure{std::string("attribute 'criterion': ") + e.what()};
    }
    try {
        // files written before lumbar_balance existed used per-level balance
        s.lumbar_balance = has_attribute(g, "lumbar_balance") ? parse_lumbar_balance(read_string_attribute(g, "lumbar_balance"))
                                                               : LumbarBalance::PerLevel;
    } catch (const std::invalid_argument& e) {
        throw H5Failure{std::string("attribute 'lumbar_balance': ") + e.what()};
    }
    s.duration = read_double_attribute(g, "duration");
    s.frames = static_cast<int>(read_int_attribute(g, "frames"));
    const std::string prefix = "param.";
    for (const std::string& name : attribute_names(g))
        if (name.compare(0, prefix.size(), prefix) == 0)
            s.parameters[name.substr(prefix.size())] = read_double_attribute(g, name);
}

void read_datasets(hid_t g, SimulationResult& r) {
    using namespace results;
    r.time = read_vector(g, "time");
    r.coordinates = read_matrix(g, "coordinates");
    r.coordinate_names = read_string_array_attribute(open_dataset(g, "coordinates").get(), "names");
    r.muscle_force = read_matrix(g, "muscle_force");
    r.muscle_passive_force = read_matrix(g, "muscle_passive_force");
    {
        H5Object muscles = open_dataset(g, "muscle_force");
        r.muscle_names = read_string_array_attribute(muscles.get(), "names");
        r.muscle_families = read_string_array_attribute(muscles.get(), "families");
    }
    Eigen::MatrixXd* level_values[] = {&r.compression,   &r.shear_ap,
                                       &r.shear_lateral, &r.tissue_moment,
                                       &r.passive_muscle_moment, &r.external_moment,
                                       &r.intradiscal_pressure, &r.flexion_deviation, &r.coupling_moment,
                                       &r.ligament_moment, &r.ligament_force};
    for (std::size_t i = 0; i < std::size(kLevelDatasets); ++i) *level_values[i] = read_matrix(g, kLevelDatasets[i].name);
    r.level_names = read_string_array_attribute(open_dataset(g, "compression").get(), "names");
    // Files written before contact_moment existed: zeros (their passive share used the external moment alone).
    r.contact_moment = link_exists(g, "contact_moment")
                           ? read_matrix(g, "contact_moment")
                           : Eigen::MatrixXd::Zero(r.compression.rows(), r.compression.cols());
    r.contact_force = read_matrix(g, "contact_force");
    r.contact_names = read_string_array_attribute(open_dataset(g, "contact_force").get(), "names");
    r.equality_residual = read_vector(g, "equality_residual");
    r.posture_residual = read_vector(g, "posture_residual");
    r.frame_status = read_strings(g, "frame_status");
    // Files written before path-validity warnings existed: no warnings recorded, an empty string per frame.
    r.frame_warnings = link_exists(g, "frame_warnings") ? read_strings(g, "frame_warnings")
                                                        : std::vector<std::string>(r.frame_status.size());
    // Files written before max_activation existed: NaN per frame (not recorded).
    r.max_activation = link_exists(g, "max_activation")
                           ? read_vector(g, "max_activation")
                           : Eigen::VectorXd::Constant(static_cast<Eigen::Index>(r.frame_status.size()),
                                                       std::numeric_limits<double>::quiet_NaN());
    // Files written before the strength search existed: nothing searched, NaN per frame.
    r.strength_needed = link_exists(g, "strength_needed")
                            ? read_vector(g, "strength_needed")
                            : Eigen::VectorXd::Constant(static_cast<Eigen::Index>(r.frame_status.size()),
                                                        std::numeric_limits<double>::quiet_NaN());
}

}  // namespace

std::vector<std::string> hdf5_groups(const std::string& path) {
    results::H5Quiet quiet;
    H5Object file = results::open_for_reading(path);
    std::vector<std::string> groups;
    hsize_t index = 0;
    if (H5Literate(file.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_group, &groups) < 0)
        throw InputError(path, "path", path, "cannot list the groups");
    return groups;
}

SimulationResult read_hdf5(const std::string& path, const std::string& group) {
    results::H5Quiet quiet;
    H5Object file = results::open_for_reading(path);
    if (group.empty() || group.front() == '.' || !results::link_exists(file.get(), group))
        throw InputError(path, "group", group, "no such (complete) group in the file");
    H5Object g(H5Gopen2(file.get(), group.c_str(), H5P_DEFAULT));
    if (!g.valid()) throw InputError(path, "group", group, "is not a group");
    SimulationResult r;
    try {
        read_definition(g.get(), r);
        read_datasets(g.get(), r);
    } catch (const results::H5Failure& e) {
        throw InputError(path, "group", group, "cannot be read: " + e.what);
    }
    return r;
}

}  // namespace spinesim
