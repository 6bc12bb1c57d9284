#include "sharing/primal_response.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim::sharing {

namespace {
// Below this stress the Cubic curvature 6y is treated as 6 * kCubicFloor: dy/dc = 1/(6y) is unbounded as
// y -> 0+, and capping it keeps the Newton matrix finite (the line search absorbs the inexactness).
constexpr double kCubicFloor = 1e-9;
}  // namespace

PrimalResponse::PrimalResponse(const ScaledProblem& sp)
    : sp_(sp),
      y_(Eigen::VectorXd::Zero(sp.cols())),
      slope_(Eigen::VectorXd::Zero(sp.cols())),
      slope_in_H_(Eigen::VectorXd::Zero(sp.cols())),
      H_diag_(Eigen::MatrixXd::Zero(sp.rows(), sp.rows())),
      c_trial_(sp.cols()) {
    ends_.reserve(static_cast<std::size_t>(sp.cols()));
    tied_.reserve(static_cast<std::size_t>(sp.cols()));
}

double PrimalResponse::argmin(Eigen::Index i, double c, double h, double* slope) const {
    const double lo = sp_.lower[i];
    double y;
    double dydc;
    if (sp_.term[i] == Term::Quadratic) {
        const double inv2w = 0.5 / sp_.weight[i];
        y = c * inv2w;
        dydc = inv2w;
    } else {
        y = c > 0.0 ? std::sqrt(c / 3.0) : 0.0;
        dydc = 1.0 / (6.0 * std::max(y, kCubicFloor));
    }
    if (y <= lo) {
        y = lo;
        dydc = 0.0;
    } else if (y >= h) {
        y = h;
        dydc = 0.0;
    }
    if (slope) *slope = dydc;
    return y;
}

// Minimise h(t) = t + sum_i min_{l_i <= y <= min(u_i,t)} (w_i y^2 - c_i y) over t >= t_lower, i.e. find where
// G(t) = sum_{i active at t} (c_i - 2 w_i t) drops to 1 (see header). Each candidate term is active on
// [t_lower, e_i) with e_i = min(c_i / (2 w_i), u_i); ending at c_i/(2 w_i) is continuous, ending at u_i is a
// downward jump of G (a convex kink of h, where t may stop with dt/dc = 0).
//
// With the ends in increasing order e_(0) <= e_(1) <= ..., G on the piece [e_(r-1), e_(r)) is S_r - 2 W_r t with
// S_r, W_r the sums of c_i, w_i over ranks >= r. P(r): "G(e_(r)-) <= 1" is monotone in r, so the first true r
// is found by bisection over order statistics (nth_element), expected O(n) instead of an O(n log n) sort.
// On that piece t = (S_r - 1) / (2 W_r) if that is >= e_(r-1) (t free), else t sits on the kink e_(r-1).
PrimalResponse::Bound PrimalResponse::solve_bound(const Eigen::VectorXd& c) {
    const double t_lo = sp_.t_lower;
    ends_.clear();
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        if (!sp_.capped[i]) continue;
        const double e = std::min(c[i] * (0.5 / sp_.weight[i]), sp_.upper[i]);
        if (e > t_lo) ends_.emplace_back(e, i);
    }
    auto sums = [&](std::size_t from, std::size_t to, double& S, double& W) {
        for (std::size_t q = from; q < to; ++q) {
            S += c[ends_[q].second];
            W += sp_.weight[ends_[q].second];
        }
    };
    std::size_t lo = 0, hi = ends_.size();
    double S_right = 0.0, W_right = 0.0;  // sums over ranks >= hi
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        std::nth_element(ends_.begin() + static_cast<std::ptrdiff_t>(lo), ends_.begin() + static_cast<std::ptrdiff_t>(mid),
                         ends_.begin() + static_cast<std::ptrdiff_t>(hi));
        double S = S_right, W = W_right;
        sums(mid, hi, S, W);
        if (S - 2.0 * W * ends_[mid].first <= 1.0) {
            hi = mid;
            S_right = S;
            W_right = W;
        } else {
            lo = mid + 1;
        }
    }
    double prev = t_lo;  // e_(r-1): the largest end below rank r (all of them are <= e_(r) after partitioning)
    for (std::size_t q = 0; q < hi; ++q) prev = std::max(prev, ends_[q].first);
    if (W_right <= 0.0) return {prev, false};
    const double t = (S_right - 1.0) / (2.0 * W_right);
    if (t <= prev) return {prev, false};
    return {t, true};
}

void PrimalResponse::evaluate(const Eigen::VectorXd& c) {
    const double inf = std::numeric_limits<double>::infinity();
    t_ = inf;
    t_free_ = false;
    tied_.clear();
    tied_weight_ = 0.0;
    if (sp_.minmax) {
        const Bound bound = solve_bound(c);
        t_ = bound.t;
        t_free_ = bound.free;
    }
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        const bool capped = sp_.minmax && sp_.capped[i];
        const double h = capped ? std::min(sp_.upper[i], t_) : sp_.upper[i];
        double s;
        y_[i] = argmin(i, c[i], h, &s);
        slope_[i] = s;
        // A muscle pinned at y = t (< u_i) moves with t: it belongs to the rank-one tied block, not the diagonal.
        if (capped && t_free_ && y_[i] == t_ && t_ < sp_.upper[i] && c[i] * (0.5 / sp_.weight[i]) > t_) {
            tied_.push_back(i);
            tied_weight_ += sp_.weight[i];
        }
    }
    if (!sp_.minmax) t_ = 0.0;
}

double PrimalResponse::directional_change(const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double alpha) {
    c_trial_ = c + alpha * dc;
    double t = std::numeric_limits<double>::infinity();
    if (sp_.minmax) t = solve_bound(c_trial_).t;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        const double h = (sp_.minmax && sp_.capped[i]) ? std::min(sp_.upper[i], t) : sp_.upper[i];
        sum += dc[i] * (argmin(i, c_trial_[i], h, nullptr) - y_[i]);
    }
    return sum;
}

bool PrimalResponse::refine(const Eigen::VectorXd& dc) {
    y_trial_ = y_ + slope_.cwiseProduct(dc);
    double t = t_;
    if (!tied_.empty()) {
        double sum = 0.0;
        for (Eigen::Index i : tied_) sum += dc[i];
        t += 0.5 * sum / tied_weight_;
        for (Eigen::Index i : tied_) y_trial_[i] = t;
    }
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        const double h = (sp_.minmax && sp_.capped[i]) ? std::min(sp_.upper[i], t) : sp_.upper[i];
        if (slope_[i] > 0.0 && !(y_trial_[i] >= sp_.lower[i] && y_trial_[i] <= h)) return false;
    }
    y_.swap(y_trial_);
    t_ = t;
    return true;
}

void PrimalResponse::rebuild_hessian() {
    const Eigen::Index m = sp_.rows();
    Eigen::Index count = 0;
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) count += slope_[i] > 0.0;
    plus_.resize(m, count);
    Eigen::Index j = 0;
    for (Eigen::Index i = 0; i < sp_.cols(); ++i)
        if (slope_[i] > 0.0) plus_.col(j++) = std::sqrt(slope_[i]) * sp_.A.col(i);
    H_diag_.setZero();
    if (count > 0) H_diag_.selfadjointView<Eigen::Lower>().rankUpdate(plus_);
    slope_in_H_ = slope_;
    H_valid_ = true;
    updates_since_rebuild_ = 0;
}

void PrimalResponse::hessian(Eigen::MatrixXd& H) {
    const Eigen::Index m = sp_.rows();
    // Incremental update H += sum_changed (slope_i - slope_in_H_i) a_i a_iᵀ, split into a positive and a
    // negative symmetric rank-k update. Rebuild from scratch when that is cheaper or drift may accumulate.
    Eigen::Index n_plus = 0, n_minus = 0, n_free = 0;
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        n_free += slope_[i] > 0.0;
        const double delta = slope_[i] - slope_in_H_[i];
        n_plus += delta > 0.0;
        n_minus += delta < 0.0;
    }
    const Eigen::Index changes = n_plus + n_minus;
    if (!H_valid_ || changes >= n_free || updates_since_rebuild_ + changes > 4 * sp_.cols()) {
        rebuild_hessian();
    } else if (changes > 0) {
        plus_.resize(m, n_plus);
        minus_.resize(m, n_minus);
        Eigen::Index jp = 0, jm = 0;
        for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
            const double delta = slope_[i] - slope_in_H_[i];
            if (delta > 0.0) plus_.col(jp++) = std::sqrt(delta) * sp_.A.col(i);
            if (delta < 0.0) minus_.col(jm++) = std::sqrt(-delta) * sp_.A.col(i);
        }
        if (n_plus > 0) H_diag_.selfadjointView<Eigen::Lower>().rankUpdate(plus_, 1.0);
        if (n_minus > 0) H_diag_.selfadjointView<Eigen::Lower>().rankUpdate(minus_, -1.0);
        slope_in_H_ = slope_;
        updates_since_rebuild_ += changes;
    }
    H = H_diag_;
    if (!tied_.empty()) {
        Eigen::VectorXd q = Eigen::VectorXd::Zero(m);
        for (Eigen::Index i : tied_) q += sp_.A.col(i);
        H.selfadjointView<Eigen::Lower>().rankUpdate(q, 0.5 / tied_weight_);
    }
}

void PrimalResponse::reference_hessian(Eigen::MatrixXd& H) {
    const Eigen::Index m = sp_.rows();
    plus_.resize(m, sp_.cols());
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        slope_in_H_[i] = sp_.term[i] == Term::Quadratic ? 0.5 / sp_.weight[i] : 0.5;
        plus_.col(i) = std::sqrt(slope_in_H_[i]) * sp_.A.col(i);
    }
    H_diag_.setZero();
    H_diag_.selfadjointView<Eigen::Lower>().rankUpdate(plus_);
    // Kept as the accumulated diagonal part: the next hessian() only updates the variables whose slope
    // differs from the reference one (those that reached a bound), instead of rebuilding from scratch.
    H_valid_ = true;
    updates_since_rebuild_ = 0;
    H = H_diag_;
}

}  // namespace spinesim::sharing
