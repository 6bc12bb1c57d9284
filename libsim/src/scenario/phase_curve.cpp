// Keyframed values over the normalised phase of a repetition.
#include "spinesim/scenario.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim {

namespace {

// Fritsch-Carlson slope at interior key k of a monotone piecewise-cubic Hermite interpolant: zero at a local
// extremum (so the curve never overshoots a key), else the weighted harmonic mean of the neighbouring secants.
double key_slope(const PhaseCurve& c, std::size_t k) {
    if (k == 0 || k + 1 >= c.phase.size()) return 0.0;   // the repetition starts and ends at rest
    const double h0 = c.phase[k] - c.phase[k - 1], h1 = c.phase[k + 1] - c.phase[k];
    const double d0 = (c.value[k] - c.value[k - 1]) / h0, d1 = (c.value[k + 1] - c.value[k]) / h1;
    if (d0 * d1 <= 0.0) return 0.0;
    const double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
    return (w0 + w1) / (w0 / d0 + w1 / d1);
}

}  // namespace

// Piecewise cubic Hermite (monotone, Fritsch & Carlson 1980 SIAM J Numer Anal 17:238): exact at every key, monotone
// between two keys, continuous velocity through interior keys (no stop at an intermediate key such as the bar
// passing the knees) and zero velocity at the first and last key (a lift starts and ends at rest). With two keys it
// is the smoothstep 3s^2 - 2s^3. This keeps the finite-difference accelerations of the analysis bounded.
double PhaseCurve::at(double p) const {
    if (value.empty()) return 0.0;
    if (value.size() == 1 || p <= phase.front()) return value.front();
    if (p >= phase.back()) return value.back();
    const auto upper = std::upper_bound(phase.begin(), phase.end(), p);
    const std::size_t k = static_cast<std::size_t>(upper - phase.begin());  // phase[k-1] <= p < phase[k]
    const double h = phase[k] - phase[k - 1];
    const double s = (p - phase[k - 1]) / h;
    const double h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s);
    const double h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1);
    return h00 * value[k - 1] + h10 * h * key_slope(*this, k - 1) + h01 * value[k] + h11 * h * key_slope(*this, k);
}

}  // namespace spinesim
