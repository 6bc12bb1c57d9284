// Shortest path of one straight muscle segment over a wrapping cylinder (OpenSim's WrapCylinder, defined
// geometrically; own implementation). Everything here is in the cylinder frame: axis along z through the origin,
// radius R; the cylinder is treated as infinitely long (its length is kept in the model for display only).
//
// The wrapped path P -> T1 -> (helix on the surface) -> T2 -> S is the geodesic: unrolled onto the plane of the
// tangent lines it is one straight line, so the height z grows linearly with the 2-D distance travelled, and the
// length is sqrt(L_xy^2 + (S_z - P_z)^2) with L_xy = |P_xy T1_xy| + R * angle + |T2_xy S_xy|.
//
// When the segment wraps (the definition OpenSim uses):
//  * either end point inside the cylinder (xy distance < R): no wrap;
//  * unconstrained cylinder (quadrant "all"): the segment wraps if its xy projection passes closer than R to the
//    axis with the closest point between the two end points; it wraps the shorter way around;
//  * quadrant constraint (e.g. "-x": the path may only lie on the side x < 0 of the cylinder):
//      - at least one end point on the allowed side: wraps if the segment penetrates the cylinder, or if the end
//        points are on opposite sides and the projected line passes the axis on the forbidden side (closest point
//        of the line to the axis on that side); otherwise no wrap;
//      - both end points on the forbidden side: wraps (around the allowed side);
//    of the two ways around, a way is invalid if both its tangent points lie on the forbidden side, or both on
//    the allowed side with the arc between them longer than half a turn; no wrap if both ways are invalid, else
//    the shorter valid way.
#pragma once

#include "spinesim/model.hpp"

namespace spinesim::detail {

struct CylinderWrapResult {
    bool wrapped = false;
    Vec3 t1 = Vec3::Zero(), t2 = Vec3::Zero();  // tangent points: t1 on the P side, t2 on the S side
    double angle = 0;    // signed arc angle from t1 to t2 about +z, rad
    double length = 0;   // P -> S along the path: |S - P| when not wrapped
};

// quadrant_axis: -1 unconstrained, 0 the x axis, 1 the y axis; quadrant_sign: +1 or -1 (the allowed side).
CylinderWrapResult wrap_cylinder(const Vec3& p, const Vec3& s, double radius, int quadrant_axis, int quadrant_sign);

}  // namespace spinesim::detail
