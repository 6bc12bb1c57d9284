// The metrics by which two or more runs are compared (the rows of `spinesim compare`, Result.metrics() and
// spinesim.compare() in Python): peak and mean L4/L5 and L5/S1 compression and AP shear with the occupational limit
// flags, passive share at the peak moment, lumbar flexion and posterior ligament tension peaks, the rhythm coupler's
// moment, intradiscal pressure, peak activation, trunk muscle family peaks and the five strongest muscles, preceded by
// the run's strength, solved frames and path-validity warnings. Statistics are over solved frames
// (result_statistics.hpp). Every result gives the same labels in the same order.
#pragma once

#include "spinesim/simulation.hpp"

#include <limits>
#include <string>
#include <vector>

namespace spinesim {

// Occupational limits the metrics flag.
inline constexpr double kNioshActionLimit = 3400.0;    // N compression, Waters et al. 1993 Ergonomics 36:749
inline constexpr double kNioshMaximumLimit = 6400.0;   // N compression, ibid.
inline constexpr double kShearLimit = 1000.0;          // N shear, Gallagher & Marras 2012 Clin Biomech 27:973

// "> 6400 N (NIOSH MPL)", "> 3400 N (NIOSH AL)" or "".
std::string compression_flag(double peak);
// "> 1000 N (shear limit)" or "" (by magnitude).
std::string shear_flag(double peak);

// The limits and definitions behind the metrics, as printed under a comparison table (two lines, newline-ended).
std::string comparison_limits_note();

struct ComparisonMetric {
    std::string label;    // with its unit, e.g. "L4/L5 compression peak [N]"
    double value = std::numeric_limits<double>::quiet_NaN();   // in the label's unit; NaN when missing
    std::string flag;     // a limit exceeded ("> 3400 N (NIOSH AL)"), "" when none or value is NaN
    std::string format;   // printf format of the value in a table ("%.0f", "%.2f", "%.3g")
    double out_of = std::numeric_limits<double>::quiet_NaN();  // counts: the total ("5" of "5/5"); NaN otherwise
    std::string muscle;   // "muscle #k" rows: the k-th strongest muscle (value = its peak force); "" otherwise
    bool difference = true;  // a difference between runs is meaningful (not for strength, counts, muscle ranks)
    bool relative = true;    // so is a relative one (not for shares, or quantities near zero in a neutral spine)
    bool share = false;      // a share in %: differences are percentage points
};

// The metrics of one result, in table order.
std::vector<ComparisonMetric> comparison_metrics(const SimulationResult& result);

// A relative change needs a reference that is not negligible: none when |a| < this fraction of max(|a|, |b|), a more
// than 100-fold change (e.g. a muscle at 0.2 N in one run and 499 N in the other: "+236058 %" would say only how
// close to zero the reference happens to be).
inline constexpr double kRelativeReferenceFraction = 0.01;

struct MetricDifference {
    double difference = std::numeric_limits<double>::quiet_NaN();  // b - a; NaN when not meaningful or missing
    // (b - a) / |a|; NaN when not meaningful (ComparisonMetric::relative), missing, or the reference a is negligible:
    // shown as zero in its table format (a.format, e.g. |a| < 0.5 N for "%.0f") or below kRelativeReferenceFraction
    // of max(|a|, |b|). The table then shows the difference only.
    double relative = std::numeric_limits<double>::quiet_NaN();
};

// The change from metric `a` (first run) to `b`, the same metric of another run.
MetricDifference metric_difference(const ComparisonMetric& a, const ComparisonMetric& b);

}  // namespace spinesim
