// Subject options shared by the sub-commands (--mass, --height, --sex, --strength).
#pragma once

#include "spinesim/subject.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace spinesim::cli {

struct SubjectOptions {
    double mass_kg = 75.0;
    double height_m = 1.78;
    std::string sex = "male";
    double strength_scale = 1.0;

    void add_to(CLI::App& command) {
        command.add_option("--mass", mass_kg, "body mass, kg")->capture_default_str();
        command.add_option("--height", height_m, "body height, m")->capture_default_str();
        command.add_option("--sex", sex, "male or female")->capture_default_str();
        command.add_option("--strength", strength_scale, "muscle strength factor x max force, 1 = mean male")
            ->capture_default_str();
    }
    Subject subject() const {
        Subject s{mass_kg, height_m, parse_sex(sex, "argument --sex"), strength_scale};
        validate_subject(s, "arguments");
        return s;
    }
};

}  // namespace spinesim::cli
