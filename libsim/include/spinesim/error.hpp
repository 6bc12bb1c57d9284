// Errors at the boundary (files, names, user input). Numerical infeasibility is a result, not an exception.
#pragma once

#include <stdexcept>
#include <string>

namespace spinesim {

// An input error that names where it happened: the file (or "argument"/"python"), the field and the offending value.
class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string field, std::string value, const std::string& problem)
        : std::runtime_error(compose(file, field, value, problem)),
          file_(std::move(file)), field_(std::move(field)), value_(std::move(value)) {}

    const std::string& file() const { return file_; }
    const std::string& field() const { return field_; }
    const std::string& value() const { return value_; }

private:
    static std::string compose(const std::string& file, const std::string& field, const std::string& value,
                               const std::string& problem) {
        std::string s = file;
        if (!field.empty()) s += ": field '" + field + "'";
        if (!value.empty()) s += " = '" + value + "'";
        return s + ": " + problem;
    }
    std::string file_, field_, value_;
};

}  // namespace spinesim
