// The metrics of `spinesim compare` (spinesim/comparison_metrics.hpp) and the statistics over solved frames behind
// them (spinesim/result_statistics.hpp): checked against the result's own columns, the limits and the round-back
// mechanism (a round hip hinge flexes the lumbar spine and tensions its posterior ligaments more than a neutral one).
#include "fixtures.hpp"

#include "spinesim/comparison_metrics.hpp"
#include "spinesim/comparison_table.hpp"
#include "spinesim/result_statistics.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace spinesim;

namespace {

const SimulationResult& hip_hinge(const std::string& name) { return test::scenario_run(name, 5); }

const ComparisonMetric& metric(const std::vector<ComparisonMetric>& metrics, const std::string& label) {
    const auto it = std::find_if(metrics.begin(), metrics.end(), [&](const ComparisonMetric& m) { return m.label == label; });
    REQUIRE(it != metrics.end());
    return *it;
}

Eigen::Index column(const std::vector<std::string>& names, const std::string& name) {
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE(it != names.end());
    return it - names.begin();
}

// Three frames, one level, two muscles of one family; frame 1 unsolved with the largest (closest-point) values.
SimulationResult synthetic() {
    SimulationResult r;
    r.time = Eigen::Vector3d(0.0, 0.5, 1.0);
    r.frame_status = {"optimal", "infeasible: L4L5 flexion", "optimal"};
    r.frame_warnings = {"", "", ""};
    r.level_names = {"L4/L5"};
    r.coordinate_names = {"L4L5.flexion", "hip_r.flexion"};
    r.muscle_names = {"ES_r", "ES_l"};
    r.muscle_families = {"erector_spinae", "erector_spinae"};
    r.compression = Eigen::Vector3d(1000.0, 9000.0, 3500.0);
    r.shear_ap = Eigen::Vector3d(-1200.0, 5000.0, 800.0);
    r.shear_lateral = r.intradiscal_pressure = r.coupling_moment = r.ligament_force = Eigen::MatrixXd::Zero(3, 1);
    r.external_moment = Eigen::Vector3d(10.0, 200.0, 100.0);
    r.contact_moment = Eigen::Vector3d(0.0, 0.0, -20.0);
    r.tissue_moment = Eigen::Vector3d(1.0, 50.0, 16.0);
    r.passive_muscle_moment = Eigen::Vector3d(0.0, 10.0, 4.0);
    r.coordinates.resize(3, 2);
    r.coordinates << 0.1, 0.5, 0.9, 0.5, 0.2, 0.5;
    r.muscle_force.resize(3, 2);
    r.muscle_force << 100.0, 50.0, 900.0, 900.0, 300.0, 10.0;
    r.max_activation = Eigen::Vector3d(0.2, 1.0, 0.4);
    return r;
}

// A metric in newtons shown as whole numbers, as the force rows of the table.
ComparisonMetric newtons(double value, const char* format = "%.0f") {
    ComparisonMetric m;
    m.label = "psoas peak [N]";
    m.value = value;
    m.format = format;
    return m;
}

// The table line of metric `label` ("" when absent).
std::string table_line(const std::string& table, const std::string& label) {
    std::istringstream lines(table);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(label + "  ", 0) == 0) return line;
    return "";
}

}  // namespace

TEST_CASE("limit flags: NIOSH compression limits and the shear limit, by magnitude", "[comparison]") {
    CHECK(compression_flag(kNioshActionLimit).empty());
    CHECK(compression_flag(3400.5) == "> 3400 N (NIOSH AL)");
    CHECK(compression_flag(kNioshMaximumLimit) == "> 3400 N (NIOSH AL)");
    CHECK(compression_flag(6400.5) == "> 6400 N (NIOSH MPL)");
    CHECK(shear_flag(999.0).empty());
    CHECK(shear_flag(-1000.5) == "> 1000 N (shear limit)");
}

TEST_CASE("result statistics use the solved frames only", "[comparison]") {
    const SimulationResult r = synthetic();
    CHECK(solved_frame_count(r) == 2);
    CHECK(level_index(r, "l4-l5") == 0);
    CHECK(level_index(r, "L5/S1") == -1);
    const ColumnStat c = column_stat(r, r.compression, 0);
    CHECK(c.peak == 3500.0);            // not the unsolved 9000
    CHECK(c.mean == Approx(2250.0));
    CHECK(c.peak_time == 1.0);
    CHECK(column_stat(r, r.shear_ap, 0).peak == -1200.0);   // largest magnitude, signed
    CHECK(std::isnan(column_stat(r, r.compression, -1).peak));
    // Net moment 10 (frame 0) vs 100 - 20 = 80 (frame 2): share at frame 2 = (16 + 4) / 80.
    CHECK(peak_passive_share(r, 0) == Approx(0.25));
    CHECK(lumbar_flexion_peak(r) == Approx(0.2));            // only L4L5.flexion counts; frame 1 (0.9) is unsolved
    CHECK(family_peak(r, "erector_spinae") == Approx(310.0));
    CHECK(std::isnan(family_peak(r, "psoas")));
    CHECK(peak_activation(r) == Approx(0.4));
    const std::vector<MusclePeak> top = top_muscles(r, 5);
    REQUIRE(top.size() == 2);
    CHECK(top[0].name == "ES_r");
    CHECK(top[0].force == 300.0);
    CHECK(top[1].force == 50.0);

    const std::vector<ComparisonMetric> m = comparison_metrics(r);
    CHECK(metric(m, "frames solved").value == 2.0);
    CHECK(metric(m, "frames solved").out_of == 3.0);
    CHECK(metric(m, "L4/L5 compression peak [N]").flag == "> 3400 N (NIOSH AL)");
    CHECK(metric(m, "L4/L5 AP shear peak [N]").flag == "> 1000 N (shear limit)");
    CHECK(metric(m, "L4/L5 passive share at peak moment [%]").value == Approx(25.0));
    CHECK(std::isnan(metric(m, "L5/S1 compression peak [N]").value));   // no such level: missing, not 0
    CHECK(metric(m, "L5/S1 compression peak [N]").flag.empty());
    CHECK(metric(m, "muscle #1 peak [N]").muscle == "ES_r");
    CHECK(metric(m, "muscle #3 peak [N]").muscle.empty());
}

TEST_CASE("comparison metrics of a hip hinge equal the result's columns over solved frames", "[comparison][simulation]") {
    const SimulationResult& r = hip_hinge("hip_hinge_round");
    REQUIRE(solved_frame_count(r) == 5);   // below, maxima over all frames are maxima over solved frames
    const std::vector<ComparisonMetric> m = comparison_metrics(r);
    const std::vector<ComparisonMetric> neutral = comparison_metrics(hip_hinge("hip_hinge_neutral"));
    REQUIRE(m.size() == neutral.size());
    for (std::size_t k = 0; k < m.size(); ++k) CHECK(m[k].label == neutral[k].label);   // same rows in the same order
    CHECK(m.front().label == "strength (x mean male max force)");
    CHECK(m.back().label == "muscle #5 peak [N]");

    for (const char* level : {"L4/L5", "L5/S1"}) {
        const Eigen::Index l = column(r.level_names, level);
        double peak = -1.0, sum = 0.0;
        int n = 0;
        for (Eigen::Index i = 0; i < r.compression.rows(); ++i)
            if (r.frame_status[static_cast<std::size_t>(i)] == "optimal") {
                peak = std::max(peak, r.compression(i, l));
                sum += r.compression(i, l);
                ++n;
            }
        REQUIRE(n > 0);
        const ComparisonMetric& c = metric(m, std::string(level) + " compression peak [N]");
        CHECK(c.value == peak);   // compression is positive: the largest magnitude is the maximum
        CHECK(metric(m, std::string(level) + " compression mean [N]").value == Approx(sum / n));
        CHECK(c.flag == (peak > 6400.0 ? "> 6400 N (NIOSH MPL)" : peak > 3400.0 ? "> 3400 N (NIOSH AL)" : ""));
    }

    // Lumbar flexion: the five levels' flexion coordinates summed, at the frame where the sum is largest.
    double flexion = -1e9;
    for (Eigen::Index i = 0; i < r.coordinates.rows(); ++i) {
        if (r.frame_status[static_cast<std::size_t>(i)] != "optimal") continue;
        double sum = 0.0;
        for (const char* c : {"L1L2.flexion", "L2L3.flexion", "L3L4.flexion", "L4L5.flexion", "L5S1.flexion"})
            sum += r.coordinates(i, column(r.coordinate_names, c));
        flexion = std::max(flexion, sum);
    }
    CHECK(metric(m, "lumbar flexion peak, L1/L2 to L5/S1 [deg]").value == Approx(flexion / test::kDeg));

    // Erector spinae: both sides summed, largest over the frames.
    double es = 0.0;
    for (Eigen::Index i = 0; i < r.muscle_force.rows(); ++i) {
        double sum = 0.0;
        for (std::size_t k = 0; k < r.muscle_families.size(); ++k)
            if (r.muscle_families[k] == "erector_spinae") sum += r.muscle_force(i, static_cast<Eigen::Index>(k));
        es = std::max(es, sum);
    }
    CHECK(metric(m, "erector_spinae peak [N]").value == Approx(es));
    const ComparisonMetric& first = metric(m, "muscle #1 peak [N]");
    CHECK(first.value == Approx(r.muscle_force.maxCoeff()));
    CHECK(r.muscle_force.col(column(r.muscle_names, first.muscle)).maxCoeff() == first.value);
    CHECK(metric(m, "peak activation (largest force / max force) [%]").value ==
          Approx(100.0 * r.max_activation.maxCoeff()));
}

TEST_CASE("a round hip hinge flexes the lumbar spine and tensions its posterior ligaments more", "[comparison][simulation]") {
    const std::vector<ComparisonMetric> n = comparison_metrics(hip_hinge("hip_hinge_neutral"));
    const std::vector<ComparisonMetric> r = comparison_metrics(hip_hinge("hip_hinge_round"));
    const std::string flexion = "lumbar flexion peak, L1/L2 to L5/S1 [deg]";
    const std::string ligament = "L4/L5 posterior ligament tension peak [N]";
    CHECK(metric(r, flexion).value > metric(n, flexion).value + 10.0);
    CHECK(metric(r, ligament).value > metric(n, ligament).value);
    CHECK(metric(n, "frames solved").value == 5.0);
    CHECK(metric(r, "frames solved").value == 5.0);

    // Differences: b - a; relative only where meaningful.
    const MetricDifference ligament_change = metric_difference(metric(n, ligament), metric(r, ligament));
    CHECK(ligament_change.difference == metric(r, ligament).value - metric(n, ligament).value);
    CHECK(std::isnan(ligament_change.relative));   // near zero in a neutral spine
    const std::string peak = "L4/L5 compression peak [N]";
    const MetricDifference compression = metric_difference(metric(n, peak), metric(r, peak));
    CHECK(compression.relative == Approx(compression.difference / metric(n, peak).value));
    const std::string share = "L4/L5 passive share at peak moment [%]";
    CHECK(metric(n, share).share);
    CHECK(std::isnan(metric_difference(metric(n, share), metric(r, share)).relative));
    CHECK(std::isnan(metric_difference(metric(n, "frames solved"), metric(r, "frames solved")).difference));
    CHECK(std::isnan(metric_difference(metric(n, "muscle #1 peak [N]"), metric(r, "muscle #1 peak [N]")).difference));
}

TEST_CASE("no relative change against a negligible reference, only the difference", "[comparison]") {
    // The reference is shown as 0 in its format (0.21 N in whole newtons): a percentage would be ~+236000 %.
    MetricDifference d = metric_difference(newtons(0.2114), newtons(499.0));
    CHECK(d.difference == Approx(498.7886));
    CHECK(std::isnan(d.relative));
    CHECK(std::isnan(metric_difference(newtons(0.004, "%.2f"), newtons(0.5, "%.2f")).relative));   // "0.00" MPa
    // Shown, but below 1 % of the other run's value: a more than 100-fold change.
    CHECK(std::isnan(metric_difference(newtons(4.0), newtons(499.0)).relative));
    CHECK(std::isnan(metric_difference(newtons(-4.0), newtons(-499.0)).relative));
    // At or above 1 %: the relative change, also large ones and falls to almost nothing.
    CHECK(metric_difference(newtons(5.0), newtons(499.0)).relative == Approx(98.8));
    CHECK(metric_difference(newtons(0.02, "%.2f"), newtons(0.5, "%.2f")).relative == Approx(24.0));
    CHECK(metric_difference(newtons(499.0), newtons(0.2)).relative == Approx(-0.9996).epsilon(1e-6));
    CHECK(metric_difference(newtons(-200.0), newtons(100.0)).relative == Approx(1.5));   // (b - a) / |a|
    CHECK(kRelativeReferenceFraction == 0.01);

    // The table: the erector spinae rows of two runs, 0.2 N and 499 N at their peaks.
    SimulationResult a = synthetic(), b = synthetic();
    a.muscle_force *= 0.2 / 310.0;            // family peak (both sides, solved frames) 310 N -> 0.2 N
    b.muscle_force *= 499.0 / 310.0;
    const std::string table = comparison_table({{"a", &a}, {"b", &b}});
    const std::string es = table_line(table, "erector_spinae peak [N]");
    INFO(table);
    CHECK(es.find("+499") != std::string::npos);
    CHECK(es.find('%') == std::string::npos);
    CHECK(es.find("(+") == std::string::npos);
    // a reference that is not negligible keeps its percentage: 2 x the compression, +100 %
    b.compression *= 2.0;
    CHECK(table_line(comparison_table({{"a", &a}, {"b", &b}}), "L4/L5 compression peak [N]")
              .find("+3500 (+100%)") != std::string::npos);
}
