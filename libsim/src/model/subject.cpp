#include "spinesim/subject.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"

#include <cmath>

namespace spinesim {

void validate_subject(const Subject& subject, const std::string& origin) {
    if (!std::isfinite(subject.body_mass_kg) || subject.body_mass_kg < 20.0 || subject.body_mass_kg > 300.0)
        throw InputError(origin, "body_mass_kg", number_text(subject.body_mass_kg), "must be a finite mass between 20 and 300 kg");
    if (!std::isfinite(subject.height_m) || subject.height_m < 1.0 || subject.height_m > 2.5)
        throw InputError(origin, "height_m", number_text(subject.height_m), "must be a finite height between 1.0 and 2.5 m");
    if (!std::isfinite(subject.strength_scale) || subject.strength_scale < 0.2 || subject.strength_scale > 5.0)
        throw InputError(origin, "strength_scale", number_text(subject.strength_scale),
                         "must be a finite factor between 0.2 and 5 (1 = the model's mean male strength)");
}

Sex parse_sex(const std::string& text, const std::string& origin) {
    if (text == "male" || text == "m" || text == "M") return Sex::Male;
    if (text == "female" || text == "f" || text == "F") return Sex::Female;
    throw InputError(origin, "sex", text, "must be 'male' or 'female'");
}

std::string to_string(Sex sex) { return sex == Sex::Male ? "male" : "female"; }

}  // namespace spinesim
