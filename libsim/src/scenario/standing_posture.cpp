#include "spinesim/standing_posture.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"

#include <cmath>
#include <sstream>

namespace spinesim {

namespace {

constexpr double kPi = 3.14159265358979323846;

PostureTarget target(PostureTarget::Kind kind, const std::string& name, double value, double weight, bool hard) {
    PostureTarget t;
    t.kind = kind;
    t.name = name;
    t.value.phase = {0.0};
    t.value.value = {value};
    t.weight = weight;
    t.hard = hard;
    t.origin = "standing posture";   // errors (e.g. a knee angle beyond the range of motion) name it
    return t;
}

}  // namespace

Scenario standing_posture_scenario(const Subject& subject, const StandingPosture& p) {
    for (const auto& [field, v] : {std::pair<const char*, double>{"trunk_inclination", p.trunk_inclination},
                                   {"lumbar_flexion", p.lumbar_flexion}, {"knee_flexion", p.knee_flexion},
                                   {"held_mass_kg", p.held_mass_kg}})
        if (!std::isfinite(v)) throw InputError("standing posture", field, number_text(v), "must be finite");
    if (!(p.held_mass_kg >= 0 && p.held_mass_kg <= 2 * kMaxLoadMass))   // shared by the two hands
        throw InputError("standing posture", "held_mass_kg", number_text(p.held_mass_kg),
                         "must be from 0 to " + number_text(2 * kMaxLoadMass) + " kg");
    if (std::abs(p.trunk_inclination) > kPi) {
        std::ostringstream degrees;   // 6 digits: "500 deg", not the radian round trip's 500.00000000000006
        degrees << p.trunk_inclination / kPi * 180.0 << " deg";
        throw InputError("standing posture", "trunk_inclination", degrees.str(), "must be between -180 and 180 deg");
    }
    Scenario s;
    s.name = "standing_posture";
    s.title = "Static standing posture";
    s.exercise = "standing";
    s.subject = subject;
    s.duration = 0.0;
    s.frames = 1;
    s.free_coordinates = {"pelvis.tx", "pelvis.ty", "pelvis.anterior_tilt", "hip_r.flexion", "hip_l.flexion",
                          "ankle_r.dorsiflexion", "ankle_l.dorsiflexion", "shoulder_r.flexion", "shoulder_l.flexion"};
    using K = PostureTarget::Kind;
    s.targets.push_back(target(K::LumbarFlexion, "", p.lumbar_flexion, 1.0, true));
    s.targets.push_back(target(K::Coordinate, "knee_r.flexion", p.knee_flexion, 1.0, true));
    s.targets.push_back(target(K::Coordinate, "knee_l.flexion", p.knee_flexion, 1.0, true));
    s.targets.push_back(target(K::SegmentInclination, "thorax", p.trunk_inclination, 2.0, true));
    for (const char* foot : {"heel_r", "ball_r", "heel_l", "ball_l"}) s.targets.push_back(target(K::PointHeight, foot, 0.0, 10.0, true));
    s.targets.push_back(target(K::PointForward, "heel_r", 0.0, 1.0, true));
    s.targets.push_back(target(K::PointForward, "heel_l", 0.0, 1.0, true));
    s.targets.push_back(target(K::SegmentInclination, "upper_arm_r", 0.0, 1.0, false));
    s.targets.push_back(target(K::SegmentInclination, "upper_arm_l", 0.0, 1.0, false));
    PostureTarget balance = target(K::ComOverPoints, "", 0.0, 5.0, true);
    balance.points = {"heel_r", "ball_r", "heel_l", "ball_l"};
    balance.include_loads = true;
    s.targets.push_back(balance);
    for (const char* foot : {"heel_r", "ball_r", "heel_l", "ball_l"}) {
        ScenarioContact c;
        c.point = foot;
        c.friction = 0.6;
        s.contacts.push_back(c);
    }
    if (p.held_mass_kg > 0) {
        for (const char* grip : {"grip_r", "grip_l"}) {
            ScenarioLoad l;
            l.point = grip;
            l.mass_kg.phase = {0.0};
            l.mass_kg.value = {p.held_mass_kg / 2.0};
            s.loads.push_back(l);
        }
    }
    return s;
}

}  // namespace spinesim
