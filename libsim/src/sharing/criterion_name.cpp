// Names of the sharing criteria, as written in scenario files, results files and on the command line.
#include "spinesim/sharing_problem.hpp"

#include <stdexcept>

namespace spinesim {

std::string criterion_name(Criterion criterion) {
    switch (criterion) {
        case Criterion::SumStressSquared: return "stress2";
        case Criterion::SumStressCubed: return "stress3";
        case Criterion::MinMaxStress: return "minmax";
    }
    return "stress2";
}

Criterion parse_criterion_name(const std::string& text) {
    if (text == "stress2") return Criterion::SumStressSquared;
    if (text == "stress3") return Criterion::SumStressCubed;
    if (text == "minmax") return Criterion::MinMaxStress;
    throw std::invalid_argument("criterion must be stress2, stress3 or minmax");
}

}  // namespace spinesim
