// The tiny expression language of scenario values: a number, a parameter reference "$name", or a product of the
// two ("$name * 60", "60 * $name"). Nothing else, on purpose: scenario files stay readable and checkable.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace spinesim::detail {

// Evaluates `text`; on failure returns nullopt and sets `problem` (unknown parameter, malformed term).
std::optional<double> evaluate_expression(const std::string& text, const std::map<std::string, double>& parameters,
                                          std::string& problem);

}  // namespace spinesim::detail
