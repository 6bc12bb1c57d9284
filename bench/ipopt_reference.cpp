#include "ipopt_reference.hpp"

#include "sharing/scaled_problem.hpp"

#include <IpIpoptApplication.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>

namespace spinesim::bench {

namespace {

using Ipopt::Index;
using Ipopt::Number;
using sharing::ScaledProblem;
using sharing::Term;

constexpr double kIpoptInf = 2e19;  // Ipopt treats |bound| >= 1e19 as infinite

// The scaled problem as an Ipopt NLP: variables (y, t), dense equality rows Ã y = b̃ and, for MinMax, the
// sparse rows y_i - t <= 0 of the capped muscles.
class SharingNlp : public Ipopt::TNLP {
public:
    explicit SharingNlp(const ScaledProblem& sp) : sp_(sp) {
        for (Eigen::Index i = 0; i < sp.cols(); ++i)
            if (sp.minmax && sp.capped[i]) capped_.push_back(static_cast<Index>(i));
    }

    Eigen::VectorXd y;
    double t = 0.0;
    double objective = 0.0;
    bool success = false;

    bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h, IndexStyleEnum& style) override {
        n = nvar();
        m = static_cast<Index>(sp_.rows() + capped_.size());
        nnz_jac = static_cast<Index>(sp_.rows() * sp_.cols() + 2 * capped_.size());
        nnz_h = static_cast<Index>(sp_.cols());
        style = C_STYLE;
        return true;
    }

    bool get_bounds_info(Index n, Number* xl, Number* xu, Index m, Number* gl, Number* gu) override {
        for (Eigen::Index i = 0; i < sp_.cols(); ++i) {
            xl[i] = sp_.lower[i];
            xu[i] = std::isfinite(sp_.upper[i]) ? sp_.upper[i] : kIpoptInf;
        }
        if (sp_.minmax) {
            xl[n - 1] = sp_.t_lower;
            xu[n - 1] = kIpoptInf;
        }
        for (Eigen::Index k = 0; k < sp_.rows(); ++k) gl[k] = gu[k] = sp_.b[k];
        for (Index k = static_cast<Index>(sp_.rows()); k < m; ++k) {
            gl[k] = -kIpoptInf;
            gu[k] = 0.0;
        }
        return true;
    }

    bool get_starting_point(Index n, bool, Number* x, bool, Number*, Number*, Index, bool, Number*) override {
        for (Eigen::Index i = 0; i < sp_.cols(); ++i) x[i] = sp_.lower[i];  // Ipopt pushes it inside the box
        if (sp_.minmax) x[n - 1] = sp_.t_lower + 1.0;
        return true;
    }

    bool eval_f(Index, const Number* x, bool, Number& f) override {
        f = sp_.minmax ? x[nvar() - 1] : 0.0;
        for (Eigen::Index i = 0; i < sp_.cols(); ++i)
            f += sp_.term[i] == Term::Cubic ? x[i] * x[i] * x[i] : sp_.weight[i] * x[i] * x[i];
        return true;
    }

    bool eval_grad_f(Index, const Number* x, bool, Number* g) override {
        for (Eigen::Index i = 0; i < sp_.cols(); ++i)
            g[i] = sp_.term[i] == Term::Cubic ? 3.0 * x[i] * x[i] : 2.0 * sp_.weight[i] * x[i];
        if (sp_.minmax) g[nvar() - 1] = 1.0;
        return true;
    }

    bool eval_g(Index, const Number* x, bool, Index, Number* g) override {
        Eigen::Map<Eigen::VectorXd>(g, sp_.rows()).noalias() =
            sp_.A * Eigen::Map<const Eigen::VectorXd>(x, sp_.cols());
        for (std::size_t j = 0; j < capped_.size(); ++j)
            g[sp_.rows() + static_cast<Eigen::Index>(j)] = x[capped_[j]] - x[nvar() - 1];
        return true;
    }

    bool eval_jac_g(Index, const Number*, bool, Index, Index, Index* row, Index* col, Number* v) override {
        Index e = 0;
        const Index m = static_cast<Index>(sp_.rows());
        for (Index k = 0; k < m; ++k)
            for (Index i = 0; i < static_cast<Index>(sp_.cols()); ++i, ++e) {
                if (v) v[e] = sp_.A(k, i);
                else row[e] = k, col[e] = i;
            }
        for (std::size_t j = 0; j < capped_.size(); ++j) {
            const Index r = m + static_cast<Index>(j);
            if (v) v[e] = 1.0, v[e + 1] = -1.0;
            else row[e] = r, col[e] = capped_[j], row[e + 1] = r, col[e + 1] = nvar() - 1;
            e += 2;
        }
        return true;
    }

    bool eval_h(Index, const Number* x, bool, Number sigma, Index, const Number*, bool, Index, Index* row,
                Index* col, Number* v) override {
        for (Index i = 0; i < static_cast<Index>(sp_.cols()); ++i) {
            if (v) v[i] = sigma * (sp_.term[i] == Term::Cubic ? 6.0 * x[i] : 2.0 * sp_.weight[i]);
            else row[i] = col[i] = i;
        }
        return true;
    }

    void finalize_solution(Ipopt::SolverReturn status, Index n, const Number* x, const Number*, const Number*,
                           Index, const Number*, const Number*, Number f, const Ipopt::IpoptData*,
                           Ipopt::IpoptCalculatedQuantities*) override {
        success = status == Ipopt::SUCCESS;
        y = Eigen::Map<const Eigen::VectorXd>(x, sp_.cols());
        t = sp_.minmax ? x[n - 1] : 0.0;
        objective = f;
    }

private:
    Index nvar() const { return static_cast<Index>(sp_.cols() + (sp_.minmax ? 1 : 0)); }
    const ScaledProblem& sp_;
    std::vector<Index> capped_;
};

}  // namespace

struct IpoptReference::Impl {
    Ipopt::SmartPtr<Ipopt::IpoptApplication> app;
};

IpoptReference::IpoptReference(double tolerance) : impl_(std::make_unique<Impl>()) {
    impl_->app = IpoptApplicationFactory();
    auto options = impl_->app->Options();
    options->SetNumericValue("tol", tolerance);
    options->SetIntegerValue("print_level", 0);
    options->SetStringValue("sb", "yes");
    options->SetStringValue("hessian_approximation", "exact");
    options->SetStringValue("nlp_scaling_method", "none");  // the problem is already scaled (rows, variables)
    options->SetNumericValue("bound_relax_factor", 0.0);    // keep bounds exact, as spinesim does
    options->SetIntegerValue("max_iter", 3000);
    impl_->app->Initialize();
}

IpoptReference::~IpoptReference() = default;

IpoptResult IpoptReference::solve(const SharingProblem& problem, Criterion criterion) {
    ScaledProblem sp = sharing::make_scaled_problem(problem, criterion);
    // Linearly dependent equilibrium rows (the 21 bench_leg_raise frames have rank 28 of 30) make Ipopt's KKT system
    // singular: it then fails or stops at a worse point (up to 76 % above the optimum). Ipopt gets an orthonormal
    // basis of the row space (U_r^T Ã y = U_r^T b̃, singular values above 1e-10 of the largest: the same solution set),
    // as bench/scipy_slsqp.py gives SLSQP; spinesim's solver takes the rows as they are. Timed with the solve (the SVD
    // of a 30 x 321 matrix is ~0.1 % of an Ipopt solve).
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(sp.A, Eigen::ComputeThinU);
    const Eigen::VectorXd& singular = svd.singularValues();
    Eigen::Index rank = 0;
    while (rank < singular.size() && singular[rank] > 1e-10 * singular[0]) ++rank;
    const Eigen::MatrixXd basis = svd.matrixU().leftCols(rank);
    sp.A = basis.transpose() * sp.A;
    sp.b = basis.transpose() * sp.b;
    Ipopt::SmartPtr<SharingNlp> nlp = new SharingNlp(sp);
    const Ipopt::ApplicationReturnStatus status = impl_->app->OptimizeTNLP(Ipopt::SmartPtr<Ipopt::TNLP>(nlp));
    IpoptResult result;
    result.success = nlp->success && (status == Ipopt::Solve_Succeeded || status == Ipopt::Solved_To_Acceptable_Level);
    result.x = sp.var_scale.cwiseProduct(nlp->y);
    result.objective = nlp->objective;
    auto stats = impl_->app->Statistics();
    if (IsValid(stats)) result.iterations = stats->IterationCount();
    return result;
}

}  // namespace spinesim::bench
