// seamid: validation and planning rules for Seam user identities. Include this for everything.
#pragma once

#include "seamid/batch.hpp"
#include "seamid/csv.hpp"
#include "seamid/email.hpp"
#include "seamid/identity_request.hpp"
#include "seamid/issue.hpp"
#include "seamid/json_input.hpp"
#include "seamid/options.hpp"
#include "seamid/phone.hpp"
#include "seamid/text_fields.hpp"
#include "seamid/unicode.hpp"
#include "seamid/uniqueness.hpp"
#include "seamid/uuid.hpp"
#include "seamid/version.hpp"
#include "seamid/workspace_index.hpp"
