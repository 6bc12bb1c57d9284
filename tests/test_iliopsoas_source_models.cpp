// Deep-flexion iliopsoas geometry of a source model that was evaluated and NOT adopted (docs/model.md, "Known
// limitations", hip muscles beyond ~100 deg): Lai, Arnold & Wakeling 2017 (Ann Biomed Eng 45:2762,
// "LaiArnoldModified2017"), whose iliacus/psoas paths, IL/PS_at_brim cylinders and hip centre equal Rajagopal 2016's.
// Computed here with this repository's wrap code (libsim/src/kinematics/wrap_cylinder.hpp) on the source model's own
// numbers, so that the moment arms quoted in the docs (and in tools/lai_arnold_iliopsoas.py, a Python transcription)
// are those of the C++ implementation, and so that the reason for not porting stays checked.
#include "fixtures.hpp"

#include "kinematics/wrap_cylinder.hpp"

#include <catch2/catch.hpp>

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace spinesim;

namespace {

// Numbers read from stanfordnmbl/opencap-core opensimPipeline/Models/LaiArnoldModified2017_poly_withArms_weldHand.osim
// @ 5e5b47fb155fe15ad53fa9a711fc68151a071e98 (metres, radians; pelvis and femur_r frames, right side):
//   hip_r pelvis_offset translation; WrapCylinder IL_at_brim_r / PS_at_brim_r (xyz_body_rotation, translation,
//   radius, quadrant -y); iliacus_r / psoas_r PathPoint P2 (pelvis) and P3 (femur_r), the segment of PathWrap range 2 3.
// Only P2 -> P3 crosses the hip, so it alone sets the hip moment arm (P1 -> P2 and P3 -> P4 lie on one body).
const Vec3 kHipCentre(-0.056276, -0.07849, 0.07726);

struct SourcePath {
    Vec3 rotation, translation;  // cylinder xyz_body_rotation, translation
    double radius;
    Vec3 brim, femur;  // P2 (pelvis), P3 (femur_r)
};

const SourcePath kIliacus{Vec3(-0.32, -0.24, 0.9), Vec3(-0.071, -0.065, 0.0756), 0.0549,
                          Vec3(-0.0135, -0.0557, 0.0756), Vec3(-0.0023, -0.0565, 0.0139)};
const SourcePath kPsoas{Vec3(-0.25, -0.27, 0.1), Vec3(-0.074, -0.06, 0.0656), 0.05,
                        Vec3(-0.0205, -0.0654, 0.0656), Vec3(-0.0132, -0.0467, 0.0046)};

// Length of the hip-crossing segment at hip flexion q (rad), adduction and rotation zero (hip_flexion_r about z).
double crossing_length(const SourcePath& s, double q) {
    Eigen::Isometry3d cylinder = Eigen::Isometry3d::Identity();
    cylinder.translation() = s.translation;
    cylinder.linear() = (Eigen::AngleAxisd(s.rotation.x(), Vec3::UnitX()) * Eigen::AngleAxisd(s.rotation.y(), Vec3::UnitY()) *
                         Eigen::AngleAxisd(s.rotation.z(), Vec3::UnitZ())).toRotationMatrix();
    const Vec3 femur = kHipCentre + Eigen::AngleAxisd(q, Vec3::UnitZ()) * s.femur;
    const Eigen::Isometry3d to_cylinder = cylinder.inverse();
    return detail::wrap_cylinder(to_cylinder * s.brim, to_cylinder * femur, s.radius, 1, -1).length;
}

double moment_arm_cm(const SourcePath& s, double deg) {
    const double h = 1e-6, q = deg * test::kDeg;
    return -100 * (crossing_length(s, q + h) - crossing_length(s, q - h)) / (2 * h);
}

}  // namespace

TEST_CASE("Lai-Arnold 2017 iliopsoas (not adopted): flexor to ~120 deg, then extensor before the 130 deg limit",
          "[wrap][validation]") {
    // Reference values of docs/model.md (tools/lai_arnold_iliopsoas.py), cm, at 0 / 45 / 90 / 110 / 120 / 126 / 130 deg.
    // The psoas values also reproduce the Rajagopal psoas quoted in data/model/hip_wrap_surfaces.csv (3.30 cm at
    // 90 deg, -0.02 cm at 126 deg).
    const std::vector<double> angles = {0, 45, 90, 110, 120, 126, 130};
    const std::vector<double> iliacus = {3.463, 3.996, 4.257, 2.478, 0.103, -1.470, -2.336};
    const std::vector<double> psoas = {2.409, 3.092, 3.305, 2.230, 0.956, -0.020, -0.679};
    for (std::size_t a = 0; a < angles.size(); ++a) {
        INFO("at " << angles[a] << " deg");
        CHECK(moment_arm_cm(kIliacus, angles[a]) == Approx(iliacus[a]).margin(0.002));
        CHECK(moment_arm_cm(kPsoas, angles[a]) == Approx(psoas[a]).margin(0.002));
    }
    // Smooth (no path jump between 1 deg steps), and the sign changes quoted as the reason for not porting:
    // iliacus between 120 and 121 deg, psoas between 125 and 126 deg, i.e. both before the 130 deg limit.
    double largest = 0;
    for (double deg = 1; deg <= 130; deg += 1)
        for (const SourcePath* s : {&kIliacus, &kPsoas})
            largest = std::max(largest, std::abs(moment_arm_cm(*s, deg) - moment_arm_cm(*s, deg - 1)));
    CHECK(largest < 0.3);  // cm per 1 deg (measured 0.27)
    CHECK(moment_arm_cm(kIliacus, 120) > 0);
    CHECK(moment_arm_cm(kIliacus, 121) < 0);
    CHECK(moment_arm_cm(kPsoas, 125) > 0);
    CHECK(moment_arm_cm(kPsoas, 126) < 0);
    // The brim cylinders touch the paths only in the first part of the range: beyond 45 deg both run straight.
    for (const SourcePath* s : {&kIliacus, &kPsoas})
        for (double deg : {45.0, 90.0, 126.0}) {
            const double q = deg * test::kDeg;
            const Vec3 femur = kHipCentre + Eigen::AngleAxisd(q, Vec3::UnitZ()) * s->femur;
            CHECK(crossing_length(*s, q) == Approx((femur - s->brim).norm()).epsilon(1e-12));
        }
}
