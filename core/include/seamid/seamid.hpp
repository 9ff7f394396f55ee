// seamid: validation and planning rules for Seam user identities. Include this for everything.
#pragma once

#include "seamid/email.hpp"
#include "seamid/identity_request.hpp"
#include "seamid/acs_audit.hpp"
#include "seamid/acs_codes.hpp"
#include "seamid/acs_model.hpp"
#include "seamid/acs_preflight.hpp"
#include "seamid/issue.hpp"
#include "seamid/json_input.hpp"
#include "seamid/options.hpp"
#include "seamid/phone.hpp"
#include "seamid/text_fields.hpp"
#include "seamid/unicode.hpp"
#include "seamid/uuid.hpp"
#include "seamid/version.hpp"
