// Comparison metrics of a result (the rows of `spinesim compare`): spinesim/comparison_metrics.hpp.
#include "bindings.hpp"

#include "spinesim/comparison_metrics.hpp"

#include <cmath>
#include <optional>

namespace spinesim::python {

namespace {

std::optional<double> finite_or_none(double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; }

}  // namespace

void bind_comparison(py::module_& m) {
    py::class_<ComparisonMetric>(m, "ComparisonMetric", R"doc(
One metric of a result as compared by ``spinesim compare`` (see :func:`comparison_metrics`). Statistics are over the
solved frames; peaks are the value of largest magnitude, signed.
)doc")
        .def_readonly("label", &ComparisonMetric::label, "Name with unit, e.g. 'L4/L5 compression peak [N]'.")
        .def_readonly("value", &ComparisonMetric::value, "In the label's unit; NaN when missing.")
        .def_readonly("flag", &ComparisonMetric::flag,
                      "Limit exceeded, e.g. '> 3400 N (NIOSH AL)', '> 1000 N (shear limit)'; '' when none.")
        .def_readonly("format", &ComparisonMetric::format, "printf format of the value in the table, e.g. '%.0f'.")
        .def_readonly("out_of", &ComparisonMetric::out_of, "Counts ('frames solved'): the total; NaN otherwise.")
        .def_readonly("muscle", &ComparisonMetric::muscle,
                      "'muscle #k' rows: the k-th strongest muscle (value = its peak force, N); '' otherwise.")
        .def_readonly("difference", &ComparisonMetric::difference,
                      "Whether a difference between runs is meaningful (not for strength, counts, muscle ranks).")
        .def_readonly("relative", &ComparisonMetric::relative,
                      "Whether a relative difference is meaningful (not for shares or near-zero quantities).")
        .def_readonly("share", &ComparisonMetric::share, "A share in %: differences are percentage points.")
        .def("__repr__", [](const ComparisonMetric& c) {
            return "<ComparisonMetric '" + c.label + "' = " + std::to_string(c.value) +
                   (c.flag.empty() ? "" : " " + c.flag) + ">";
        });
    m.def("comparison_metrics",
          [](const SimulationResult& result) {
              py::gil_scoped_release release;
              return comparison_metrics(result);
          },
          py::arg("result"), R"doc(
The metrics of ``spinesim compare`` for one SimulationResult, in table order (GIL released): strength, frames solved,
frames with path-validity warnings, L4/L5 and L5/S1 compression and AP shear peak/mean (with the NIOSH 3400/6400 N
and 1000 N shear flags), passive share at peak moment, lumbar flexion and posterior ligament tension peaks, coupling
moment peak, IDP peaks, peak activation, trunk muscle family peaks and the five strongest muscles.
)doc");
    m.def("metric_difference",
          [](const ComparisonMetric& a, const ComparisonMetric& b) {
              const MetricDifference d = metric_difference(a, b);
              return py::make_tuple(finite_or_none(d.difference), finite_or_none(d.relative));
          },
          py::arg("a"), py::arg("b"),
          "(b - a, (b - a) / |a|) of one metric of two runs; each None where it is not meaningful or missing, the "
          "relative change also where a is negligible: shown as 0 in its table format (a.format) or below "
          "RELATIVE_REFERENCE_FRACTION (1 %) of max(|a|, |b|); the table then shows the difference only.");
    m.def("compression_flag", &compression_flag, py::arg("peak"), "Flag of a compression peak in N: '> 6400 N (NIOSH MPL)', '> 3400 N (NIOSH AL)' or ''.");
    m.def("shear_flag", &shear_flag, py::arg("peak"), "Flag of a shear peak in N: '> 1000 N (shear limit)' (by magnitude) or ''.");
    m.def("comparison_limits_note", &comparison_limits_note,
          "The limits and definitions printed under a comparison table (two lines).");
    m.attr("NIOSH_ACTION_LIMIT") = kNioshActionLimit;
    m.attr("NIOSH_MAXIMUM_LIMIT") = kNioshMaximumLimit;
    m.attr("SHEAR_LIMIT") = kShearLimit;
    m.attr("RELATIVE_REFERENCE_FRACTION") = kRelativeReferenceFraction;
}

}  // namespace spinesim::python
