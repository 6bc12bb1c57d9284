// How the lumbar levels are balanced in muscle sharing.
//
// PerLevel: every lumbar level's three moment rows are balanced by the muscles crossing it, the passive
//   motion segment, and the level's deviation from the rhythm (bounded, carried by the segment's stiffness; see
//   docs/model.md "Rhythm deviations"). This is the strict, AnyBody-like formulation.
// RhythmCoupled: the lumbopelvic rhythm is a kinematic coupling of the five levels, as the coordinate couplers of
//   Christophy et al. 2012's OpenSim model. The rhythm then carries generalised constraint moments tau_l at each
//   level; a coupler does no work along the motion it allows, so sum_l share_l tau_l = 0 for each coordinate, and
//   the muscles balance the rhythm-weighted sum of the level moments. The constraint moments are not produced by
//   any tissue: they are reported per level (coupling_moment) so that their size can be judged.
#pragma once

#include <string>

namespace spinesim {

enum class LumbarBalance { PerLevel, RhythmCoupled };

// The default everywhere (scenarios, AnalysisOptions, the benchmark): the coupled rhythm of the source model. With it
// the model's maximal L5/S1 extension moment is close to the mean male torso extension strength (Chaffin et al.
// 1999, Table 4.5); balancing every level strictly gives about half of it (docs/model.md, "Lumbar balance").
inline constexpr LumbarBalance kDefaultLumbarBalance = LumbarBalance::RhythmCoupled;

std::string lumbar_balance_name(LumbarBalance balance);  // "per_level", "coupled"
// Throws std::invalid_argument for anything else than "per_level" / "coupled".
LumbarBalance parse_lumbar_balance(const std::string& text);

}  // namespace spinesim
