// The person being simulated.
#pragma once

#include <string>

namespace spinesim {

enum class Sex { Male, Female };

struct Subject {
    double body_mass_kg = 75.0;
    double height_m = 1.78;
    Sex sex = Sex::Male;
    // Multiplies every muscle's maximal isometric force (dimensionless). 1.0 = the model's mean male strength
    // (meant as the mean male of Chaffin, Andersson & Martin 1999; docs/model.md); > 1 for a trained subject.
    double strength_scale = 1.0;
};

// Throws InputError naming `origin` if mass/height/strength are not finite and plausible (20-300 kg, 1.0-2.5 m,
// strength_scale 0.2-5).
void validate_subject(const Subject& subject, const std::string& origin = "subject");

Sex parse_sex(const std::string& text, const std::string& origin = "subject");
std::string to_string(Sex sex);

}  // namespace spinesim
