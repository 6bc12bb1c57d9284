#include "scenario/value_expression.hpp"

#include "spinesim/name_suggestions.hpp"

#include <cctype>
#include <cstdlib>
#include <vector>

namespace spinesim::detail {

namespace {

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

// One factor: "$name" or a number.
std::optional<double> factor(const std::string& raw, const std::map<std::string, double>& parameters,
                             std::string& problem, bool& is_parameter) {
    const std::string t = trim(raw);
    is_parameter = !t.empty() && t[0] == '$';
    if (is_parameter) {
        const auto it = parameters.find(t.substr(1));
        if (it == parameters.end()) {
            std::vector<std::string> known;
            for (const auto& [name, value] : parameters) known.push_back(name);
            problem = "unknown parameter '" + t.substr(1) + "' (define it in [parameters])" + did_you_mean(t.substr(1), known);
            return std::nullopt;
        }
        return it->second;
    }
    if (t.empty()) {
        problem = "empty term in expression";
        return std::nullopt;
    }
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    // decimal only: strtod alone also reads hexadecimal ("0x4e" = 78)
    const bool decimal = t.find_first_not_of("0123456789+-.eE") == std::string::npos;
    if (end != t.c_str() + t.size() || !decimal) {
        problem = "'" + t + "' is neither a number nor a $parameter (allowed: number, $p, $p * number, number * $p)";
        return std::nullopt;
    }
    return v;
}

}  // namespace

std::optional<double> evaluate_expression(const std::string& text, const std::map<std::string, double>& parameters,
                                          std::string& problem) {
    std::vector<std::string> terms;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == '*') {
            terms.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    if (terms.size() > 2) {
        problem = "too many factors (allowed: number, $p, $p * number, number * $p)";
        return std::nullopt;
    }
    double result = 1.0;
    int parameter_count = 0;
    for (const std::string& term : terms) {
        bool is_parameter = false;
        const auto v = factor(term, parameters, problem, is_parameter);
        if (!v) return std::nullopt;
        parameter_count += is_parameter ? 1 : 0;
        result *= *v;
    }
    if (parameter_count > 1) {
        problem = "a product of two parameters is not allowed (allowed: $p * number)";
        return std::nullopt;
    }
    return result;
}

}  // namespace spinesim::detail
