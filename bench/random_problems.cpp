#include "random_problems.hpp"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace spinesim::bench {

SharingProblem make_random_problem(std::uint64_t seed, const RandomProblemShape& shape) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * u01(rng); };
    auto sign = [&]() { return u01(rng) < 0.5 ? -1.0 : 1.0; };

    const int J = shape.joints;
    const int n_contacts = J * shape.contacts_per_joint;
    const int n = shape.muscles + n_contacts;
    const int m = 6 * J;
    const char* axis = "xyz";

    SharingProblem p;
    p.A = Eigen::MatrixXd::Zero(m, n);
    p.lower = Eigen::VectorXd::Zero(n);
    p.upper.resize(n);
    p.size.resize(n);
    for (int j = 0; j < J; ++j) {
        const std::string joint = "L" + std::to_string(j + 1) + (j + 1 < 5 ? "/L" + std::to_string(j + 2) : "/S1");
        for (int a = 0; a < 3; ++a) p.row_names.push_back(joint + " moment about " + axis[a]);
        for (int a = 0; a < 3; ++a) p.row_names.push_back(joint + " force along " + axis[a]);
    }

    Eigen::VectorXd x0(n);
    for (int i = 0; i < shape.muscles; ++i) {
        // A muscle spans a run of consecutive joints; its (mostly vertical) line of action is the same at
        // every joint it crosses, its moment arms differ from joint to joint.
        const int first = static_cast<int>(u01(rng) * J);
        const int last = std::min(J - 1, first + static_cast<int>(u01(rng) * 3.0));
        Eigen::Vector3d dir(uniform(-0.4, 0.4), uniform(-0.4, 0.4), -1.0);  // pulls the upper body down
        dir.normalize();
        for (int j = first; j <= last; ++j) {
            for (int a = 0; a < 3; ++a) p.A(6 * j + a, i) = sign() * uniform(0.01, 0.08);
            for (int a = 0; a < 3; ++a) p.A(6 * j + 3 + a, i) = dir[a];
        }
        p.size[i] = uniform(0.5e-4, 20e-4);  // PCSA [m^2]
        p.upper[i] = p.size[i] * shape.max_stress;
        p.kind.push_back(VariableKind::Muscle);
        p.variable_names.push_back("muscle " + std::to_string(i));
        x0[i] = u01(rng) < 0.3 ? 0.0 : uniform(0.0, 0.4) * p.upper[i];
    }
    // Contact generators: a pyramid of compressive directions around the joint axis, applied slightly off
    // the joint centre (so they also carry small moments).
    const double tilt = 0.3;
    const Eigen::Vector3d dirs[5] = {{0, 0, 1}, {tilt, 0, 1}, {-tilt, 0, 1}, {0, tilt, 1}, {0, -tilt, 1}};
    for (int j = 0; j < J; ++j) {
        for (int g = 0; g < shape.contacts_per_joint; ++g) {
            const int i = shape.muscles + j * shape.contacts_per_joint + g;
            const Eigen::Vector3d d = dirs[g % 5].normalized();
            const Eigen::Vector3d offset(uniform(-0.01, 0.01), uniform(-0.01, 0.01), 0.0);
            const Eigen::Vector3d moment = offset.cross(d);
            for (int a = 0; a < 3; ++a) p.A(6 * j + a, i) = moment[a];
            for (int a = 0; a < 3; ++a) p.A(6 * j + 3 + a, i) = d[a];
            p.size[i] = 1000.0;  // reference force [N]
            p.upper[i] = std::numeric_limits<double>::infinity();
            p.kind.push_back(VariableKind::ContactGenerator);
            p.variable_names.push_back("contact " + std::to_string(j) + "." + std::to_string(g));
            x0[i] = uniform(100.0, 1500.0);
        }
    }
    p.b = p.A * x0;
    return p;
}

std::vector<SharingProblem> make_random_problems(int count, std::uint64_t seed, const RandomProblemShape& shape) {
    std::vector<SharingProblem> problems;
    problems.reserve(static_cast<std::size_t>(count));
    for (int k = 0; k < count; ++k) problems.push_back(make_random_problem(seed + 7919u * static_cast<std::uint64_t>(k), shape));
    return problems;
}

}  // namespace spinesim::bench
