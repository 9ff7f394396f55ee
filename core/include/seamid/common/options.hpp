// Validation options shared by every check: the profile that decides how strict plausibility rules are.
#pragma once

namespace seamid {

/// standard: plausibility findings are warnings. strict: they become errors. Anything Seam itself
/// rejects is an error in both profiles; no profile is weaker than Seam.
enum class profile : unsigned char { standard, strict };

/// Options of a validation call.
struct validation_options {
    profile rules = profile::standard;
};

}  // namespace seamid
