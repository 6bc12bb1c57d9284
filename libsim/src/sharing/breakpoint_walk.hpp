// Exact line search of the dual along a direction when every term is quadratic (used for MinMax, see
// line_search.cpp; Σσ² works the same way without the bound t).
//
// Along λ + α d put c(α) = c + α dc (c = Ãᵀλ, dc = Ãᵀd). Every primal response y_i(α) is then piecewise linear
// in α, so the directional derivative of the dual
//     s(α) = dᵀ∇g(λ + α d) = s0 - Σ_i dc_i (y_i(α) - y_i(0)) - e α dᵀd
// is continuous, non-increasing and piecewise linear, with slope -R(α):
//     R = e dᵀd + Σ_{i free} dc_i² / (2 w_i)  [+ (Σ_I dc_i)² / (2 Σ_I w_i) for the tied block I of MinMax].
// Its root, the maximiser of the dual on the line, is found exactly by visiting the breakpoints ("events") in
// increasing α and updating R at each, until s would cross zero. No dual value is ever compared.
//
// With the position p_i(α) = c_i(α) / (2 w_i) moving at speed v_i = dc_i / (2 w_i), the events are
//   every variable:  p_i reaches l_i or u_i;
//   MinMax muscles:  p_i meets t(α) (joins or leaves the tied set I), or t(α) reaches u_i;
// and the bound t (see primal_response.hpp) is either
//   free:   t(α) = (Σ_I c_i(α) - 1) / (2 Σ_I w_i), moving at τ = Σ_I dc_i / (2 Σ_I w_i), until it reaches t_lower
//           or a muscle's u_j (a downward jump of G, where t sticks), or
//   stuck at a kink t_k (t_lower, or u_j of the muscles J with u_j = t_k): it starts rising when
//           G(t_k+) = Σ_{p_i > t_k, u_i > t_k} (c_i - 2 w_i t_k) reaches 1, or falling (only at u_j) when
//           G(t_k-) = G(t_k+) + Σ_{j in J, p_j > t_k} (c_j - 2 w_j t_k) drops to 1.
//
// Events that do not depend on t (contacts, muscles below their lower bound) are kept in a heap, but only those
// inside a window [0, A) that grows geometrically when the walk reaches it: most variables never reach a
// breakpoint before the root, so they are never sorted. The next event of the muscles whose regime depends on
// how t moves (free, tied, at an upper bound, at a stuck t) is found by a scan, repeated only when τ or the
// state of t changes or that event has happened. Cost: an O(n) set-up and O(log n) per breakpoint plus
// O(#dynamic) per change of τ — a few evaluations of y(α) at most.
#pragma once

#include "sharing/scaled_problem.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace spinesim::sharing {

class BreakpointWalk {
public:
    explicit BreakpointWalk(const ScaledProblem& sp);

    struct Result {
        bool found = false;         // false: no root (s > 0 for all α), event budget exhausted, or inconsistency
        double alpha = 0.0;         // the root of s
        double first_event = 0.0;   // α of the first breakpoint passed (+inf if none before the root); up to it
                                    // s(α) = s0 - initial_rate α
        double initial_rate = 0.0;  // R at α = 0+
    };

    // c, dc as above; t, t_free: the MinMax bound at c exactly as PrimalResponse found it (ignored otherwise);
    // s0 = s(0) > 0; extra_rate = e dᵀd (elastic mode, else 0). Requires every term to be Quadratic.
    Result find_root(const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double t, bool t_free, double s0,
                     double extra_rate);

private:
    // Regime of a variable. Contacts and Σσ² variables only use Fixed/Below/Free/Above.
    enum class Regime : std::uint8_t {
        Fixed,    // l = u: never moves
        Below,    // y = l   (p <= l)
        Free,     // y = p
        Above,    // y = u   (p >= u, and u <= t for muscles under MinMax)
        Tied,     // y = t,  t free, p > t, u > t          (the set I)
        AtBound,  // y = t_k, t stuck, p > t_k, u > t_k    (counts in G(t_k+))
        AtKink,   // y = u = t_k, t stuck, p > t_k          (counts in G(t_k-) only)
    };
    // Events that change the state of t rather than of one variable.
    enum class Global : std::uint8_t { None, StickAtUpper, ReachLower, StartRising, StartFalling };
    struct Event {
        double alpha = 0.0;
        Eigen::Index i = -1;
        std::uint32_t stamp = 0;         // static events: valid while stamp_[i] (bumped at every change) is unchanged
        Regime target = Regime::Fixed;   // dynamic events: where it leads
        Global global = Global::None;    //   ... or which change of t it is
        bool operator>(const Event& o) const { return alpha > o.alpha; }
    };

    double position(Eigen::Index i) const { return p0_[i] + now_ * v_[i]; }
    double c_now(Eigen::Index i) const { return (*c_)[i] + now_ * (*dc_)[i]; }
    bool capped(Eigen::Index i) const { return sp_.minmax && sp_.capped[i]; }
    // Muscles whose next event depends on t are kept in one list per regime (scanned without branching on it).
    static constexpr int kLists = 5;
    static int list_of(Regime r);
    int dynamic_list(Eigen::Index i, Regime r) const { return capped(i) ? list_of(r) : -1; }

    bool classify(double t, bool t_free);
    Regime initial_regime(Eigen::Index i, double t) const;
    void set_regime(Eigen::Index i, Regime r);
    double static_event(Eigen::Index i) const;
    void schedule_static_event(Eigen::Index i);
    void widen_window();
    Regime static_target(Eigen::Index i) const;
    double dynamic_event(Eigen::Index i, Regime& target, Global& global) const;
    double free_event(Eigen::Index i, Regime& target, Global& global) const;
    double tied_event(Eigen::Index i, Regime& target, Global& global) const;
    double above_event(Eigen::Index i, Regime& target, Global& global) const;
    double stuck_event(Eigen::Index i, Regime& target, Global& global) const;
    template <class EventOf>
    void scan(const std::vector<Eigen::Index>& list, EventOf event_of);
    void scan_dynamic_events();
    void move_all(Regime from, Regime to_above_tk, Regime to_at_tk, double tk);
    double global_event(Global& kind) const;
    void stick(double tk);
    void unstick(bool rising);
    double rate() const;
    void count(Regime r, int delta);

    const ScaledProblem& sp_;
    const Eigen::VectorXd* c_ = nullptr;
    const Eigen::VectorXd* dc_ = nullptr;
    Eigen::VectorXd p0_, v_;
    std::vector<Regime> regime_;
    std::vector<std::uint32_t> stamp_;
    std::vector<Eigen::Index> lists_[kLists];  // dynamic muscles by regime
    std::vector<Eigen::Index> list_pos_;       // position of a dynamic muscle in its list, or -1
    std::vector<Eigen::Index> moving_;         // scratch for stick/unstick
    Eigen::VectorXd static_time_;             // α of each variable's next t-independent event (+inf: none)
    std::vector<Event> heap_;                 // min-heap of the t-independent events with α <= window_
    double window_ = -1.0;
    Event dynamic_next_;                      // the dynamic muscles' next event ...
    bool dynamic_stale_ = true;               // ... to be rescanned (τ, the state of t, or that muscle changed)

    double now_ = 0.0;
    double extra_rate_ = 0.0;
    double free_rate_ = 0.0;                  // Σ_{Free} dc_i v_i
    bool t_free_ = false;
    double t_ = 0.0;                          // t(now) when free, t_k when stuck
    double tau_ = 0.0;                        // dt/dα when free
    double tied_w_ = 0.0, tied_dc_ = 0.0;     // Σ_I w_i, Σ_I dc_i
    double bound_dc_ = 0.0, bound_g_ = 0.0;   // AtBound: Σ dc, G(t_k+) at now
    double kink_dc_ = 0.0, kink_g_ = 0.0;     // AtKink: Σ dc, Σ (c - 2 w t_k) at now
    int tied_count_ = 0, bound_count_ = 0, kink_count_ = 0;  // (sums are reset exactly when a set empties)
};

}  // namespace spinesim::sharing
