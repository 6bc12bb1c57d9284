// posture -> kinematics -> required joint loads -> muscle sharing -> joint reactions, for one frame.
#include "spinesim/frame_analysis.hpp"

#include "analysis/frame_problem.hpp"
#include "loads/passive_tissue.hpp"
#include "spinesim/error.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace spinesim {

namespace {

void validate_input(const Model& model, const FrameInput& input, bool check_rom) {
    if (check_rom) check_range_of_motion(model, input.q, "posture");
    else if (!input.q.allFinite()) throw InputError("posture", "q", "non-finite", "posture must be finite");
    for (const auto* neighbour : {&input.q_previous, &input.q_next})
        if (*neighbour && ((*neighbour)->size() != input.q.size() || !(*neighbour)->allFinite()))
            throw InputError("posture", "neighbouring frame", "", "must be finite and of the same size");
    for (const ExternalLoad& l : input.loads)
        if (!l.force.allFinite() || l.segment < 0 || l.segment >= static_cast<int>(model.segments.size()))
            throw InputError("load", l.label, "", "force must be finite and applied to a model segment");
    for (const Contact& c : input.contacts)
        if (!c.normal.allFinite() || c.segment < 0 || c.segment >= static_cast<int>(model.segments.size()) ||
            !std::isfinite(c.friction) || c.friction < 0)
            throw InputError("contact", c.label, "", "contact must have a finite normal, friction >= 0 and a model segment");
    if (!std::isfinite(input.held_mass_kg) || input.held_mass_kg < 0)
        throw InputError("load", "held_mass_kg", number_text(input.held_mass_kg), "must be finite and >= 0");
}

// The muscles at their upper bound in the closest solution of an infeasible frame, counted per family (per group for
// the hip muscles, whose family "hip" would hide gluteals vs hamstrings): "; at maximal force: erector_spinae 62/76,
// hamstrings 2/6". The named row is only where the closest point leaves its residual; this says what limits it.
std::string saturated_muscles(const Model& model, const Eigen::VectorXd& active, const Eigen::VectorXd& upper) {
    std::vector<std::pair<std::string, std::pair<int, int>>> counts;  // name -> (at bound, total), first-seen order
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        const Muscle& m = model.muscles[i];
        const std::string& name = m.family == "hip" ? m.group : m.family;
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == name; });
        if (it == counts.end()) it = counts.insert(counts.end(), {name, {0, 0}});
        const auto k = static_cast<Eigen::Index>(i);
        ++it->second.second;
        if (upper[k] > 0 && active[k] >= (1.0 - 1e-3) * upper[k]) ++it->second.first;
    }
    std::ostringstream out;
    const char* separator = "; at maximal force: ";
    for (const auto& [name, n] : counts) {
        if (n.first == 0) continue;
        out << separator << name << " " << n.first << "/" << n.second;
        separator = ", ";
    }
    return out.str();
}

// The residual b - A x of the closest achievable point (least squares over the solver's scaled rows) as a message:
// its largest row (solution.infeasible_row) and the other rows that carry at least a quarter of it (scaled), up to
// three, largest first. The residual of an infeasible per-level frame is spread over several levels with alternating
// signs (e.g. L5/S1 +1.37, L4/L5 -1.52, ..., L1/L2 +1.53 N·m on the bench leg raise's first frame): naming one row
// alone would hide that the levels cannot be balanced together. Three significant digits: a message, not a dataset.
std::string shortfall(const SharingProblem& p, const SharingSolution& solution) {
    const auto name = [&](Eigen::Index k) {
        return p.row_names.empty() ? "row " + std::to_string(k) : p.row_names[static_cast<std::size_t>(k)];
    };
    const auto amount = [&](Eigen::Index k, double value) {
        std::ostringstream out;
        out << std::setprecision(3) << value << (name(k).find("force") != std::string::npos ? " N" : " N·m");
        return out.str();
    };
    const Eigen::VectorXd missing = p.b - p.A * solution.x;
    // rows on the solver's common scale (scaled_problem.hpp: 1 / row norm in stress units), so N·m and N compare
    Eigen::VectorXd var_scale = p.size;
    for (Eigen::Index i = 0; i < var_scale.size(); ++i)
        if (p.kind[static_cast<std::size_t>(i)] == VariableKind::Muscle) var_scale[i] *= p.reference_stress;
    Eigen::VectorXd scaled(missing.size());
    for (Eigen::Index k = 0; k < missing.size(); ++k) {
        const double norm = p.A.row(k).cwiseProduct(var_scale.transpose()).norm();
        scaled[k] = std::abs(missing[k]) / (norm > 0 ? norm : 1.0);
    }
    Eigen::Index worst = 0;
    const double largest = scaled.maxCoeff(&worst);
    std::vector<Eigen::Index> others;
    for (Eigen::Index k = 0; k < missing.size(); ++k)
        if (k != worst && largest > 0 && scaled[k] >= 0.25 * largest) others.push_back(k);
    std::sort(others.begin(), others.end(), [&](Eigen::Index a, Eigen::Index b) { return scaled[a] > scaled[b]; });
    std::string out = "the closest balance they reach leaves " + name(worst) + " short by " + amount(worst, missing[worst]);
    for (std::size_t j = 0; j < others.size() && j < 3; ++j)
        out += (j == 0 ? " (also " : ", ") + name(others[j]) + " " + amount(others[j], missing[others[j]]);
    if (!others.empty()) out += others.size() > 3 ? ", ...)" : ")";
    return out;
}

}  // namespace

FrameResult analyse_frame(const Model& model, Workspace& ws, const FrameInput& input, const AnalysisOptions& options,
                          const WarmStart* warm_start) {
    detail::validate_frame_input(model, input, options);
    const detail::FrameProblem frame = detail::prepare_frame(model, ws, input, options.lumbar_balance);
    const detail::AppliedLoads& applied = frame.applied;
    const std::vector<Vec3>& tissue = frame.tissue_moment;
    const Eigen::VectorXd& passive = frame.passive_force;
    const detail::AssembledProblem& assembled = frame.assembled;
    const SharingSolution solution = solve_sharing(assembled.problem, options.solver, warm_start);

    FrameResult r;
    r.status = solution.status;
    r.equality_residual = solution.equality_residual;
    r.optimality_residual = solution.optimality_residual;
    r.objective = solution.objective;
    r.iterations = solution.iterations;
    r.multipliers = solution.multipliers;
    const int nm = assembled.muscle_count;
    r.max_stress = solution.max_stress;
    if (!assembled.actuated_joints.empty()) {  // costed arm actuators are Muscle-kind variables: report muscles only
        r.max_stress = 0.0;
        for (int i = 0; i < nm; ++i) r.max_stress = std::max(r.max_stress, solution.x[i] / assembled.problem.size[i]);
    }
    r.muscle_active_force = solution.x.head(nm);
    r.muscle_passive_force = passive;
    r.muscle_force = r.muscle_active_force + passive;
    r.warning = path_validity_warning(model, input.q, r.muscle_force);
    if (solution.status == SolveStatus::Infeasible) {
        r.message = "the muscles cannot hold this load: " + shortfall(assembled.problem, solution) +
                    saturated_muscles(model, r.muscle_active_force, assembled.problem.upper.head(nm));
    } else if (solution.status == SolveStatus::IterationLimit) {
        r.message = "muscle sharing did not converge within the iteration limit";
    }

    int col = nm;
    for (std::size_t c = 0; c < assembled.contact_basis.size(); ++c) {
        Vec3 f = Vec3::Zero();
        for (const Vec3& g : assembled.contact_basis[c].generators) f += solution.x[col++] * g;
        r.contact_force.push_back(f);
    }

    // Level variables: deviations from the rhythm (and the change of passive moment they carry) or the moments of the
    // rhythm coupler; either acts on the superior vertebra as a pure moment.
    const bool coupled = assembled.balance == LumbarBalance::RhythmCoupled;
    std::vector<Vec3> deviation_moment(model.joints.size(), Vec3::Zero());
    for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l) {
        const Vec3 v = solution.x.segment<3>(assembled.deviation_column + 3 * static_cast<Eigen::Index>(l));
        r.rhythm_deviation.push_back(coupled ? Vec3::Zero() : v);
        r.coupling_moment.push_back(coupled ? v : Vec3::Zero());
        deviation_moment[model.lumbar_levels[l].joint] = assembled.deviation_moment[l] * v;
    }

    // Joint reactions: the force on each child subtree from its parent balances everything else acting on it.
    r.joint_reaction.assign(model.joints.size(), Vec3::Zero());
    r.actuator_moment.assign(model.joints.size(), Vec3::Zero());
    for (std::size_t j = 0; j < model.joints.size(); ++j) {
        Vec3 force = applied.on_subtree[j].force + frame.tissue_force[j];
        Vec3 moment = applied.on_subtree[j].moment + tissue[j] + deviation_moment[j];
        force += ws.muscle_direction.block(3 * j, 0, 3, nm) * r.muscle_force;
        moment += ws.muscle_moment.block(3 * j, 0, 3, nm) * r.muscle_force;
        for (std::size_t c = 0; c < input.contacts.size(); ++c)
            if (model.subtree[j][input.contacts[c].segment]) {
                force += r.contact_force[c];
                moment += (assembled.contact_points[c] - ws.joint_centre[j]).cross(r.contact_force[c]);
            }
        r.joint_reaction[j] = -force;
        if (!model.joints[j].muscle_balanced && model.joints[j].type != JointType::Free) r.actuator_moment[j] = -moment;
    }

    for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l) {
        const LumbarLevel& level = model.lumbar_levels[l];
        const Joint& joint = model.joints[level.joint];
        const Mat3 inferior = ws.pose[joint.parent].linear();
        const Vec3 normal = inferior * Vec3(std::sin(level.normal_tilt), std::cos(level.normal_tilt), 0.0);
        const Vec3 anterior = inferior * Vec3(std::cos(level.normal_tilt), -std::sin(level.normal_tilt), 0.0);
        const Vec3 right = inferior * Vec3::UnitZ();
        const Vec3& reaction = r.joint_reaction[level.joint];
        LevelLoad load;
        load.compression = reaction.dot(normal);
        load.shear_ap = -reaction.dot(anterior);
        load.shear_lateral = -reaction.dot(right);
        const Vec3 flexion_axis = ws.joint_axes[level.joint].col(0);  // positive flexion direction
        const int nl = static_cast<int>(model.ligaments.size());
        if (nl > 0) {
            const Eigen::VectorXd& t = frame.ligament_tension;
            load.ligament_flexion_moment = -flexion_axis.dot(ws.ligament_moment.block(3 * level.joint, 0, 3, nl) * t);
            for (int i = 0; i < nl; ++i)
                if (model.ligaments[i].level == static_cast<int>(l)) load.ligament_force += t[i];
            const Vec3 pull = ws.ligament_direction.block(3 * level.joint, 0, 3, nl) * t;  // on the superior side
            load.ligament_compression = -pull.dot(normal);
            load.ligament_shear_ap = pull.dot(anterior);
        }
        load.tissue_flexion_moment = detail::disc_resistance(model, ws.q, level.joint).x() + load.ligament_flexion_moment +
                                     detail::motion_segment_stiffness(model, ws.q, level.joint).x() *
                                         r.rhythm_deviation[l].x();
        load.flexion_deviation = r.rhythm_deviation[l].x();
        load.coupling_flexion_moment = r.coupling_moment[l].x();
        load.passive_muscle_flexion_moment =
            -flexion_axis.dot(ws.muscle_moment.block(3 * level.joint, 0, 3, nm) * passive);
        load.external_flexion_moment = flexion_axis.dot(applied.on_subtree[level.joint].moment);
        for (std::size_t c = 0; c < input.contacts.size(); ++c)
            if (model.subtree[level.joint][input.contacts[c].segment])
                load.contact_flexion_moment +=
                    flexion_axis.dot((assembled.contact_points[c] - ws.joint_centre[level.joint]).cross(r.contact_force[c]));
        load.intradiscal_pressure = load.compression / (model.idp_correction_factor * level.disc_area);
        r.levels.push_back(load);
    }
    return r;
}

namespace detail {
void validate_frame_input(const Model& model, const FrameInput& input, const AnalysisOptions& options) {
    validate_input(model, input, options.check_range_of_motion);
}
}  // namespace detail

std::string path_validity_warning(const Model& model, const Posture& q, const Eigen::VectorXd& muscle_force) {
    constexpr double kDeg = 180.0 / 3.14159265358979323846;
    struct Group {
        int coordinate = -1;
        double bound = 0.0;  // rad, the limit the posture is beyond
        bool above = false;
        std::string muscles;
        double force = 0.0;
    };
    std::vector<Group> groups;  // in muscle order of first appearance
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        const Muscle& m = model.muscles[i];
        if (m.path_valid(q)) continue;
        const double f = muscle_force[static_cast<Eigen::Index>(i)];
        if (!(f > 0.01 * m.max_force)) continue;
        const bool above = q[m.validity_coordinate] > m.validity_max;
        const double bound = above ? m.validity_max : m.validity_min;
        auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) {
            return x.coordinate == m.validity_coordinate && x.above == above && x.bound == bound;
        });
        if (g == groups.end()) g = groups.insert(groups.end(), Group{m.validity_coordinate, bound, above, "", 0.0});
        g->muscles += (g->muscles.empty() ? "" : ", ") + m.name;
        g->force += f;
    }
    std::ostringstream out;
    out << std::fixed << std::setprecision(0);
    for (const Group& g : groups) {
        if (out.tellp() > 0) out << "; ";
        out << g.muscles << " used outside their path validity (" << model.coordinates[g.coordinate].name << ' '
            << q[g.coordinate] * kDeg << " deg " << (g.above ? "> " : "< ") << g.bound * kDeg << " deg): " << g.force
            << " N";
    }
    return out.str();
}

std::vector<std::string> muscle_families() {
    return {"erector_spinae", "multifidus", "quadratus_lumborum", "psoas", "abdominals", "latissimus_dorsi", "iliacus", "hip"};
}

double family_force(const Model& model, const Eigen::VectorXd& muscle_force, const std::string& family) {
    bool known = false;
    for (const auto& f : muscle_families()) known = known || f == family;
    if (!known) throw InputError("query", "muscle group", family,
                                 "unknown muscle group" + did_you_mean(family, muscle_families()));
    double sum = 0;
    for (std::size_t i = 0; i < model.muscles.size(); ++i)
        if (model.muscles[i].family == family) sum += muscle_force[i];
    return sum;
}

}  // namespace spinesim
