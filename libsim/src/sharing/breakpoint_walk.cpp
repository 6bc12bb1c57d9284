#include "sharing/breakpoint_walk.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace spinesim::sharing {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// α-distance until x, moving at speed v, falls to b (x >= b) or rises to b (x <= b); +inf if it never does.
// A point already past b by rounding is at distance 0.
double fall_time(double x, double b, double v) { return v < 0.0 ? std::max(0.0, (x - b) / -v) : kInf; }
double rise_time(double x, double b, double v) { return v > 0.0 ? std::max(0.0, (b - x) / v) : kInf; }

}  // namespace

BreakpointWalk::BreakpointWalk(const ScaledProblem& sp)
    : sp_(sp),
      p0_(sp.cols()),
      v_(sp.cols()),
      regime_(static_cast<std::size_t>(sp.cols()), Regime::Fixed),
      stamp_(static_cast<std::size_t>(sp.cols()), 0),
      list_pos_(static_cast<std::size_t>(sp.cols()), -1),
      static_time_(sp.cols()) {
    for (auto& list : lists_) list.reserve(static_cast<std::size_t>(sp.cols()));
    moving_.reserve(static_cast<std::size_t>(sp.cols()));
    heap_.reserve(static_cast<std::size_t>(2 * sp.cols()));
}

int BreakpointWalk::list_of(Regime r) {
    switch (r) {
        case Regime::Free: return 0;
        case Regime::Above: return 1;
        case Regime::Tied: return 2;
        case Regime::AtBound: return 3;
        case Regime::AtKink: return 4;
        default: return -1;
    }
}

double BreakpointWalk::rate() const { return extra_rate_ + free_rate_ + (t_free_ ? tied_dc_ * tau_ : 0.0); }

// Regime at α = 0 from p = c / (2 w) and the bound t exactly as PrimalResponse::evaluate sees it.
BreakpointWalk::Regime BreakpointWalk::initial_regime(Eigen::Index i, double t) const {
    const double l = sp_.lower[i], u = sp_.upper[i];
    const double p = p0_[i];
    if (!capped(i)) return l >= u ? Regime::Fixed : p <= l ? Regime::Below : p >= u ? Regime::Above : Regime::Free;
    const double h = std::min(u, t);
    if (u <= l) return Regime::Fixed;
    if (p <= l) return Regime::Below;
    if (l >= h) return t_free_ ? Regime::Tied : Regime::AtBound;  // t = t_lower = l and p above it
    if (p < h) return Regime::Free;
    if (u < t || (u == t && t_free_)) return Regime::Above;
    if (u == t) return Regime::AtKink;
    return t_free_ ? Regime::Tied : Regime::AtBound;
}

bool BreakpointWalk::classify(double t, bool t_free) {
    t_free_ = sp_.minmax && t_free;
    t_ = t;
    tau_ = 0.0;
    free_rate_ = tied_w_ = tied_dc_ = bound_dc_ = bound_g_ = kink_dc_ = kink_g_ = 0.0;
    tied_count_ = bound_count_ = kink_count_ = 0;
    for (auto& list : lists_) list.clear();
    heap_.clear();
    window_ = -1.0;          // nothing scheduled yet: the first widen_window() starts at the earliest static event
    dynamic_stale_ = true;   // scanned once everything is classified
    for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
        regime_[i] = Regime::Fixed;
        list_pos_[i] = -1;
        set_regime(i, initial_regime(i, t));
    }
    if (t_free_) {
        if (tied_count_ == 0) return false;  // a free t needs a tied set
        tau_ = 0.5 * tied_dc_ / tied_w_;
    }
    return true;
}

void BreakpointWalk::count(Regime r, int delta) {
    auto update = [delta](int& n, double& a, double& b) {
        n += delta;
        if (n == 0) a = b = 0.0;  // no rounding drift left behind by an emptied set
    };
    switch (r) {
        case Regime::Tied: update(tied_count_, tied_w_, tied_dc_); break;
        case Regime::AtBound: update(bound_count_, bound_dc_, bound_g_); break;
        case Regime::AtKink: update(kink_count_, kink_dc_, kink_g_); break;
        default: break;
    }
}

// Moves variable i to regime r, keeping the sums behind R, τ and G, the dynamic list and the schedules current.
void BreakpointWalk::set_regime(Eigen::Index i, Regime r) {
    const double dc = (*dc_)[i];
    const double w = sp_.weight[i];
    const double g = capped(i) ? c_now(i) - 2.0 * w * t_ : 0.0;  // this muscle's term of G at a stuck t
    const Regime old = regime_[i];
    switch (old) {
        case Regime::Free: free_rate_ -= dc * v_[i]; break;
        case Regime::Tied: tied_w_ -= w; tied_dc_ -= dc; break;
        case Regime::AtBound: bound_dc_ -= dc; bound_g_ -= g; break;
        case Regime::AtKink: kink_dc_ -= dc; kink_g_ -= g; break;
        default: break;
    }
    count(old, -1);
    switch (r) {
        case Regime::Free: free_rate_ += dc * v_[i]; break;
        case Regime::Tied: tied_w_ += w; tied_dc_ += dc; break;
        case Regime::AtBound: bound_dc_ += dc; bound_g_ += g; break;
        case Regime::AtKink: kink_dc_ += dc; kink_g_ += g; break;
        default: break;
    }
    count(r, +1);
    regime_[i] = r;
    ++stamp_[i];

    const int from = dynamic_list(i, old), to = dynamic_list(i, r);
    if (from >= 0) {  // swap-remove from the old list
        std::vector<Eigen::Index>& list = lists_[from];
        const Eigen::Index last = list.back();
        list[static_cast<std::size_t>(list_pos_[i])] = last;
        list_pos_[last] = list_pos_[i];
        list.pop_back();
        list_pos_[i] = -1;
    }
    if (to >= 0) {
        list_pos_[i] = static_cast<Eigen::Index>(lists_[to].size());
        lists_[to].push_back(i);
    }
    const bool dyn = to >= 0;
    if (dyn) {
        static_time_[i] = kInf;
        // τ moved, or the muscle holding the next dynamic event changed: rescan. A newcomer only competes.
        if (old == Regime::Tied || r == Regime::Tied || i == dynamic_next_.i) {
            dynamic_stale_ = true;
        } else if (!dynamic_stale_) {
            Event e;
            const double dt = dynamic_event(i, e.target, e.global);
            if (now_ + dt < dynamic_next_.alpha) {
                e.alpha = now_ + dt;
                e.i = i;
                dynamic_next_ = e;
            }
        }
    } else {
        if (i == dynamic_next_.i) dynamic_stale_ = true;
        schedule_static_event(i);
    }
}

// The t-independent events: any change of a variable without a t cap, and a capped muscle rising to l.
double BreakpointWalk::static_event(Eigen::Index i) const {
    const double p = position(i), v = v_[i];
    const double l = sp_.lower[i], u = sp_.upper[i];
    switch (regime_[i]) {
        case Regime::Below: return now_ + rise_time(p, l, v);
        case Regime::Free: return now_ + (v < 0.0 ? fall_time(p, l, v) : rise_time(p, u, v));
        case Regime::Above: return now_ + fall_time(p, u, v);
        default: return kInf;
    }
}

void BreakpointWalk::schedule_static_event(Eigen::Index i) {
    const double a = static_event(i);
    static_time_[i] = a;
    if (a <= window_) {
        heap_.push_back({a, i, stamp_[i]});
        std::push_heap(heap_.begin(), heap_.end(), std::greater<Event>());
    }
}

// Brings the static events in (window_, A] into the heap, with A at least 16 times the old window and at least
// the earliest event beyond it (+inf when none is left).
void BreakpointWalk::widen_window() {
    double beyond = kInf;
    for (Eigen::Index i = 0; i < sp_.cols(); ++i)
        if (static_time_[i] > window_) beyond = std::min(beyond, static_time_[i]);
    const double end = std::max(beyond, 16.0 * window_);
    for (Eigen::Index i = 0; i < sp_.cols(); ++i)
        if (static_time_[i] > window_ && static_time_[i] <= end) heap_.push_back({static_time_[i], i, stamp_[i]});
    std::make_heap(heap_.begin(), heap_.end(), std::greater<Event>());
    window_ = end;
}

// Where a static event leads.
BreakpointWalk::Regime BreakpointWalk::static_target(Eigen::Index i) const {
    switch (regime_[i]) {
        case Regime::Free: return v_[i] < 0.0 ? Regime::Below : Regime::Above;
        case Regime::Above: return Regime::Free;
        default: break;
    }
    // Rising through l. For a muscle under MinMax that is the bottom of (l, min(u, t)), unless t = l.
    if (!capped(i) || sp_.lower[i] < std::min(sp_.upper[i], t_)) return Regime::Free;
    if (t_free_) return Regime::Tied;
    return sp_.upper[i] > t_ ? Regime::AtBound : Regime::AtKink;
}

// Next event of a muscle whose regime depends on t: its α-distance, and the regime it leads to or the change of
// t it causes. One function per regime, so that the scans below do not branch on it.
double BreakpointWalk::free_event(Eigen::Index i, Regime& target, Global& global) const {
    const double p = position(i), v = v_[i];
    const double l = sp_.lower[i], u = sp_.upper[i];
    global = Global::None;
    if (v < 0.0) {  // falling to l, or (t falling faster) meeting t
        const double down = fall_time(p, l, v);
        const double meet = t_free_ ? rise_time(p - t_, 0.0, v - tau_) : kInf;
        target = meet < down ? Regime::Tied : Regime::Below;
        return std::min(meet, down);
    }
    if (!t_free_) {  // rising to min(u, t_k)
        target = u < t_ ? Regime::Above : u == t_ ? Regime::AtKink : Regime::AtBound;
        return rise_time(p, std::min(u, t_), v);
    }
    const double up = rise_time(p, u, v);
    const double meet = rise_time(p - t_, 0.0, v - tau_);
    target = meet < up ? Regime::Tied : Regime::Above;
    return std::min(meet, up);
}

double BreakpointWalk::tied_event(Eigen::Index i, Regime& target, Global& global) const {
    const double leave = fall_time(position(i) - t_, 0.0, v_[i] - tau_);  // p falls back below t
    const double cap = rise_time(t_, sp_.upper[i], tau_);                 // t rises to this muscle's u
    target = cap < leave ? Regime::AtKink : Regime::Free;
    global = cap < leave ? Global::StickAtUpper : Global::None;
    return std::min(leave, cap);
}

double BreakpointWalk::above_event(Eigen::Index i, Regime& target, Global& global) const {
    const double u = sp_.upper[i];
    const double leave = fall_time(position(i), u, v_[i]);          // p falls below u
    const double cap = t_free_ ? fall_time(t_, u, tau_) : kInf;    // t falls to u
    target = cap < leave ? Regime::AtKink : u > sp_.lower[i] ? Regime::Free : Regime::Below;
    global = cap < leave ? Global::StickAtUpper : Global::None;
    return std::min(leave, cap);
}

// AtBound and AtKink: p falls below the stuck t (= u for AtKink).
double BreakpointWalk::stuck_event(Eigen::Index i, Regime& target, Global& global) const {
    global = Global::None;
    target = t_ > sp_.lower[i] ? Regime::Free : Regime::Below;
    return fall_time(position(i), t_, v_[i]);
}

double BreakpointWalk::dynamic_event(Eigen::Index i, Regime& target, Global& global) const {
    switch (regime_[i]) {
        case Regime::Free: return free_event(i, target, global);
        case Regime::Tied: return tied_event(i, target, global);
        case Regime::Above: return above_event(i, target, global);
        default: return stuck_event(i, target, global);
    }
}

template <class EventOf>
void BreakpointWalk::scan(const std::vector<Eigen::Index>& list, EventOf event_of) {
    for (const Eigen::Index i : list) {
        Regime r;
        Global g;
        const double a = now_ + event_of(i, r, g);
        if (a < dynamic_next_.alpha) {
            dynamic_next_.alpha = a;
            dynamic_next_.i = i;
            dynamic_next_.target = r;
            dynamic_next_.global = g;
        }
    }
}

void BreakpointWalk::scan_dynamic_events() {
    dynamic_next_ = Event{};
    dynamic_next_.alpha = kInf;
    scan(lists_[list_of(Regime::Free)], [this](Eigen::Index i, Regime& r, Global& g) { return free_event(i, r, g); });
    scan(lists_[list_of(Regime::Tied)], [this](Eigen::Index i, Regime& r, Global& g) { return tied_event(i, r, g); });
    scan(lists_[list_of(Regime::Above)], [this](Eigen::Index i, Regime& r, Global& g) { return above_event(i, r, g); });
    for (const Regime stuck : {Regime::AtBound, Regime::AtKink})
        scan(lists_[list_of(stuck)], [this](Eigen::Index i, Regime& r, Global& g) { return stuck_event(i, r, g); });
    dynamic_stale_ = false;
}

// Next change of the state of t itself (not tied to one muscle).
double BreakpointWalk::global_event(Global& kind) const {
    kind = Global::None;
    if (!sp_.minmax) return kInf;
    if (t_free_) {
        kind = Global::ReachLower;
        return fall_time(t_, sp_.t_lower, tau_);
    }
    double best = kInf;
    if (bound_count_ > 0) {
        best = rise_time(bound_g_, 1.0, bound_dc_);
        kind = Global::StartRising;
    }
    if (t_ > sp_.t_lower && bound_count_ + kink_count_ > 0) {
        const double fall = fall_time(bound_g_ + kink_g_, 1.0, bound_dc_ + kink_dc_);
        if (fall < best) {
            best = fall;
            kind = Global::StartFalling;
        }
    }
    return best;
}

// Moves every muscle of regime `from` to to_above_tk if its u > tk, else to to_at_tk.
void BreakpointWalk::move_all(Regime from, Regime to_above_tk, Regime to_at_tk, double tk) {
    moving_ = lists_[list_of(from)];
    for (const Eigen::Index i : moving_) set_regime(i, sp_.upper[i] > tk ? to_above_tk : to_at_tk);
}

// t stops at t_k (t_lower, or the upper bound of a muscle it has just reached): the tied muscles now sit at a
// stuck t (AtBound), or at their own upper bound if it equals t_k (AtKink), as do muscles capped at u = t_k.
void BreakpointWalk::stick(double tk) {
    t_free_ = false;
    t_ = tk;
    tau_ = 0.0;
    move_all(Regime::Tied, Regime::AtBound, Regime::AtKink, tk);
    moving_.clear();
    for (const Eigen::Index i : lists_[list_of(Regime::Above)])
        if (sp_.upper[i] == tk) moving_.push_back(i);
    for (const Eigen::Index i : moving_) set_regime(i, Regime::AtKink);
    dynamic_stale_ = true;
}

// t leaves t_k: rising, the muscles at t_k form the tied set (those capped at u_j = t_k stay at their bound);
// falling, all of them do.
void BreakpointWalk::unstick(bool rising) {
    t_free_ = true;
    move_all(Regime::AtBound, Regime::Tied, Regime::Tied, t_);
    move_all(Regime::AtKink, rising ? Regime::Above : Regime::Tied, rising ? Regime::Above : Regime::Tied, t_);
    dynamic_stale_ = true;
}

BreakpointWalk::Result BreakpointWalk::find_root(const Eigen::VectorXd& c, const Eigen::VectorXd& dc, double t,
                                                 bool t_free, double s0, double extra_rate) {
    Result result;
    c_ = &c;
    dc_ = &dc;
    now_ = 0.0;
    extra_rate_ = extra_rate;
    p0_.array() = c.array() * 0.5 / sp_.weight.array();
    v_.array() = dc.array() * 0.5 / sp_.weight.array();
    dynamic_next_ = Event{};
    if (!classify(t, t_free)) return result;
    result.initial_rate = rate();
    result.first_event = kInf;

    double s = s0;
    const Eigen::Index budget = 8 * sp_.cols() + 64;
    for (Eigen::Index k = 0; k < budget; ++k) {
        // The nearest event: t-independent (or the end of the window of those known), dynamic, or of t itself.
        while (!heap_.empty() && heap_.front().stamp != stamp_[heap_.front().i]) {
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<Event>());
            heap_.pop_back();
        }
        if (dynamic_stale_) scan_dynamic_events();
        enum class Source { Window, Static, Dynamic, OfT } source = Source::Window;
        double next = window_;
        if (!heap_.empty()) {
            next = heap_.front().alpha;
            source = Source::Static;
        }
        if (dynamic_next_.alpha < next) {
            next = dynamic_next_.alpha;
            source = Source::Dynamic;
        }
        Global global = Global::None;
        {
            Global g;
            const double a = now_ + global_event(g);
            if (a < next) {
                next = a;
                source = Source::OfT;
                global = g;
            }
        }
        next = std::max(next, now_);

        // s is linear up to that point: stop if it reaches zero first.
        const double R = rate();
        if (R > 0.0 && s <= R * (next - now_)) {
            result.alpha = now_ + s / R;
            result.found = true;
            return result;
        }
        if (source == Source::Window) {
            if (!(window_ < kInf)) return result;  // no event left and s > 0 for ever: unbounded along d
            widen_window();
            continue;
        }
        if (result.first_event == kInf) result.first_event = next;

        const double step = next - now_;
        s -= R * step;
        if (t_free_) t_ += tau_ * step;
        bound_g_ += bound_dc_ * step;
        kink_g_ += kink_dc_ * step;
        now_ = next;

        if (source == Source::Static) {
            const Eigen::Index i = heap_.front().i;
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<Event>());
            heap_.pop_back();
            set_regime(i, static_target(i));
        } else if (source == Source::Dynamic) {
            const Event e = dynamic_next_;
            dynamic_stale_ = true;
            if (e.global == Global::StickAtUpper) stick(sp_.upper[e.i]);
            else set_regime(e.i, e.target);
        } else if (global == Global::ReachLower) {
            stick(sp_.t_lower);
        } else {
            unstick(global == Global::StartRising);
        }
        if (t_free_) {
            if (tied_count_ == 0) return result;  // inconsistent (rounding): let the caller fall back
            tau_ = 0.5 * tied_dc_ / tied_w_;
        }
    }
    return result;
}

}  // namespace spinesim::sharing
