// write_hdf5: one group per scenario run, written under a temporary name and renamed when complete.
#include "results/hdf5_file.hpp"
#include "results/hdf5_object.hpp"
#include "results/results_layout.hpp"

#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

namespace spinesim {

namespace {

using results::H5Failure;
using results::H5Object;
using results::write_attribute;
using results::write_dataset;

// Shape errors are input errors of the result itself: they name the dataset and the offending shape.
void require_shape(const std::string& path, const std::string& group, const std::string& dataset, Eigen::Index rows,
                   Eigen::Index cols, Eigen::Index frames, std::size_t names) {
    const bool empty_ok = rows * cols == 0 && names == 0;
    if ((rows == frames && cols == static_cast<Eigen::Index>(names)) || empty_ok) return;
    throw InputError(path, group + "/" + dataset, std::to_string(rows) + "x" + std::to_string(cols),
                     "shape does not match " + std::to_string(frames) + " frames x " + std::to_string(names) +
                         " names");
}

void write_group_attributes(hid_t g, const SimulationResult& r) {
    const Scenario& s = r.definition;
    write_attribute(g, "scenario", r.scenario);
    write_attribute(g, "title", s.title);
    write_attribute(g, "description", s.description);
    write_attribute(g, "exercise", s.exercise);
    write_attribute(g, "technique", s.technique);
    write_attribute(g, "subject.body_mass_kg", s.subject.body_mass_kg);
    write_attribute(g, "subject.height_m", s.subject.height_m);
    write_attribute(g, "subject.sex", to_string(s.subject.sex));
    write_attribute(g, "subject.strength_scale", s.subject.strength_scale);
    write_attribute(g, "criterion", criterion_name(s.criterion));
    write_attribute(g, "lumbar_balance", lumbar_balance_name(s.lumbar_balance));
    write_attribute(g, "duration", s.duration);
    write_attribute(g, "frames", static_cast<long long>(s.frames));
    write_attribute(g, "source_file", s.source_file);
    for (const auto& [name, value] : s.parameters) write_attribute(g, "param." + name, value);
    write_attribute(g, "spinesim_version", std::string(results::kVersion));
    write_attribute(g, "sign_convention", std::string(results::kSignConvention));
}

void write_group_contents(hid_t g, const SimulationResult& r, const std::string& path, const std::string& group) {
    const Eigen::Index frames = r.time.size();
    write_group_attributes(g, r);
    write_dataset(g, "time", r.time, "s");

    require_shape(path, group, "coordinates", r.coordinates.rows(), r.coordinates.cols(), frames,
                  r.coordinate_names.size());
    H5Object coordinates = write_dataset(g, "coordinates", r.coordinates, results::kCoordinateUnits);
    write_attribute(coordinates.get(), "names", r.coordinate_names);

    if (r.muscle_families.size() != r.muscle_names.size())
        throw InputError(path, group + "/muscle_families", std::to_string(r.muscle_families.size()),
                         "one family per muscle expected (" + std::to_string(r.muscle_names.size()) + " muscles)");
    const std::pair<const char*, const Eigen::MatrixXd*> muscle_sets[] = {
        {"muscle_force", &r.muscle_force}, {"muscle_passive_force", &r.muscle_passive_force}};
    for (const auto& [name, m] : muscle_sets) {
        require_shape(path, group, name, m->rows(), m->cols(), frames, r.muscle_names.size());
        H5Object set = write_dataset(g, name, *m, "N");
        write_attribute(set.get(), "names", r.muscle_names);
        write_attribute(set.get(), "families", r.muscle_families);
    }

    const Eigen::MatrixXd* level_values[] = {&r.compression,   &r.shear_ap,
                                             &r.shear_lateral, &r.tissue_moment,
                                             &r.passive_muscle_moment, &r.external_moment,
                                             &r.intradiscal_pressure, &r.flexion_deviation, &r.coupling_moment,
                                       &r.ligament_moment, &r.ligament_force};
    for (std::size_t i = 0; i < std::size(results::kLevelDatasets); ++i) {
        const auto& d = results::kLevelDatasets[i];
        const Eigen::MatrixXd& m = *level_values[i];
        require_shape(path, group, d.name, m.rows(), m.cols(), frames, r.level_names.size());
        H5Object set = write_dataset(g, d.name, m, d.units);
        write_attribute(set.get(), "names", r.level_names);
    }

    // A result assembled without contact moments: zeros (no support acts on the parts above the levels).
    const Eigen::MatrixXd contact_moment = r.contact_moment.size() == 0
                                               ? Eigen::MatrixXd::Zero(frames, static_cast<Eigen::Index>(r.level_names.size()))
                                               : r.contact_moment;
    require_shape(path, group, "contact_moment", contact_moment.rows(), contact_moment.cols(), frames,
                  r.level_names.size());
    H5Object contact_moment_set = write_dataset(g, "contact_moment", contact_moment, "N*m");
    write_attribute(contact_moment_set.get(), "names", r.level_names);

    require_shape(path, group, "contact_force", r.contact_force.rows(), r.contact_force.cols(), frames,
                  3 * r.contact_names.size());
    H5Object contact = write_dataset(g, "contact_force", r.contact_force, "N");
    write_attribute(contact.get(), "names", r.contact_names);
    write_attribute(contact.get(), "columns", std::string("x, y, z (world) for each contact in `names`"));

    require_shape(path, group, "equality_residual", r.equality_residual.size(), 1, frames, 1);
    write_dataset(g, "equality_residual", r.equality_residual, "N or N*m (max |A x - b| of the sharing problem)");
    require_shape(path, group, "posture_residual", r.posture_residual.size(), 1, frames, 1);
    write_dataset(g, "posture_residual", r.posture_residual, "mm and deg (RMS of the unweighted posture-target residuals; 1 ~ 1 mm / 1 deg)");
    require_shape(path, group, "frame_status", static_cast<Eigen::Index>(r.frame_status.size()), 1, frames, 1);
    write_dataset(g, "frame_status", r.frame_status, "text ('optimal' or the infeasibility message)");
    // A result assembled without warnings (frame_warnings empty) is written with an empty string per frame.
    const std::vector<std::string> warnings =
        r.frame_warnings.empty() ? std::vector<std::string>(static_cast<std::size_t>(frames)) : r.frame_warnings;
    require_shape(path, group, "frame_warnings", static_cast<Eigen::Index>(warnings.size()), 1, frames, 1);
    write_dataset(g, "frame_warnings", warnings,
                  "text (muscles carrying force outside their path validity range, with their total force in N; "
                  "empty when none)");
    // A result assembled without a strength search (strength_needed empty): NaN per frame (nothing searched).
    const Eigen::VectorXd needed = r.strength_needed.size() == 0
                                       ? Eigen::VectorXd::Constant(frames, std::numeric_limits<double>::quiet_NaN())
                                       : r.strength_needed;
    const Eigen::VectorXd activation = r.max_activation.size() == 0
                                           ? Eigen::VectorXd::Constant(frames, std::numeric_limits<double>::quiet_NaN())
                                           : r.max_activation;
    require_shape(path, group, "max_activation", activation.size(), 1, frames, 1);
    write_dataset(g, "max_activation", activation,
                  "1 (largest muscle force / its maximal force, passive fibre force included; NaN = not recorded)");
    require_shape(path, group, "strength_needed", needed.size(), 1, frames, 1);
    write_dataset(g, "strength_needed", needed,
                  "1 (factor on every muscle's maximal force, 1 = mean male: the smallest that holds the frame; "
                  "NaN = held at the subject's strength, inf = not even at x5)");
}

void remove_link(hid_t file, const std::string& name) {
    if (results::link_exists(file, name)) H5Ldelete(file, name.c_str(), H5P_DEFAULT);
}

}  // namespace

void validate_group_name(const std::string& path, const std::string& group) {
    if (group.empty() || group.find('/') != std::string::npos || group.front() == '.')
        throw InputError(path, "group", group, "a group name must be non-empty, without '/', not starting with '.'");
}

void write_hdf5(const SimulationResult& result, const std::string& path, const std::string& group, bool overwrite) {
    validate_group_name(path, group);
    results::H5Quiet quiet;
    H5Object file = results::open_for_writing(path);
    const hid_t f = file.get();
    if (results::link_exists(f, group) && !overwrite)
        throw InputError(path, "group", group, "already exists in the file (overwrite to replace it)");

    const std::string temporary = results::kTemporaryPrefix + group;
    remove_link(f, temporary);  // left over from an interrupted run
    try {
        H5Object g(H5Gcreate2(f, temporary.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!g.valid()) throw H5Failure{"cannot create the group"};
        write_group_contents(g.get(), result, path, group);
    } catch (...) {
        remove_link(f, temporary);
        H5Fflush(f, H5F_SCOPE_GLOBAL);
        try {
            throw;
        } catch (const H5Failure& e) {
            throw InputError(path, "group", group, "cannot be written: " + e.what);
        }
    }

    // Publish: the old group (if replacing) moves aside first, so the final name never points at partial data.
    const std::string replaced = results::kReplacedPrefix + group;
    if (results::link_exists(f, group)) {
        remove_link(f, replaced);
        if (H5Lmove(f, group.c_str(), f, replaced.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
            throw InputError(path, "group", group, "cannot replace the existing group");
    }
    if (H5Lmove(f, temporary.c_str(), f, group.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
        throw InputError(path, "group", group, "cannot rename the written group into place");
    remove_link(f, replaced);
    if (H5Fflush(f, H5F_SCOPE_GLOBAL) < 0) throw InputError(path, "path", path, "cannot flush the file to disk");
}

}  // namespace spinesim
