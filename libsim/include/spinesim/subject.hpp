// The person being simulated.
#pragma once

#include <string>

namespace spinesim {

enum class Sex { Male, Female };

struct Subject {
    double body_mass_kg = 75.0;
    double height_m = 1.78;
    Sex sex = Sex::Male;
};

// Throws InputError naming `origin` if mass/height are not finite and plausible (20-300 kg, 1.0-2.5 m).
void validate_subject(const Subject& subject, const std::string& origin = "subject");

Sex parse_sex(const std::string& text, const std::string& origin = "subject");
std::string to_string(Sex sex);

}  // namespace spinesim
