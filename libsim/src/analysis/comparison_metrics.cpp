#include "spinesim/comparison_metrics.hpp"

#include "spinesim/result_statistics.hpp"
#include "spinesim/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace spinesim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

std::string no_flag(double) { return ""; }

// `v` has no non-zero digit in printf `format` (a table cell "0", "0.00"); "%g" when the format is empty.
bool shown_as_zero(double v, const std::string& format) {
    return table_number(v, format.empty() ? "%g" : format.c_str()).find_first_of("123456789") == std::string::npos;
}

// The trunk muscle groups the comparison is about ("which muscles carry it"), summed over both sides.
const char* const kFamilies[] = {"erector_spinae", "multifidus", "quadratus_lumborum", "psoas", "abdominals",
                                 "latissimus_dorsi"};
constexpr int kTopMuscles = 5;

}  // namespace

std::string compression_flag(double peak) {
    if (peak > kNioshMaximumLimit) return "> 6400 N (NIOSH MPL)";
    if (peak > kNioshActionLimit) return "> 3400 N (NIOSH AL)";
    return "";
}

std::string shear_flag(double peak) { return std::abs(peak) > kShearLimit ? "> 1000 N (shear limit)" : ""; }

std::string comparison_limits_note() {
    char text[1024];
    std::snprintf(text, sizeof text,
                  "Limits: compression %.0f N action limit (AL) / %.0f N maximum permissible limit (MPL), NIOSH (Waters "
                  "et al. 1993, Ergonomics 36:749); shear %.0f N (Gallagher & Marras 2012, Clin Biomech 27:973).\n"
                  "Peaks are over solved frames; shear peak = largest magnitude, signed (+ = superior vertebra loaded "
                  "anteriorly). Passive share = (tissue + passive muscle moment) / net moment (external loads + supports "
                  "on the part above), at the frame of the largest net moment; above 100 %% the passive tissues resist "
                  "more than the net moment and muscles on the other side (or the rhythm coupler) balance the excess, "
                  "below 0 they act in the sense of the net moment.\n",
                  kNioshActionLimit, kNioshMaximumLimit, kShearLimit);
    return text;
}

std::vector<ComparisonMetric> comparison_metrics(const SimulationResult& r) {
    std::vector<ComparisonMetric> out;
    auto add = [&](const std::string& label, double value, const char* format, std::string (*flag_of)(double)) {
        ComparisonMetric m;
        m.label = label;
        m.value = value;
        m.format = format;
        if (std::isfinite(value)) m.flag = flag_of(value);
        m.share = label.find("[%]") != std::string::npos;
        m.relative = !m.share;   // a share differs by percentage points; of a share near zero a % change says nothing
        out.push_back(std::move(m));
        return &out.back();
    };
    const double frames = static_cast<double>(r.time.size());
    ComparisonMetric* m = add("strength (x mean male max force)", r.definition.subject.strength_scale, "%.3g", no_flag);
    m->difference = m->relative = false;
    m = add("frames solved", static_cast<double>(solved_frame_count(r)), "%.0f", no_flag);
    m->out_of = frames;
    m->difference = m->relative = false;
    m = add("frames with path-validity warnings", r.frames_with_warnings(), "%.0f", no_flag);
    m->out_of = frames;
    m->difference = m->relative = false;

    const Eigen::Index l4 = level_index(r, "L4/L5");
    for (const char* level : {"L4/L5", "L5/S1"}) {
        const std::string lv = level;
        const Eigen::Index l = level_index(r, lv);
        const ColumnStat compression = column_stat(r, r.compression, l), shear = column_stat(r, r.shear_ap, l);
        add(lv + " compression peak [N]", compression.peak, "%.0f", compression_flag);
        add(lv + " compression mean [N]", compression.mean, "%.0f", no_flag);
        add(lv + " AP shear peak [N]", shear.peak, "%.0f", shear_flag);
        add(lv + " AP shear mean [N]", shear.mean, "%.0f", no_flag);
    }
    add("L4/L5 passive share at peak moment [%]", 100.0 * peak_passive_share(r, l4), "%.0f", no_flag);
    // The round back's mechanism: it stretches the posterior passive tissues. Lumbar flexion (sum of the five levels'
    // flexion angles, + = flexion) and the posterior ligament lines' tension at L4/L5; both are near zero in a
    // neutral spine, so a % change says nothing.
    add("lumbar flexion peak, L1/L2 to L5/S1 [deg]", 180.0 / kPi * lumbar_flexion_peak(r), "%.0f", no_flag)->relative =
        false;
    add("L4/L5 posterior ligament tension peak [N]", column_stat(r, r.ligament_force, l4).peak, "%.0f", no_flag)
        ->relative = false;
    // The rhythm coupler's constraint moment (coupled balance): not produced by any tissue, shown so that its size
    // can be judged against the external moment.
    add("coupling moment peak, any level [N·m]", coupling_moment_peak(r), "%.0f", no_flag);
    for (const char* level : {"L4/L5", "L5/S1"}) {
        const std::string lv = level;
        add(lv + " IDP peak [MPa]", 1e-6 * column_stat(r, r.intradiscal_pressure, level_index(r, lv)).peak, "%.2f",
            no_flag);
    }
    add("peak activation (largest force / max force) [%]", 100.0 * peak_activation(r), "%.0f", no_flag);
    for (const char* family : kFamilies)
        add(std::string(family) + " peak [N]", family_peak(r, family), "%.0f", no_flag);
    const std::vector<MusclePeak> top = top_muscles(r, kTopMuscles);
    for (int k = 0; k < kTopMuscles; ++k) {
        const bool present = k < static_cast<int>(top.size());
        m = add("muscle #" + std::to_string(k + 1) + " peak [N]", present ? top[k].force : kNaN, "%.0f", no_flag);
        if (present) m->muscle = top[k].name;
        m->difference = m->relative = false;   // the k-th strongest muscle may be another muscle in each run
    }
    return out;
}

MetricDifference metric_difference(const ComparisonMetric& a, const ComparisonMetric& b) {
    MetricDifference d;
    const double change = b.value - a.value;
    if (!a.difference || !b.difference || !std::isfinite(change)) return d;
    d.difference = change;
    const double reference = std::abs(a.value);
    const bool negligible = shown_as_zero(a.value, a.format) ||
                            reference < kRelativeReferenceFraction * std::max(reference, std::abs(b.value));
    if (a.relative && b.relative && !negligible) d.relative = change / reference;
    return d;
}

}  // namespace spinesim
