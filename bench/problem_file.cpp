#include "problem_file.hpp"

#include <cstdint>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace spinesim::bench {

namespace {

template <typename T>
void put(std::ofstream& f, T value) {
    f.write(reinterpret_cast<const char*>(&value), sizeof(T));
}

void put_vector(std::ofstream& f, const Eigen::VectorXd& v) {
    for (Eigen::Index i = 0; i < v.size(); ++i) put<double>(f, v[i]);
}

}  // namespace

void write_problem_file(const std::string& path, const std::vector<SharingProblem>& problems,
                        const std::vector<ObjectiveTriple>& objectives) {
    std::ofstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot write " + path);
    f.write("SPSHARE1", 8);
    put<std::uint32_t>(f, static_cast<std::uint32_t>(problems.size()));
    for (std::size_t k = 0; k < problems.size(); ++k) {
        const SharingProblem& p = problems[k];
        put<std::uint32_t>(f, static_cast<std::uint32_t>(p.A.cols()));
        put<std::uint32_t>(f, static_cast<std::uint32_t>(p.A.rows()));
        put<double>(f, p.reference_stress);
        put<double>(f, p.contact_regularisation);
        put<double>(f, p.minmax_quadratic_weight);
        for (Eigen::Index r = 0; r < p.A.rows(); ++r)
            for (Eigen::Index c = 0; c < p.A.cols(); ++c) put<double>(f, p.A(r, c));
        put_vector(f, p.b);
        put_vector(f, p.lower);
        put_vector(f, p.upper);
        put_vector(f, p.size);
        for (VariableKind kind : p.kind) put<std::uint8_t>(f, kind == VariableKind::Muscle ? 0 : 1);
        for (int c = 0; c < 3; ++c)
            put<double>(f, k < objectives.size() ? objectives[k][c] : std::numeric_limits<double>::quiet_NaN());
    }
    if (!f) throw std::runtime_error("error while writing " + path);
}

}  // namespace spinesim::bench
