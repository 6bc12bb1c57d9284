// The stoop vs squat block of `spinesim validate`: stoop_squat_block.hpp.
#include "stoop_squat_block.hpp"

#include <cstdio>
#include <string>

namespace spinesim::cli {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

std::string range_text(double low, double high) {
    char text[32];
    std::snprintf(text, sizeof text, "%+.1f..%+.1f", low, high);
    return text;
}

const char* mark(bool in_range) { return in_range ? "yes" : "no"; }

void warn_unsolved(const StoopSquatRun& r) {
    if (r.frames_solved < r.frames)
        std::printf("WARNING: %s at %.1f deg lumbar flexion: %d of %d frames not solved (peaks include them)\n",
                    r.scenario.c_str(), r.lumbar_flexion_rad * kRadToDeg, r.frames - r.frames_solved, r.frames);
}

}  // namespace

void print_stoop_squat(const StoopSquatReport& rep) {
    std::printf("\nStoop vs squat, %.0f kg box (von Arx et al. 2021 Front Bioeng Biotechnol 9:769117, abstract; an OpenSim "
                "model study with measured postures, not in vivo)\n",
                rep.load_kg);
    std::printf("Lifter: the scenarios' %.0f kg, %.2f m %s; %s minus %s, peak over the lift in body weights (AP shear: "
                "peak magnitude); lumbar flexion at pick-up: the study's lordosis ranges, stoop %.1f / squat %.1f deg\n",
                rep.subject.body_mass_kg, rep.subject.height_m, to_string(rep.subject.sex).c_str(),
                rep.stoop.scenario.c_str(), rep.squat.scenario.c_str(), rep.stoop.lumbar_flexion_rad * kRadToDeg,
                rep.squat.lumbar_flexion_rad * kRadToDeg);
    std::printf("%-6s %16s %12s %9s %13s %12s %9s\n", "level", "compression(BW)", "published", "in range",
                "AP shear(BW)", "published", "in range");
    for (const StoopSquatLevel& v : rep.levels)
        std::printf("%-6s %+16.2f %12s %9s %+13.2f %12s %9s\n", v.level.c_str(), v.compression_bw,
                    range_text(v.published_compression_low_bw, v.published_compression_high_bw).c_str(),
                    mark(v.compression_in_range), v.shear_bw,
                    range_text(v.published_shear_low_bw, v.published_shear_high_bw).c_str(), mark(v.shear_in_range));
    std::string compression, shear;
    for (const StoopSquatLevel& v : rep.levels) {
        char text[48];
        std::snprintf(text, sizeof text, "%s%s %+.2f", compression.empty() ? "" : ", ", v.level.c_str(), v.own_compression_bw);
        compression += text;
        std::snprintf(text, sizeof text, "%s%s %+.2f", shear.empty() ? "" : ", ", v.level.c_str(), v.own_shear_bw);
        shear += text;
    }
    std::printf("The scenarios' own lumbar flexion (stoop %.1f / squat %.1f deg): compression %s; AP shear %s BW\n",
                rep.own_stoop.lumbar_flexion_rad * kRadToDeg, rep.own_squat.lumbar_flexion_rad * kRadToDeg,
                compression.c_str(), shear.c_str());
    for (const StoopSquatRun* r : {&rep.stoop, &rep.squat, &rep.own_stoop, &rep.own_squat}) warn_unsolved(*r);
}

}  // namespace spinesim::cli
