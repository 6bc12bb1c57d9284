// Running a scenario: postures frame by frame (warm-started), then the frame analysis of every frame with
// inertia from neighbouring postures and warm-started muscle sharing. No shared mutable state: each call owns its
// workspaces, so simulate() may run concurrently on one const Model.
#include "spinesim/simulation.hpp"

#include "simulation/posture_solver.hpp"
#include "spinesim/strength_needed.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <vector>

namespace spinesim {

bool SimulationResult::all_frames_solved() const {
    for (const std::string& s : frame_status)
        if (s != "optimal") return false;
    return !frame_status.empty();
}

int SimulationResult::frames_with_warnings() const {
    int n = 0;
    for (const std::string& w : frame_warnings) n += w.empty() ? 0 : 1;
    return n;
}

double SimulationResult::strength_to_hold_all() const {
    double worst = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index i = 0; i < strength_needed.size(); ++i) {
        const double s = strength_needed[i];
        if (std::isnan(s)) continue;
        if (std::isnan(worst) || s > worst) worst = s;
    }
    return worst;
}

namespace {

// "; strength x1.24 holds it" (the frame's strength_needed) or "; not held even at strength x5".
std::string strength_note(double needed) {
    char text[80];
    if (std::isfinite(needed)) std::snprintf(text, sizeof text, "; strength x%.2f holds it", needed);
    else std::snprintf(text, sizeof text, "; not held even at strength x%.0f", kMaxStrengthScale);
    return text;
}

bool active(const ScenarioContact& c, double phase) { return phase >= c.from_phase - 1e-12 && phase <= c.to_phase + 1e-12; }

// Loads of one frame. Held masses that are equal at every point (a bar or box in both hands) go through the
// analysis' held-mass path, which adds their inertia; unequal masses are applied as weights only.
void frame_loads(const Model& model, const Scenario& s, double phase, FrameInput& in) {
    std::vector<const ScenarioLoad*> masses;
    for (const ScenarioLoad& l : s.loads) {
        if (l.mass_kg.value.empty()) {
            in.loads.push_back(load_at_point(model, l.point, l.force, l.point));
        } else if (l.mass_kg.at(phase) > 0.0) {
            masses.push_back(&l);
        }
    }
    bool equal = !masses.empty();
    for (const ScenarioLoad* l : masses) equal = equal && std::abs(l->mass_kg.at(phase) - masses.front()->mass_kg.at(phase)) < 1e-12;
    if (equal) {
        in.held_mass_kg = masses.front()->mass_kg.at(phase) * static_cast<double>(masses.size());
        for (const ScenarioLoad* l : masses) in.held_mass_points.push_back(l->point);
    } else {
        for (const ScenarioLoad* l : masses)
            in.loads.push_back(load_at_point(model, l->point, Vec3(0, -l->mass_kg.at(phase) * model.gravity, 0), l->point));
    }
}

// Start of the first frame. A cold start from the fixed targets can fall into a wrong local minimum when the first
// frame is far from upright (e.g. a deadlift from the floor: knees folding the wrong way round). A second candidate
// is reached by continuation from the last frame back to the first, warm-starting each step from the previous one,
// a third from mid-range joint angles; the candidate with the smaller target residual wins (deterministic: all are
// always computed). A single-frame (static) scenario has no continuation but still gets the mid-range start: a cold
// start alone can miss a seated posture by centimetres (sitting_upright).
Posture first_frame_start(const detail::PostureProblem& problem, int n, const std::function<double(int)>& phase_of,
                          Workspace& ws) {
    const Posture cold = detail::fixed_posture(problem, 0.0);
    std::vector<Posture> candidates;
    if (n > 1) {
        Posture q = detail::fixed_posture(problem, 1.0);
        for (int i = n - 1; i > 0; --i) q = detail::solve_posture(problem, phase_of(i), q, ws).q;
        candidates.push_back(std::move(q));
    }
    // the free joint angles in the middle of their range of motion (a crouch)
    Posture mid = cold;
    for (const int f : problem.free) {
        const Coordinate& c = problem.model->coordinates[f];
        if (c.rotational && problem.model->joints[c.joint].type != JointType::Free) mid[f] = 0.5 * (c.lower + c.upper);
    }
    candidates.push_back(std::move(mid));
    detail::PostureSolution best = detail::solve_posture(problem, 0.0, cold, ws);
    for (const Posture& candidate : candidates) {
        detail::PostureSolution s = detail::solve_posture(problem, 0.0, candidate, ws);
        if (s.rms < best.rms - 1e-9) best = std::move(s);
    }
    return best.q;
}

}  // namespace

FrameInput scenario_frame_input(const Model& model, const Scenario& scenario, const std::vector<Posture>& q, int i) {
    const int n = static_cast<int>(q.size());
    const double phase = n == 1 ? 0.0 : static_cast<double>(i) / (n - 1);
    FrameInput in;
    in.q = q[i];
    // Inertia: central differences with time step duration/(frames-1). The repetition starts and ends at rest
    // (the posture before the first and after the last frame equals it), as a lift from the floor does.
    if (scenario.duration > 0.0 && n > 1) {
        in.q_previous = q[i > 0 ? i - 1 : 0];
        in.q_next = q[i + 1 < n ? i + 1 : n - 1];
        in.time_step = scenario.duration / (n - 1);
    }
    for (const ScenarioContact& sc : scenario.contacts)
        if (active(sc, phase)) in.contacts.push_back(contact_at_point(model, sc.point, sc.normal, sc.friction, sc.point));
    frame_loads(model, scenario, phase, in);
    return in;
}

SimulationResult simulate(const Model& model, const Scenario& scenario) {
    validate_scenario(scenario);   // a scenario built or changed in code gets the reader's checks

    // Kinematics-only copy of the model for the posture solver (muscle paths are not needed there).
    Model skeleton = model;
    skeleton.muscles.clear();
    skeleton.ligaments.clear();   // nor the ligament lines (their lengths and Jacobians would cost every residual)
    const detail::PostureProblem problem = detail::resolve_posture_problem(skeleton, scenario);
    Workspace skeleton_ws(skeleton);

    const int n = scenario.frames;
    const auto phase_of = [n](int i) { return n == 1 ? 0.0 : static_cast<double>(i) / (n - 1); };

    SimulationResult r;
    r.scenario = scenario.name;
    r.definition = scenario;
    r.time = Eigen::VectorXd::Zero(n);
    r.equality_residual = Eigen::VectorXd::Zero(n);
    r.posture_residual = Eigen::VectorXd::Zero(n);
    r.coordinates = Eigen::MatrixXd::Zero(n, model.coordinate_count());

    std::vector<Posture> q(n);
    std::vector<std::string> posture_note(n);
    Posture start = first_frame_start(problem, n, phase_of, skeleton_ws);
    for (int i = 0; i < n; ++i) {
        const detail::PostureSolution p = detail::solve_posture(problem, phase_of(i), start, skeleton_ws);
        q[i] = p.q;
        start = p.q;   // warm start of the next frame
        r.posture_residual[i] = p.rms;
        posture_note[i] = p.missed;
        r.coordinates.row(i) = p.q.transpose();
        r.time[i] = phase_of(i) * scenario.duration;
    }

    for (const Coordinate& c : model.coordinates) r.coordinate_names.push_back(c.name);
    for (const Muscle& m : model.muscles) {
        r.muscle_names.push_back(m.name);
        r.muscle_families.push_back(m.family);
    }
    for (const LumbarLevel& l : model.lumbar_levels) r.level_names.push_back(l.name);
    for (const ScenarioContact& c : scenario.contacts) r.contact_names.push_back(c.point);
    const int nm = static_cast<int>(model.muscles.size()), nl = static_cast<int>(model.lumbar_levels.size());
    r.muscle_force = Eigen::MatrixXd::Zero(n, nm);
    r.muscle_passive_force = Eigen::MatrixXd::Zero(n, nm);
    for (Eigen::MatrixXd* m : {&r.compression, &r.shear_ap, &r.shear_lateral, &r.tissue_moment, &r.passive_muscle_moment,
                               &r.external_moment, &r.intradiscal_pressure, &r.flexion_deviation, &r.coupling_moment,
                               &r.ligament_moment, &r.ligament_force})
        *m = Eigen::MatrixXd::Zero(n, nl);
    r.contact_force = Eigen::MatrixXd::Zero(n, 3 * static_cast<Eigen::Index>(scenario.contacts.size()));
    r.strength_needed = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::quiet_NaN());
    r.contact_moment = Eigen::MatrixXd::Zero(n, nl);
    r.max_activation = Eigen::VectorXd::Zero(n);

    AnalysisOptions options;
    options.solver.criterion = scenario.criterion;
    options.lumbar_balance = scenario.lumbar_balance;
    Workspace ws(model);
    WarmStart warm;
    double hint = std::numeric_limits<double>::quiet_NaN();  // the last frame's strength_needed: a search start
    std::vector<bool> previous_active;
    bool have_warm = false;
    for (int i = 0; i < n; ++i) {
        const FrameInput in = scenario_frame_input(model, scenario, q, i);
        std::vector<bool> is_active;
        std::vector<int> contact_slot;
        for (std::size_t c = 0; c < scenario.contacts.size(); ++c) {
            is_active.push_back(active(scenario.contacts[c], phase_of(i)));
            if (is_active.back()) contact_slot.push_back(static_cast<int>(c));
        }

        // Warm start only when the problem has the same structure (same active contacts) as the previous frame.
        const bool use_warm = have_warm && is_active == previous_active;
        const FrameResult f = analyse_frame(model, ws, in, options, use_warm ? &warm : nullptr);
        previous_active = is_active;
        have_warm = f.status == SolveStatus::Optimal;
        if (have_warm) warm.multipliers = f.multipliers;

        r.equality_residual[i] = f.equality_residual;
        r.muscle_force.row(i) = f.muscle_force.transpose();
        r.muscle_passive_force.row(i) = f.muscle_passive_force.transpose();
        for (int l = 0; l < nl; ++l) {
            const LevelLoad& L = f.levels[l];
            r.compression(i, l) = L.compression;
            r.shear_ap(i, l) = L.shear_ap;
            r.shear_lateral(i, l) = L.shear_lateral;
            r.tissue_moment(i, l) = L.tissue_flexion_moment;
            r.passive_muscle_moment(i, l) = L.passive_muscle_flexion_moment;
            r.external_moment(i, l) = L.external_flexion_moment;
            r.contact_moment(i, l) = L.contact_flexion_moment;
            r.intradiscal_pressure(i, l) = L.intradiscal_pressure;
            r.flexion_deviation(i, l) = L.flexion_deviation;
            r.coupling_moment(i, l) = L.coupling_flexion_moment;
            r.ligament_moment(i, l) = L.ligament_flexion_moment;
            r.ligament_force(i, l) = L.ligament_force;
        }
        for (std::size_t k = 0; k < contact_slot.size(); ++k)
            r.contact_force.block(i, 3 * contact_slot[k], 1, 3) = f.contact_force[k].transpose();
        r.frame_warnings.push_back(f.warning);
        for (int m = 0; m < nm; ++m)
            if (model.muscles[m].max_force > 0)
                r.max_activation[i] = std::max(r.max_activation[i], f.muscle_force[m] / model.muscles[m].max_force);
        // How strong a subject would hold a frame these muscles cannot (cold solves; the posture is unchanged)
        if (f.status == SolveStatus::Infeasible) {
            r.strength_needed[i] = strength_needed(model, in, options, model.subject.strength_scale, kMaxStrengthScale,
                                                   0.01, hint, true);
            if (std::isfinite(r.strength_needed[i])) hint = r.strength_needed[i];
        }
        else if (f.status != SolveStatus::Optimal)
            r.strength_needed[i] = std::numeric_limits<double>::infinity();
        std::string status = f.status == SolveStatus::Optimal ? "" : f.message;
        // The shortfall in N·m is where the closest balance leaves its residual, not how far the frame is from being
        // held (a per-level residual spreads over the levels): the strength factor is the frame's size of the problem.
        if (f.status == SolveStatus::Infeasible) status += strength_note(r.strength_needed[i]);
        if (!posture_note[i].empty()) status += (status.empty() ? "" : "; ") + std::string("posture: ") + posture_note[i];
        r.frame_status.push_back(status.empty() ? "optimal" : status);
    }
    return r;
}

}  // namespace spinesim
