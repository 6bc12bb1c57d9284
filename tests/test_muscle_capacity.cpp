// Muscle capacity of the default subject against published strength and anatomy (issue 4): the hip extension
// capacity of the gait2392 hip muscles against in vivo hip extension strength, and the extensor muscle mass that
// crosses the upper lumbar levels against MRI cross-sections. "Capacity" here is the sum over muscles of
// (extension moment arm x max force) in one posture: an upper bound of what the muscles can hold about one axis
// (every extensor fully active, none needed for another axis), the number the static optimisation cannot exceed.
#include "fixtures.hpp"

#include "spinesim/kinematics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace spinesim;

namespace {

// Sum of -moment_arm x max_force over the muscles that extend `coordinate` (negative flexion moment arm), N·m.
double extension_capacity(const Model& model, const Posture& q, const std::string& coordinate) {
    Workspace ws(model);
    update_kinematics(model, q, ws);
    const int c = model.coordinate_index(coordinate);
    double sum = 0;
    for (int i = 0; i < static_cast<int>(model.muscles.size()); ++i) {
        const double r = moment_arm(model, ws, i, c);
        if (r < 0) sum += -r * model.muscles[i].max_force;
    }
    return sum;
}

double hip_extension_capacity(const Model& model, double hip_flexion_deg) {
    Posture q = reference_posture(model);
    set_coordinate(model, q, "hip_r.flexion", hip_flexion_deg * test::kDeg);
    return extension_capacity(model, q, "hip_r.flexion");
}

// PCSA (m^2) of the erector spinae and multifidus fascicles that extend a lumbar level in the upright posture.
double extensor_pcsa(const Model& model, const std::string& level) {
    Workspace ws(model);
    update_kinematics(model, reference_posture(model), ws);
    const int c = model.coordinate_index(level + ".flexion");
    double sum = 0;
    for (int i = 0; i < static_cast<int>(model.muscles.size()); ++i) {
        const Muscle& m = model.muscles[i];
        if ((m.family == "erector_spinae" || m.family == "multifidus") && moment_arm(model, ws, i, c) < -1e-4)
            sum += m.pcsa;
    }
    return sum;
}

}  // namespace

TEST_CASE("hip extension capacity of one hip against the isometric strength of young men", "[model][strength][validation]") {
    // Anderson, Madigan & Nussbaum 2007 J Biomech 40:3105-3113, Table 3, hip extension, men 18-25 y: maximal
    // voluntary isometric torque T(theta) = C1 m g h cos(C2 (theta - C3)), theta = hip flexion (rad), C1 = 0.161
    // (SD 0.049), C2 = 0.958, C3 = 0.932 rad (53.4 deg, the angle of peak torque); one leg. Numbers as read from
    // Millard2016TorqueMuscle.cc (RBDL muscle addon), which reproduces Table 3 row by row.
    // For the default subject (75 kg, 1.78 m): mean 211 N·m at 53.4 deg, mean + 3 SD 403 N·m.
    // The capacity is an upper bound of voluntary strength, so it must be at least the young-male mean (the model
    // must not be weaker than an average young man) and at most mean + 3 SD (it must not describe a strength
    // outlier). Measured: 344 N·m (gait2392 forces, gluteus maximus wrapped; 334 N·m with straight paths). With the Rajagopal et al. 2016 forces (gluteus maximus and
    // hamstrings x1.6-1.7) it would be 479 N·m and this test fails (docs/model.md, "Hip muscle strength").
    const Model& model = test::default_model();
    const double mgh = model.subject.body_mass_kg * 9.81 * model.subject.height_m;
    const double c1 = 0.161, c1_sd = 0.049, c3 = 0.932;
    const double capacity = hip_extension_capacity(model, c3 / test::kDeg);
    INFO("capacity " << capacity << " N·m, Anderson 2007 mean " << c1 * mgh << " N·m");
    CHECK(capacity >= c1 * mgh);
    CHECK(capacity <= (c1 + 3 * c1_sd) * mgh);
}

TEST_CASE("deep hip flexion: gluteus maximus keeps its extensor moment arm (wrapping), hamstrings and iliopsoas do not", "[model][strength]") {
    // With the Rajagopal et al. 2016 wrapping cylinders (data/model/hip_wrap_surfaces.csv) gluteus maximus 1-3 stay
    // extensors at 126 deg, the hip flexion of the squat box lift's pick-up (straight gait2392 paths: glut_max1
    // +1.4 cm, a flexor). Remaining limitation (docs/model.md): the hamstrings have no wrapping surface in either
    // source model and reach ~0 at 126 deg, and the iliopsoas paths still run behind the hip centre (extensors) beyond
    // ~100 deg. In vivo the extension strength at 126 deg is still 0.35 x its peak (Anderson 2007 cosine above).
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_coordinate(model, q, "hip_r.flexion", 126 * test::kDeg);
    Workspace ws(model);
    update_kinematics(model, q, ws);
    const int c = model.coordinate_index("hip_r.flexion");
    CHECK(moment_arm(model, ws, model.muscle_index("glut_max1_r"), c) < -0.015);  // -2.1 cm
    CHECK(moment_arm(model, ws, model.muscle_index("glut_max2_r"), c) < -0.010);  // -1.2 cm
    CHECK(moment_arm(model, ws, model.muscle_index("glut_max3_r"), c) < -0.025);  // -3.3 cm
    CHECK(moment_arm(model, ws, model.muscle_index("semimem_r"), c) > -0.005);    // -0.02 cm (no wrap)
    CHECK(moment_arm(model, ws, model.muscle_index("iliacus_r"), c) < 0.0);       // an extensor at 126 deg
    // Capacity: 229 N·m at 126 deg (193 N·m without wrapping), 0.63 x its value at 30 deg (366 N·m).
    CHECK(hip_extension_capacity(model, 126) > 0.6 * hip_extension_capacity(model, 30));
    CHECK(hip_extension_capacity(model, 126) < 0.7 * hip_extension_capacity(model, 30));
}

TEST_CASE("upper-lumbar extensor muscle mass against MRI cross-sections", "[model][strength][validation]") {
    // Sollmann N et al. 2020 Quant Imaging Med Surg 10:496-507, Table 2 (76 adults, 3 T MRI), erector spinae
    // cross-sectional area, age < 38 y: T12-L2 159.9 cm^2, L3-L5 191.6 cm^2 (ratio 0.83; age > 38 y:
    // 164.6 / 198.3 = 0.83). In the model the erector spinae + multifidus PCSA that crosses L1/L2 is 38.2 cm^2, the
    // mean over L3/L4-L5/S1 60.8 cm^2 (ratio 0.63): Christophy's set has no thoracic multifidus (only the L1
    // fascicles cross L1/L2: 3.7 of 16.6 cm^2 at L5/S1), no spinalis and no semispinalis, so the upper lumbar is
    // ~25 % weaker relative to the lower lumbar than the anatomy says. This is why L1/L2 is the first level to fail
    // in the stoop box lift and the deadlift (data/scenarios/README.md). Records the measured ratio so that adding
    // the missing fascicles has to update it. With the thorax welded to L1 only fascicles ending on L2 or below can
    // count (thoracic multifidus T10-T12 -> L2-L4, the L2 slip of spinalis thoracis; semispinalis thoracis and the
    // rotatores do not reach L1/L2). No published per-fascicle PCSA for them was retrievable (docs/model.md,
    // "Upper-lumbar extensors"); reaching 0.83 would need +12.3 cm^2 at L1/L2.
    const Model& model = test::default_model();
    const double lower = (extensor_pcsa(model, "L3L4") + extensor_pcsa(model, "L4L5") + extensor_pcsa(model, "L5S1")) / 3;
    const double ratio = extensor_pcsa(model, "L1L2") / lower;
    INFO("L1/L2 " << extensor_pcsa(model, "L1L2") * 1e4 << " cm^2, L3/L4-L5/S1 mean " << lower * 1e4 << " cm^2");
    CHECK(ratio == Approx(0.63).margin(0.02));
    CHECK(ratio < 0.83);  // below the in vivo ratio: a documented model limitation, not physics
    // Capacity (moment) follows: L1/L2 167 N·m vs L5/S1 261 N·m upright, all muscles.
    Posture q = reference_posture(model);
    CHECK(extension_capacity(model, q, "L1L2.flexion") < 0.7 * extension_capacity(model, q, "L5S1.flexion"));
}

TEST_CASE("what closing the upper-lumbar gap against MRI could add at L1/L2", "[model][strength]") {
    // Bound quoted in docs/model.md ("Upper-lumbar extensors") and data/scenarios/README.md: the PCSA missing at
    // L1/L2 to reach Sollmann's 0.83 (previous test), put at the PCSA-weighted extension lever of the erector spinae
    // + multifidus that already cross L1/L2 (upright) and at the model's specific tension. Measured: lever 4.08 cm,
    // missing 12.3 cm^2, i.e. ~45 N·m -- small against the 391 / 442 N·m the 140 kg deadlifts lack at L1/L2.
    const Model& model = test::default_model();
    Workspace ws(model);
    update_kinematics(model, reference_posture(model), ws);
    const int c = model.coordinate_index("L1L2.flexion");
    double moment = 0, force = 0;
    for (int i = 0; i < static_cast<int>(model.muscles.size()); ++i) {
        const Muscle& m = model.muscles[i];
        const double r = moment_arm(model, ws, i, c);
        if ((m.family == "erector_spinae" || m.family == "multifidus") && r < -1e-4) {
            moment += -r * m.max_force;
            force += m.max_force;
        }
    }
    const double lever = moment / force;
    const double lower = (extensor_pcsa(model, "L3L4") + extensor_pcsa(model, "L4L5") + extensor_pcsa(model, "L5S1")) / 3;
    const double missing = 0.83 * lower - extensor_pcsa(model, "L1L2");
    const double gain = missing * model.specific_tension * model.subject.strength_scale * lever;
    INFO("lever " << lever * 100 << " cm, missing " << missing * 1e4 << " cm^2, gain " << gain << " N·m");
    CHECK(lever == Approx(0.0408).margin(0.001));
    CHECK(missing * 1e4 == Approx(12.3).margin(0.2));
    CHECK(gain == Approx(45).margin(3));
}
