// A static standing posture described the way a user thinks of it (trunk inclination, lumbar flexion, knee
// flexion, mass in the hands), turned into a one-frame scenario whose posture solver keeps both feet flat on the
// floor, the arms hanging vertically and the whole-body centre of mass (with the held mass) over the feet.
#pragma once

#include "spinesim/scenario.hpp"

namespace spinesim {

struct StandingPosture {
    double trunk_inclination = 0.0;   // rad, thorax long axis forward from vertical
    double lumbar_flexion = 0.0;      // rad, whole lumbar spine (rhythm-distributed)
    double knee_flexion = 0.0;        // rad, both knees
    double held_mass_kg = 0.0;        // in both hands
};

Scenario standing_posture_scenario(const Subject& subject, const StandingPosture& posture);

}  // namespace spinesim
