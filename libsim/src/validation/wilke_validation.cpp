// The static postures of Wilke et al. 1999 (Spine 24:755-762) for one default subject, and the supplementary standing
// cases of Wilke et al. 2001 (extension, lateral bending); their comparison with the measured L4/L5 intradiscal
// pressure ratios is in wilke_report.cpp. One subject, one set of model constants, no per-case tuning: every angle
// below is taken from the literature cited next to it (or is a stated design choice shared by all cases), and the
// only constant of the pressure model is read from data/validation/idp_model.toml.
#include "spinesim/validation.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"
#include "spinesim/kinematics.hpp"
#include "spinesim/loads.hpp"
#include "spinesim/posture.hpp"

#include <cmath>
#include <map>

namespace spinesim {

namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

// Sagittal description of a posture, degrees. Legs are placed from these: in standing the thighs and shanks are
// vertical (hip flexion = pelvis tilt), in sitting the thighs are horizontal and the shanks vertical (hip flexion =
// 90 + pelvis tilt, knee 90), feet flat.
struct Sagittal {
    double pelvis_anterior_tilt = 0;  // relative to upright standing, + forward
    double lumbar_flexion = 0;        // total L1-S1, + flexion (loss of lordosis) relative to upright standing
};

// ---- Literature values used by the postures -------------------------------------------------------------------
// Sitting (stool, no backrest) vs standing, radiographs of 50 healthy adults: lumbar lordosis -16.6 deg (-49.8 %),
// pelvic tilt +18.3 deg (posterior). Endo K, Suzuki H, Nishimura H, Tanaka H, Shishido T, Yamamoto K 2012
// J Orthop Sci 17:682-686, "Sagittal lumbar and pelvic alignment in the standing and sitting positions".
constexpr Sagittal kSittingUpright{-18.3, 16.6};
// Slouched sitting: seated vs standing in 15 asymptomatic adults, L1-S1 lordosis 54.8 -> 15.9 deg (loss 38.9 deg),
// pelvic tilt 12.1 -> 37.7 deg (25.6 deg posterior). Influence of posture on relationships between pelvic
// parameters and lumbar lordosis, Orthop Traumatol Surg Res 2018;104:565-568 (relaxed seated radiographs).
constexpr Sagittal kSittingSlouched{-25.6, 38.9};
// Maximal lumbar flexion: the model's whole-lumbar flexion range, 60 deg (Tafazzol A et al. 2014 Clin Biomech
// 29:7, mean peak voluntary lumbar flexion 60.2 deg; data/model/skeleton.toml), with the pelvis at its measured
// seated tilt (Endo 2012, as kSittingUpright): the flexion is a flexion of the lumbar spine on the seated pelvis. The
// thorax is then 41.7 deg forward of vertical; AnyBody's reproduction of the sitting-flexed photograph of Wilke et al.
// 2001 (AMMR .../WilkeSpinalDiscPressure/SpinePressureSeatingFlexedNoSupport/Mannequin.any) flexes the thorax 44 deg
// on the pelvis, arms free. (The former definition rotated the pelvis forward to neutral, 0 deg, a design choice with
// no source: thorax 60 deg forward, L4/L5 1415 N, +55 %.)
constexpr Sagittal kSittingMaxFlexion{-18.3, 60.0};
// Standing flexed forward: Wilke et al. 2001 (Clin Biomech 16 Suppl 1:S111) report the IDP rising nearly linearly
// with standing flexion to 1.08 MPa at 36 deg (as summarised at kdttechnique.com "Intradiscal pressure in vivo"), the
// value of the 1999 "standing flexed forward" case (1.1 MPa): trunk inclination 36 deg. Split lumbar : pelvis = 2 : 1
// (the lumbar spine leads early forward bending; design choice consistent with a 60 deg lumbar share of ~ 90-100 deg
// total trunk flexion).
constexpr Sagittal kStandingFlexed{12.0, 24.0};
// Supplementary cases (data/validation/wilke2001_supplementary.csv), from the same summary of Wilke et al. 2001:
// in standing, extension raised the IDP linearly to its highest value, 0.6 MPa, at 20 deg, and lateral bending
// (symmetrical) to 0.60 MPa at approx. 20 deg.
// Standing extended: thorax 20 deg backwards, split lumbar : pelvis = 2 : 1 as kStandingFlexed (the same design
// choice, not a fitted value): lumbar extension 13.3 deg (whole-lumbar extension range 26 deg, lumbar_rhythm.toml),
// pelvis tilted 6.7 deg posteriorly.
constexpr Sagittal kStandingExtended{-20.0 / 3.0, -40.0 / 3.0};
// Standing bent to the side: thorax 20 deg to the right (the left case is its mirror image), all of it lumbar lateral
// bending (whole-lumbar range +-25 deg, lumbar_rhythm.toml), pelvis level. Design choice, not a fitted value: the model
// has a pelvis list coordinate, but standing on both feet with straight knees and the feet on one floor keeps the
// pelvis level; the flexed case's 2 : 1 split (list 6.7 deg) puts one hip 1.9 cm below the other, which needs a bent
// knee or legs spread unequally, postures no source here describes. (Sensitivity, with the thighs kept vertical: that
// split, one foot then 1.9 cm below the other, gives an L4/L5 compression of 797 N, all 20 deg lumbar 826 N; the
// case as defined, legs leaning sideways, 827 N.)
constexpr double kStandingLateralBendingDeg = 20.0;

void set(const Model& model, Posture& q, const std::string& name, double deg) { set_coordinate(model, q, name, deg * kDeg); }

// Friction of the supports. Static friction is a reaction: with only gravity acting and every support normal
// vertical (lying), or with the seat and feet available to take the horizontal push of a backrest (sitting), no
// tangential force on the trunk is needed for equilibrium, and a pair of opposite tangential forces on the chest and
// the pelvis (a stretched or compressed placement of the body on the mat) is not determined by statics. Left free, the
// least-effort sharing uses such a pair as an actuator that pulls the lumbar spine apart (lying prone gave a tensile
// L4/L5 force). Contacts on the segments above the pelvis (thorax with head, arms) are therefore frictionless in every
// validation case; contacts on the pelvis and legs keep mu = 0.6 (skin/clothing on a mat or seat, shoes on a floor),
// where friction cannot act on the lumbar levels' balance.
constexpr double kFrictionBelowLumbar = 0.6;
constexpr double kFrictionTrunk = 0.0;

void add_contacts(const Model& model, FrameInput& in, const std::vector<std::string>& points, const Vec3& normal,
                  double friction = kFrictionBelowLumbar) {
    for (const std::string& p : points) in.contacts.push_back(contact_at_point(model, p, normal.normalized(), friction, p));
}

void set_both(const Model& model, Posture& q, const std::string& joint_coordinate, double deg) {
    const auto dot = joint_coordinate.find('.');
    const std::string joint = joint_coordinate.substr(0, dot), coord = joint_coordinate.substr(dot);
    set(model, q, joint + "_r" + coord, deg);
    set(model, q, joint + "_l" + coord, deg);
}

void arms_hanging(const Model& model, FrameInput& in);

// The root of an increasing function f on [lo, hi] by bisection; InputError(validation, field, value, message) if f
// does not change sign there.
template <class F>
double bisect_increasing(F f, double lo, double hi, const std::string& field, const std::string& value, const std::string& message) {
    if (f(lo) > 0 || f(hi) < 0) throw InputError("validation", field, value, message);
    for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) > 0 ? hi : lo) = mid;
    }
    return 0.5 * (lo + hi);
}

// World position of a named body point in the kinematics held by ws.
Vec3 point_at(const Model& model, const Workspace& ws, const std::string& point) {
    const BodyPoint& p = model.points[model.point_index(point)];
    return world_point(ws, p.segment, p.location);
}

// Standing on both feet, knees straight, feet flat, arms hanging. Balance: the legs lean by the angle that puts the
// whole-body centre of mass above the middle of the feet (heel - ball), the rule of the scenario library
// (data/scenarios/standing_flexed_forward.toml: com_over_points, hard); the pelvis keeps its tilt in space.
// lumbar_lateral_deg (+ right): the same rule in the frontal plane, the legs lean sideways (parallel: hip adduction
// of one side, abduction of the other) until the centre of mass is midway between the feet; the pelvis stays level.
// The model has no subtalar joint: the feet roll with the legs about their long axes, their heel and ball points
// (on the foot's midline) stay on one floor.
FrameInput standing(const Model& model, const Sagittal& s, double lumbar_lateral_deg = 0.0) {
    FrameInput in;
    in.q = reference_posture(model);
    set(model, in.q, "pelvis.anterior_tilt", s.pelvis_anterior_tilt);
    set_lumbar_motion(model, in.q, s.lumbar_flexion * kDeg, lumbar_lateral_deg * kDeg, 0);
    arms_hanging(model, in);
    // centre of mass ahead (+) of the middle of the feet when the legs lean forward (+) by lean_deg
    auto com_ahead = [&](double lean_deg) {
        set_both(model, in.q, "hip.flexion", s.pelvis_anterior_tilt - lean_deg);
        set_both(model, in.q, "ankle.dorsiflexion", lean_deg);
        Workspace ws(model);
        update_kinematics(model, in.q, ws);
        return centre_of_mass(model, ws).x() - 0.5 * (point_at(model, ws, "heel_r").x() + point_at(model, ws, "ball_r").x());
    };
    // centre of mass to the right (+) of the middle of the feet when the feet move to the left (+) by lean_deg
    auto com_right = [&](double lean_deg) {
        set(model, in.q, "hip_r.adduction", lean_deg);
        set(model, in.q, "hip_l.adduction", -lean_deg);
        Workspace ws(model);
        update_kinematics(model, in.q, ws);
        double mid = 0;
        for (const char* p : {"heel_r", "ball_r", "heel_l", "ball_l"}) mid += 0.25 * point_at(model, ws, p).z();
        return centre_of_mass(model, ws).z() - mid;
    };
    const auto lean_forward = [&] {
        com_ahead(bisect_increasing(com_ahead, -20.0, 20.0, "standing", "", "centre of mass cannot be brought over the feet"));
    };
    if (lumbar_lateral_deg == 0.0) {
        lean_forward();
    } else {
        // the two leans barely interact (the forward lean moves the middle of the feet sideways by ~0.04 mm): four
        // alternations settle both to rounding
        for (int pass = 0; pass < 4; ++pass) {
            com_right(bisect_increasing(com_right, -20.0, 20.0, "standing", number_text(lumbar_lateral_deg),
                                        "centre of mass cannot be brought between the feet"));
            lean_forward();
        }
    }
    add_contacts(model, in, {"heel_r", "ball_r", "heel_l", "ball_l"}, Vec3::UnitY());
    return in;
}

// Seated on a flat seat: ischial tuberosities and the backs of the thighs on the seat, feet flat on the floor.
FrameInput sitting(const Model& model, const Sagittal& s) {
    FrameInput in;
    in.q = reference_posture(model);
    set(model, in.q, "pelvis.anterior_tilt", s.pelvis_anterior_tilt);
    set_lumbar_motion(model, in.q, s.lumbar_flexion * kDeg, 0, 0);
    set_both(model, in.q, "hip.flexion", 90.0 + s.pelvis_anterior_tilt);
    set_both(model, in.q, "knee.flexion", 90.0);
    add_contacts(model, in, {"ischium_r", "ischium_l", "thigh_back_r", "thigh_back_l", "heel_r", "ball_r", "heel_l", "ball_l"},
                 Vec3::UnitY());
    return in;
}

// A segment's y axis in the world at posture q.
Vec3 segment_up(const Model& model, const Posture& q, const std::string& segment) {
    Workspace ws(model);
    update_kinematics(model, q, ws);
    return ws.pose[model.segment_index(segment)].linear().col(1);
}

// Sagittal inclination of a segment's y axis, degrees from vertical, + forward.
double segment_inclination_deg(const Model& model, const Posture& q, const std::string& segment) {
    const Vec3 up = segment_up(model, q, segment);
    return std::atan2(up.x(), up.y()) / kDeg;
}

// Frontal inclination of a segment's y axis, degrees from vertical, + to the right (+z).
double segment_side_inclination_deg(const Model& model, const Posture& q, const std::string& segment) {
    const Vec3 up = segment_up(model, q, segment);
    return std::atan2(up.z(), up.y()) / kDeg;
}

// Arms free: they hang vertically (shoulder flexion = thorax inclination), as in the scenario
// data/scenarios/standing_flexed_forward.toml and in AnyBody's reproduction of the standing-flexed photograph of Wilke
// et al. 2001 (AMMR .../SpinePressureStandingFlexed/Mannequin.any: glenohumeral flexion 30 deg = thorax flexion 30
// deg). (Until this version the flexed cases kept the arms along the thorax, shoulder flexion 0: with the trunk 36
// deg forward the hands were behind the hips, a gravity moment at L4/L5 of 53 instead of 66 N·m.)
// Bent to the side (thorax inclined by `side` deg, + right), the arm on the lower side hangs vertically too
// (abducted by `side` from the thorax); the other one would have to adduct as far past the side, into the trunk, and
// rests against the side of the thorax instead (abduction 0). A sagittal posture has side = 0 and keeps both at 0.
void arms_hanging(const Model& model, FrameInput& in) {
    set_both(model, in.q, "shoulder.flexion", segment_inclination_deg(model, in.q, "thorax"));
    const double side = segment_side_inclination_deg(model, in.q, "thorax");
    if (side > 0) set(model, in.q, "shoulder_r.abduction", side);
    if (side < 0) set(model, in.q, "shoulder_l.abduction", -side);
}

// Hands resting on the thighs. AnyBody's reproduction of the "sitting upright, no backrest" photograph of Wilke et al.
// 2001 (Clin Biomech 16 Suppl 1:S111, Fig. 4a; AMMR .../SpinePressureSeatingStraitNoSupport: Mannequin.any
// glenohumeral flexion 20 deg, ArmSupport.any forearm supports active, strength 10000) rests the forearms: "no
// support" refers to the back. Upper arms 20 deg forward of the thorax (AMMR); the elbow flexion is the one that puts
// the grip point (centre of the hand) on the upper surface of the thigh (the depth of the thigh_front_r landmark above
// the thigh axis, 7 cm at the reference height, data/model/skeleton.toml); a vertical, frictionless support under each hand (a reaction:
// the least-effort sharing decides how much of the arm weight the thighs take).
constexpr double kHandsOnThighsShoulderFlexionDeg = 20.0;

void hands_on_thighs(const Model& model, FrameInput& in) {
    set_both(model, in.q, "shoulder.flexion", kHandsOnThighsShoulderFlexionDeg);
    const BodyPoint& grip = model.points[model.point_index("grip_r")];
    const BodyPoint& thigh_top = model.points[model.point_index("thigh_front_r")];
    const double surface = thigh_top.location.x();  // scaled landmark depth (0.07 m at the reference height)
    // height of the grip above the thigh's upper surface, in the thigh frame (thigh about horizontal when seated)
    auto above = [&](double elbow_deg) {
        Posture q = in.q;
        set_both(model, q, "elbow.flexion", elbow_deg);
        Workspace ws(model);
        update_kinematics(model, q, ws);
        const Vec3 g = world_point(ws, grip.segment, grip.location);
        const Eigen::Isometry3d& thigh = ws.pose[thigh_top.segment];
        return (thigh.inverse() * g).x() - surface;
    };
    set_both(model, in.q, "elbow.flexion",
             bisect_increasing(above, 0.0, 120.0, "sitting_upright_unsupported", "", "hands cannot reach the thighs"));
    add_contacts(model, in, {"grip_r", "grip_l"}, Vec3::UnitY(), kFrictionTrunk);
}

// Relaxed sitting leaning on a reclined backrest, forearms on armrests: the condition of the 0.27 MPa "sitting
// relaxed/slouched" value. Wilke et al. 1999 (Spine 24:755, abstract) give 0.46 MPa for relaxed sitting WITHOUT a
// backrest, i.e. 0.27 MPa is not an unsupported posture; AnyBody's reproduction of the case (AMMR
// Application/Validation/.../WilkeSpinalDiscPressure/SpinePressureSeatingRelaxed, drawn over Wilke et al. 2001 Clin
// Biomech 16 Suppl 1:S111 Fig. 6b) seats the subject against a backrest reclined 30 deg from vertical (21 deg in an
// earlier AMMR version) with armrests and a footrest. The backrest angle is the one number of the measurement not
// stated in any text seen here (UNCLEAR): 30 deg is taken from the AMMR file; spinesim validate reports the case at
// 21 deg as well in the test (sensitivity). The pelvis keeps the relaxed-seated tilt (OTSR 2018, 25.6 deg posterior);
// the lumbar flexion is not prescribed but follows from the contact: it is the one that puts the back of the sacrum
// and the upper back (between the scapulae) on the backrest plane. Upper arms vertical, elbows at 90 deg, the
// forearms on the armrests (contact under the forearm 3 cm from the elbow). Feet flat on the floor (AMMR's footrest
// is not modelled: a support under the feet acts on the legs only).
constexpr double kBackrestReclineDeg = 30.0;
constexpr double kSittingBackrestPelvisTilt = -25.6;

// Sagittal inclination of the line from point a to point b, rad from vertical, + forward (towards +x).
double line_inclination(const Model& model, const Posture& q, const std::string& a, const std::string& b) {
    Workspace ws(model);
    update_kinematics(model, q, ws);
    const BodyPoint& pa = model.points[model.point_index(a)];
    const BodyPoint& pb = model.points[model.point_index(b)];
    const Vec3 d = world_point(ws, pb.segment, pb.location) - world_point(ws, pa.segment, pa.location);
    return std::atan2(d.x(), d.y());
}

FrameInput sitting_backrest(const Model& model, double recline_deg) {
    Sagittal s{kSittingBackrestPelvisTilt, 0.0};
    FrameInput in = sitting(model, s);
    // lumbar flexion that lays sacrum_back -> upper_back on the backrest (inclination -recline), bisection
    auto incl = [&](double lumbar_deg) {
        Posture q = in.q;
        set_lumbar_motion(model, q, lumbar_deg * kDeg, 0, 0);
        return line_inclination(model, q, "sacrum_back", "upper_back") / kDeg + recline_deg;
    };
    const double lumbar_deg = bisect_increasing(incl, -15.0, 60.0, "sitting_slouched", number_text(recline_deg),
                                                "backrest not reachable within the lumbar range");
    set_lumbar_motion(model, in.q, lumbar_deg * kDeg, 0, 0);
    // upper arms vertical, forearms horizontal on the armrests
    set_both(model, in.q, "shoulder.flexion", -segment_inclination_deg(model, in.q, "thorax"));
    set_both(model, in.q, "elbow.flexion", 90.0);
    const double b = recline_deg * kDeg;
    add_contacts(model, in, {"upper_back"}, Vec3(std::cos(b), std::sin(b), 0.0), kFrictionTrunk);
    add_contacts(model, in, {"sacrum_back"}, Vec3(std::cos(b), std::sin(b), 0.0));
    add_contacts(model, in, {"elbow_contact_r", "elbow_contact_l"}, Vec3::UnitY(), kFrictionTrunk);
    return in;
}

const std::map<std::string, std::string>& descriptions() {
    static const std::map<std::string, std::string> d = {
        {"lying_prone", "prone on a mat, spine neutral; forehead, sternum, ASIS, thighs, knees supported"},
        {"lying_lateral", "on the right side, spine neutral; head, chest wall, iliac crest, greater trochanter, knee, ankle supported"},
        {"sitting_slouched", "relaxed against a 30 deg reclined backrest, forearms on armrests (as measured, Wilke 2001 Fig. 6b / AMMR)"},
        {"sitting_upright_unsupported",
         "seat, no backrest: pelvis 18.3 deg posterior, lumbar flexion 16.6 deg (Endo 2012), hands on the thighs "
         "(Wilke 2001 Fig. 4a / AMMR)"},
        {"sitting_max_flexion",
         "seat: pelvis 18.3 deg posterior (Endo 2012), lumbar flexion 60 deg (model ROM, Tafazzol 2014), arms hanging"},
        {"standing_relaxed", "upright reference posture on both feet"},
        {"standing_flexed_forward", "trunk 36 deg forward (Wilke 2001): pelvis 12 deg, lumbar 24 deg, arms hanging"},
        {"standing_extended", "trunk 20 deg backwards (Wilke 2001): pelvis 6.7 deg posterior, lumbar extension 13.3 deg, arms hanging"},
        {"standing_lateral_bending_right",
         "trunk 20 deg to the right (Wilke 2001): lumbar lateral bending 20 deg, pelvis level, right arm hanging, left at the side"},
        {"standing_lateral_bending_left", "mirror image of standing_lateral_bending_right"},
    };
    return d;
}

}  // namespace

std::vector<std::string> wilke_case_names() {
    return {"lying_prone",         "lying_lateral",    "sitting_slouched",       "sitting_upright_unsupported",
            "sitting_max_flexion", "standing_relaxed", "standing_flexed_forward"};
}

std::vector<std::string> wilke_supplementary_case_names() {
    return {"standing_extended", "standing_lateral_bending_right", "standing_lateral_bending_left"};
}

std::string wilke_case_description(const std::string& case_name) {
    const auto it = descriptions().find(case_name);
    if (it == descriptions().end()) throw InputError("validation", "case", case_name, "unknown validation case");
    return it->second;
}

FrameInput wilke_case_input(const Model& model, const std::string& name) {
    if (name == "standing_relaxed") return standing(model, Sagittal{});
    if (name == "standing_flexed_forward") return standing(model, kStandingFlexed);
    if (name == "standing_extended") return standing(model, kStandingExtended);
    if (name == "standing_lateral_bending_right") return standing(model, Sagittal{}, kStandingLateralBendingDeg);
    if (name == "standing_lateral_bending_left") return standing(model, Sagittal{}, -kStandingLateralBendingDeg);
    if (name == "sitting_upright_unsupported") {
        FrameInput in = sitting(model, kSittingUpright);
        hands_on_thighs(model, in);
        return in;
    }
    if (name == "sitting_slouched") return sitting_backrest(model, kBackrestReclineDeg);
    if (name == "sitting_max_flexion") {
        FrameInput in = sitting(model, kSittingMaxFlexion);
        arms_hanging(model, in);
        return in;
    }
    if (name == "lying_prone") {
        // Face down: the whole body rotated 90 deg forward about the pelvis; spine and legs as in standing (supine and
        // standing lordosis differ by ~ 5 deg, OTSR 2018: 50.2 vs 54.8 deg).
        FrameInput in;
        in.q = reference_posture(model);
        set(model, in.q, "pelvis.anterior_tilt", 90.0);
        add_contacts(model, in, {"forehead", "sternum"}, Vec3::UnitY(), kFrictionTrunk);
        add_contacts(model, in, {"asis_r", "asis_l", "thigh_front_r", "thigh_front_l", "knee_contact_r", "knee_contact_l"},
                     Vec3::UnitY());
        return in;
    }
    if (name == "lying_lateral") {
        // On the right side (pelvis list +90 deg: right side down), spine neutral, legs straight, the upper (left) leg
        // lying on the lower one (Wilke 1999 give no pillow or other support for "lying laterally"; the legs' own
        // stacking is not an added support). The head rests on a pillow, the chest and the pelvis on the mat over a
        // patch (two points 6 cm in front of and behind the spine line each, data/model/skeleton.toml); the left knee
        // and ankle rest on the right ones, which lie on the mat directly below, so their weight is carried by vertical
        // supports at the medial knee and ankle of the upper leg.
        FrameInput in;
        in.q = reference_posture(model);
        set(model, in.q, "pelvis.list", 90.0);
        add_contacts(model, in, {"head_lateral_r", "chest_lateral_front_r", "chest_lateral_back_r"}, Vec3::UnitY(), kFrictionTrunk);
        add_contacts(model, in, {"pelvis_lateral_front_r", "pelvis_lateral_back_r", "hip_lateral_r", "knee_lateral_r", "ankle_lateral_r",
                                 "knee_medial_l", "ankle_medial_l"},
                     Vec3::UnitY());
        return in;
    }
    throw InputError("validation", "case", name, "unknown validation case");
}

}  // namespace spinesim
