// seamid: validation and planning rules for Seam user identities. Include this for everything.
#pragma once

#include "seamid/deletion_plan.hpp"
#include "seamid/deletion_progress.hpp"
#include "seamid/deletion_render.hpp"
#include "seamid/deletion_snapshot.hpp"
#include "seamid/issue.hpp"
#include "seamid/json_input.hpp"
#include "seamid/options.hpp"
#include "seamid/phone.hpp"
#include "seamid/unicode.hpp"
#include "seamid/uuid.hpp"
#include "seamid/version.hpp"
