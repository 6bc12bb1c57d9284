// Joint rotation matrices and axes from the joint's coordinate sequence.
#pragma once

#include "spinesim/model.hpp"

namespace spinesim::detail {

inline Mat3 axis_rotation(int axis, double angle) {
    return Eigen::AngleAxisd(angle, Vec3::Unit(axis)).toRotationMatrix();
}

// Rotation of the child relative to the parent for the joint's rotational coordinates (values q_rot, count n),
// and the parent-frame unit axes of each coordinate (columns of `axes`).
inline Mat3 joint_rotation(const Joint& joint, const double* q_rot, int n, Mat3* axes) {
    Mat3 r = Mat3::Identity();
    for (int k = 0; k < n; ++k) {
        const Vec3 axis = r * Vec3::Unit(joint.axis[k]) * joint.sign[k];
        if (axes) axes->col(k) = axis;
        r = r * axis_rotation(joint.axis[k], joint.sign[k] * q_rot[k]);
    }
    return r;
}

}  // namespace spinesim::detail
