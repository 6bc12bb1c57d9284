#include "kinematics/wrap_cylinder.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim::detail {

namespace {

constexpr double kTwoPi = 6.28318530717958647692;
constexpr double kPi = 3.14159265358979323846;

// Angle in [0, 2 pi).
double turn(double a) {
    a = std::fmod(a, kTwoPi);
    return a < 0 ? a + kTwoPi : a;
}

// Tangent lines from a point outside the circle of radius R (xy plane): the two touching angles and the distance
// from the point to either touching point.
struct Tangents {
    double ccw = 0, cw = 0, length = 0;
};

Tangents tangents(const Vec3& point, double radius) {
    const double d = std::hypot(point.x(), point.y());
    const double offset = std::atan2(point.y(), point.x());
    const double half = std::acos(std::min(1.0, radius / d));  // angle between the point direction and a touch point
    return {offset + half, offset - half, std::sqrt(std::max(0.0, d * d - radius * radius))};
}

}  // namespace

CylinderWrapResult wrap_cylinder(const Vec3& p, const Vec3& s, double radius, int quadrant_axis, int quadrant_sign) {
    CylinderWrapResult r;
    r.length = (s - p).norm();
    const double r2 = radius * radius;
    const double pp = p.x() * p.x() + p.y() * p.y(), ss = s.x() * s.x() + s.y() * s.y();
    if (pp <= r2 || ss <= r2) return r;  // an end point inside the cylinder: no wrap

    // Closest approach of the projected segment to the axis.
    const double dx = s.x() - p.x(), dy = s.y() - p.y();
    const double dd = dx * dx + dy * dy;
    const double dp = p.x() * dx + p.y() * dy;  // d.p: the closest point is at parameter -dp/dd
    const double ds = s.x() * dx + s.y() * dy;  // d.s = d.p + dd
    const bool between = dd > 0 && dp < 0 && ds > 0;
    const bool penetrates = between && (pp - dp * dp / dd) < r2;

    const bool constrained = quadrant_axis >= 0;
    auto allowed_side = [&](double coordinate) { return quadrant_sign * coordinate >= 0; };
    if (!constrained) {
        if (!penetrates) return r;
    } else {
        const bool p_ok = allowed_side(p[quadrant_axis]), s_ok = allowed_side(s[quadrant_axis]);
        if (p_ok || s_ok) {
            // closest point of the (infinite) projected line to the axis
            const double t = dd > 0 ? -dp / dd : 0;
            const double closest = quadrant_axis == 0 ? p.x() + t * dx : p.y() + t * dy;
            const bool passes_forbidden = p_ok != s_ok && !allowed_side(closest);
            if (!penetrates && !passes_forbidden) return r;
        }
        // both end points on the forbidden side: the path goes round the allowed side
    }

    const Tangents tp = tangents(p, radius), ts = tangents(s, radius);
    // The two ways around: counter-clockwise about +z (leave P at its ccw touch point, reach S's cw touch point)
    // and clockwise. Arc angles in [0, 2 pi).
    const double arc_ccw = turn(ts.cw - tp.ccw);
    const double arc_cw = turn(tp.cw - ts.ccw);
    bool ccw_ok = true, cw_ok = true;
    if (constrained) {
        auto angle_ok = [&](double a) { return allowed_side(quadrant_axis == 0 ? std::cos(a) : std::sin(a)); };
        // a way is invalid if both touch points are on the forbidden side, or both on the allowed side with more
        // than half a turn between them (the arc would cross the forbidden side)
        auto way_ok = [&](double a, double b, double arc) {
            const bool ea = angle_ok(a), eb = angle_ok(b);
            if (!ea && !eb) return false;
            if (ea && eb && arc > kPi) return false;
            return true;
        };
        ccw_ok = way_ok(tp.ccw, ts.cw, arc_ccw);
        cw_ok = way_ok(ts.ccw, tp.cw, arc_cw);
        if (!ccw_ok && !cw_ok) return r;
    }
    const bool ccw = ccw_ok && (!cw_ok || arc_ccw <= arc_cw);
    const double start = ccw ? tp.ccw : tp.cw;
    r.angle = ccw ? arc_ccw : -arc_cw;

    // Geodesic: height linear in the unrolled (xy) distance.
    const double arc_length = radius * std::abs(r.angle);
    const double planar = tp.length + arc_length + ts.length;
    const double rise = s.z() - p.z();
    const double z1 = p.z() + rise * tp.length / planar;
    const double z2 = p.z() + rise * (tp.length + arc_length) / planar;
    r.t1 = Vec3(radius * std::cos(start), radius * std::sin(start), z1);
    r.t2 = Vec3(radius * std::cos(start + r.angle), radius * std::sin(start + r.angle), z2);
    r.length = std::sqrt(planar * planar + rise * rise);
    r.wrapped = true;
    return r;
}

}  // namespace spinesim::detail
