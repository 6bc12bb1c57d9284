// `spinesim info`: what the model contains for a subject.
#include "commands.hpp"
#include "subject_options.hpp"

#include "spinesim/model_loader.hpp"

#include <cstdio>
#include <map>
#include <memory>

namespace spinesim::cli {

void register_info(CLI::App& app) {
    auto options = std::make_shared<SubjectOptions>();
    CLI::App* cmd = app.add_subcommand("info", "list the model's segments, joints and muscles with totals");
    options->add_to(*cmd);
    cmd->callback([options] {
        const Model model = load_model(options->subject());
        std::printf("spinesim model for a %.1f kg, %.2f m %s, strength x%.3g (data: %s)\n\n", model.subject.body_mass_kg,
                    model.subject.height_m, to_string(model.subject.sex).c_str(), model.subject.strength_scale,
                    model.data_dir.c_str());
        std::printf("Segments (%zu), total mass %.2f kg\n", model.segments.size(), model.total_mass());
        for (const Segment& s : model.segments) std::printf("  %-14s %7.3f kg\n", s.name.c_str(), s.mass);
        std::printf("\nJoints (%zu), coordinates %d\n", model.joints.size(), model.coordinate_count());
        const char* types[] = {"free", "ball", "hinge", "weld"};
        for (const Joint& j : model.joints)
            std::printf("  %-14s %-6s %s\n", j.name.c_str(), types[static_cast<int>(j.type)],
                        j.muscle_balanced ? "balanced by muscles" : (j.type == JointType::Free || j.type == JointType::Weld ? "" : "ideal actuator"));
        std::map<std::string, std::pair<int, double>> families;
        for (const Muscle& m : model.muscles) {
            families[m.family].first += 1;
            families[m.family].second += m.max_force;
        }
        std::printf("\nMuscles (%zu fascicles, both sides), specific tension %.0f N/cm^2 x strength %.3g\n",
                    model.muscles.size(), model.specific_tension * 1e-4, model.subject.strength_scale);
        for (const auto& [family, v] : families)
            std::printf("  %-20s %4d fascicles  total max force %8.0f N\n", family.c_str(), v.first, v.second);
        if (!model.wrap_cylinders.empty()) {
            std::printf("\nWrapping cylinders (%zu)\n", model.wrap_cylinders.size());
            for (std::size_t c = 0; c < model.wrap_cylinders.size(); ++c) {
                const WrapCylinder& w = model.wrap_cylinders[c];
                std::string users;
                for (const Muscle& m : model.muscles)
                    if (m.wrap == static_cast<int>(c)) users += (users.empty() ? "" : " ") + m.name;
                const char* quadrant[2][2] = {{"-x", "+x"}, {"-y", "+y"}};
                std::printf("  %-20s on %-8s radius %5.1f mm  quadrant %-3s  %s\n", w.name.c_str(),
                            model.segments[w.segment].name.c_str(), w.radius * 1e3,
                            w.quadrant_axis < 0 ? "all" : quadrant[w.quadrant_axis][w.quadrant_sign > 0],
                            users.c_str());
            }
        }
        std::printf("\nLumbar levels: ");
        for (const LumbarLevel& l : model.lumbar_levels) std::printf("%s (disc %.0f mm^2)  ", l.name.c_str(), l.disc_area * 1e6);
        std::printf("\n");
    });
}

}  // namespace spinesim::cli
