#include "commands.hpp"

#include "spinesim/error.hpp"

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"spinesim: lumbar spine loads and muscle forces for exercises and lifts"};
    app.require_subcommand(1);
    spinesim::cli::register_info(app);
    spinesim::cli::register_evaluate(app);
    spinesim::cli::register_list(app);
    spinesim::cli::register_run(app);
    spinesim::cli::register_batch(app);
    spinesim::cli::register_compare(app);
    spinesim::cli::register_summary(app);
    spinesim::cli::register_validate(app);
    spinesim::cli::register_plot(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const spinesim::InputError& e) {
        std::cerr << "spinesim: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "spinesim: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
