#include "spinesim/lumbar_balance.hpp"

#include <stdexcept>

namespace spinesim {

std::string lumbar_balance_name(LumbarBalance balance) {
    return balance == LumbarBalance::RhythmCoupled ? "coupled" : "per_level";
}

LumbarBalance parse_lumbar_balance(const std::string& text) {
    if (text == "per_level") return LumbarBalance::PerLevel;
    if (text == "coupled") return LumbarBalance::RhythmCoupled;
    throw std::invalid_argument("must be \"per_level\" or \"coupled\"");
}

}  // namespace spinesim
