// Stoop vs squat lifting: the box-lift twins (box_lift_20kg_round / box_lift_20kg_squat_neutral, same box, hand path
// and balance) with the 15 kg box of von Arx et al. 2021 (Front Bioeng Biotechnol 9:769117, abstract;
// data/validation/von_arx2021_stoop_squat.csv): stoop minus squat peak lumbar compression and peak AP-shear magnitude
// per level, in body weights, against the published ranges. The study is an OpenSim model study with measured
// postures, not an in vivo measurement. Reported by `spinesim validate` beside the Wilke comparisons, not in their RMS.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/subject.hpp"

#include <string>
#include <vector>

namespace spinesim {

// The stoop - squat difference at one lumbar level, against the study's range for it (BW = the lifter's body weight).
struct StoopSquatLevel {
    std::string level;                        // e.g. "L4/L5"
    double compression_bw = 0.0;              // stoop - squat peak compression, at the study's lumbar flexions
    double shear_bw = 0.0;                    // stoop - squat peak |AP shear|, at the study's lumbar flexions
    double published_compression_low_bw = 0.0, published_compression_high_bw = 0.0;
    double published_shear_low_bw = 0.0, published_shear_high_bw = 0.0;
    bool compression_in_range = false;        // low <= compression_bw <= high
    bool shear_in_range = false;
    double own_compression_bw = 0.0;          // the same differences at the scenarios' own lumbar flexion
    double own_shear_bw = 0.0;
};

// One simulated lift of the comparison.
struct StoopSquatRun {
    std::string scenario;                     // the data/scenarios file
    double lumbar_flexion_rad = 0.0;          // whole-lumbar flexion at pick-up
    int frames = 0;
    int frames_solved = 0;
};

struct StoopSquatReport {
    std::vector<StoopSquatLevel> levels;      // the model's lumbar levels in its order (SimulationResult::level_names)
    double load_kg = 0.0;                     // the study's box (15 kg)
    // at the study's mean lordosis ranges of motion (stoop 35.9, squat 25.1 deg)
    StoopSquatRun stoop, squat;
    // at the scenarios' own lumbar_flexion_fraction (stoop 85 %, squat 15 % of the 60 deg range)
    StoopSquatRun own_stoop, own_squat;
    Subject subject;                          // the scenarios' lifter (body weight: subject mass x gravity)
    bool all_frames_solved() const;
};

// Runs the twins of data_dir for their own subject with the study's box: once with each twin's lumbar flexion at
// pick-up set to the study's lordosis range of motion (lumbar_flexion_fraction = range / the model's whole-lumbar
// flexion range), once with the scenarios' own lumbar flexion. `options`: the sharing criterion and the lumbar
// balance (as for the Wilke comparisons). Peaks are over all frames (check frames_solved). Throws InputError for a
// malformed file, a level without a published row, or twins that do not share one subject.
StoopSquatReport run_von_arx_stoop_squat(const std::string& data_dir, const AnalysisOptions& options = {});

}  // namespace spinesim
