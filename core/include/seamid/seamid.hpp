// seamid: validation and planning rules for Seam user identities. Include this for everything.
// The folders are the domains: common/ (issues, options, ids, text), json/ (reading JSON), validation/ (one
// field or request), workspace/ (uniqueness and bulk imports), acs/ (ACS-user links), deletion/ (planning and
// tracking a deletion); detail/ holds internals and generated tables.
#pragma once

#include "seamid/common/ascii.hpp"
#include "seamid/common/codes.hpp"
#include "seamid/common/issue.hpp"
#include "seamid/common/options.hpp"
#include "seamid/common/unicode.hpp"
#include "seamid/common/uuid.hpp"
#include "seamid/common/version.hpp"

#include "seamid/json/dom.hpp"
#include "seamid/json/reader.hpp"
#include "seamid/json/writer.hpp"

#include "seamid/validation/email.hpp"
#include "seamid/validation/identity_request.hpp"
#include "seamid/validation/phone.hpp"
#include "seamid/validation/text_fields.hpp"

#include "seamid/workspace/batch.hpp"
#include "seamid/workspace/batch_candidates.hpp"
#include "seamid/workspace/csv.hpp"
#include "seamid/workspace/index.hpp"
#include "seamid/workspace/uniqueness.hpp"

#include "seamid/acs/audit.hpp"
#include "seamid/acs/codes.hpp"
#include "seamid/acs/contacts.hpp"
#include "seamid/acs/lists.hpp"
#include "seamid/acs/model.hpp"
#include "seamid/acs/records.hpp"
#include "seamid/acs/snapshot_reader.hpp"
#include "seamid/acs/preflight.hpp"

#include "seamid/deletion/plan.hpp"
#include "seamid/deletion/progress.hpp"
#include "seamid/deletion/render.hpp"
#include "seamid/deletion/snapshot.hpp"
