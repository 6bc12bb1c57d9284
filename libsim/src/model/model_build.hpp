// Assembles a Model from parsed specifications: name resolution, mirroring, coordinates, subtrees, muscles.
#pragma once

#include "spinesim/model.hpp"

#include <string>
#include <utility>
#include <vector>

namespace spinesim {

struct SegmentSpec {
    std::string name;
    double mass = 0;
    Vec3 com = Vec3::Zero();
    Vec3 gyration = Vec3::Zero();
};

struct JointSpec {
    std::string name, type, parent, child;
    Vec3 location = Vec3::Zero();
    std::vector<std::string> coordinate_names;
    std::vector<double> signs;
    std::vector<std::pair<double, double>> limits;  // rad
};

class ModelBuilder {
public:
    ModelBuilder(const Subject& subject, const std::string& data_dir);
    void add_segment(const SegmentSpec& spec);
    void add_joint(const JointSpec& spec, const std::string& where);
    void add_point(const std::string& name, const std::string& segment, const Vec3& location, const std::string& where);
    void finish_skeleton();  // coordinates, subtrees, lumbar levels
    void add_muscle(Muscle muscle);  // right-side definition; mirrored in finish_muscles
    void extend_psoas(const std::string& path, double length_scale);
    // Right-side wrapping cylinder used by the (right-side) muscles whose name or group is listed; mirrored in
    // finish_muscles.
    void add_wrap_cylinder(WrapCylinder cylinder, const std::vector<std::string>& muscles, const std::string& where);
    // Validity range of the (right-side) muscles whose name or group is listed; mirrored in finish_muscles.
    void set_path_validity(const std::vector<std::string>& muscles, const std::vector<std::string>& condition,
                           const std::string& reason, const std::string& where);
    void finish_muscles();  // mirror, max force, reference lengths, families
    Model& model() { return model_; }
    Model take() { return std::move(model_); }

private:
    Model model_;
};

// A segment named in a right-side data file: exact name, or name + "_r" (files may say "thigh" for "thigh_r").
int resolve_right_segment(const Model& model, const std::string& name, const std::string& where);

void read_muscle_file(ModelBuilder& builder, const std::string& path, double length_scale, double pcsa_scale,
                      double source_pcsa_per_newton, bool passive_fibre_force);

// Wrapping cylinders (data/model/hip_wrap_surfaces.csv): see the file's header for the columns.
void read_wrap_file(ModelBuilder& builder, const std::string& path, double length_scale);

// Muscle path validity ranges (data/model/muscle_path_validity.csv): see the file's header for the columns.
void read_path_validity_file(ModelBuilder& builder, const std::string& path);

// Positions of every segment origin in the reference posture (all coordinates zero), world = pelvis frame.
std::vector<Vec3> reference_segment_origins(const Model& model);

}  // namespace spinesim
