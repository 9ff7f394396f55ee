// Renderings of a deletion plan: plain text for people, a bash script of curl calls, and a JavaScript module
// using @seamapi/http. Both scripts run wave by wave, wait for each wave's events by polling /events/list with
// a `since` and a time limit (never forever), and stop before a wave whose dependencies failed. They avoid the
// published samples' mistakes listed in docs/deletion.md (the samples of Seam's guide,
// https://docs.seam.co/latest/capability-guides/mobile-access-in-development/managing-mobile-app-user-accounts-with-user-identities).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seamid/common/cold.hpp"
#include "seamid/deletion/plan.hpp"
#include "seamid/common/version.hpp"

namespace seamid {

namespace detail {

/// "1 step" / "3 steps".
SEAMID_COLD inline std::string count_text(std::size_t count, std::string_view noun) {
    std::string out = std::to_string(count) + " " + std::string(noun);
    if (count != 1) out += 's';
    return out;
}

/// The request body of a step: {"<id_field>": "<id>"}.
SEAMID_COLD inline std::string step_body(const deletion_step& step) {
    std::string out = "{\"";
    out += kind_info(step.kind).id_field;
    out += "\": ";
    append_json_uuid(out, step.id);
    out += '}';
    return out;
}

/// Appends `text` with every line prefixed by `prefix` (for comments).
SEAMID_COLD inline void append_wrapped(std::string& out, std::string_view text, std::string_view prefix, std::size_t width = 100) {
    std::size_t line = 0;
    out += prefix;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        if (line > 0 && line + 1 + word.size() > width) {
            out += '\n';
            out += prefix;
            line = 0;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out += word;
        line += word.size();
        start = end + 1;
    }
    out += '\n';
}

/// Text of the issues of a plan that could not be made.
SEAMID_COLD inline std::string issues_text(const deletion_plan& plan) {
    std::string out = "No deletion plan: the snapshot does not add up.\n";
    for (const auto& found : plan.issues) {
        out += "  ";
        out += severity_name(found.level);
        out += " at ";
        append_json_path(out, found.path);
        out += ": ";
        out += found.code;
        out += ": ";
        out += found.message;
        out += '\n';
    }
    return out;
}

}  // namespace detail

/// The plan as plain text: header, notes, then each wave with its calls, dependencies and confirming events.
SEAMID_COLD [[nodiscard]] inline std::string deletion_plan_to_text(const deletion_plan& plan) {
    if (!plan.ok()) return detail::issues_text(plan);
    std::string out = "Deletion plan for user identity " + to_string(plan.user_identity_id);
    if (plan.has_workspace) out += " (workspace " + to_string(plan.workspace_id) + ")";
    out += "\nOrder: ";
    out += order_name(plan.options.order);
    out += ". Policy: ";
    out += policy_name(plan.options.policy);
    out += ". " + detail::count_text(plan.steps.size(), "step") + " in " + detail::count_text(plan.wave_count, "wave") + ".\n";
    for (const auto& note : plan.notes) detail::append_wrapped(out, note, "  ");
    for (const auto& found : plan.issues) {
        out += "  ";
        out += severity_name(found.level);
        out += ": " + found.code + ": " + found.message + "\n";
    }
    for (std::size_t s = 0; s < plan.steps.size();) {
        const std::uint32_t wave = plan.steps[s].wave;
        std::size_t end = s;
        while (end < plan.steps.size() && plan.steps[end].wave == wave) ++end;
        out += "\nWave " + std::to_string(wave + 1) + " of " + std::to_string(plan.wave_count) + ": " +
               detail::count_text(end - s, "step");
        out += end - s > 1 ? ", independent of each other" : "";
        out += plan.wave_barrier() && wave > 0 ? " (starts when wave " + std::to_string(wave) + " is confirmed)\n" : "\n";
        for (; s < end; ++s) {
            const auto& step = plan.steps[s];
            const auto& info = kind_info(step.kind);
            out += "  " + std::to_string(s + 1) + ". POST " + std::string(info.endpoint) + " " + detail::step_body(step) + "\n";
            const auto deps = plan.depends_on(s);
            if (!deps.empty()) {
                if (step.kind == resource_kind::user_identity) {
                    out += "     after: every step above (" + detail::count_text(s, "step") + ") is confirmed\n";
                } else {
                    out += deps.size() == 1 ? "     after: step " : "     after: steps ";
                    for (std::size_t d = 0; d < deps.size(); ++d) out += (d > 0 ? ", " : "") + std::to_string(deps[d] + 1);
                    out += deps.size() == 1 ? " is confirmed\n" : " are confirmed\n";
                }
            }
            if (info.event_type.empty())
                out += "     confirmed by: a successful response (then the identity is deleted)\n";
            else
                out += "     confirmed by: event " + std::string(info.event_type) + " with " + std::string(info.id_field) + " = " +
                       to_string(step.id) + "\n";
        }
    }
    return out;
}

/// The plan as a bash script of curl calls against https://connect.getseam.com using $SEAM_API_KEY. Waves run
/// in order; each wave's events are awaited by polling /events/list (event_types + since) for at most
/// $WAIT_SECONDS; a failed call stops the script after its wave. Needs curl and jq.
SEAMID_COLD [[nodiscard]] inline std::string deletion_plan_to_curl(const deletion_plan& plan) {
    std::string out = "#!/usr/bin/env bash\n# Generated by seamid ";
    out += version;
    if (!plan.ok()) {
        out += ": no deletion plan, the snapshot does not add up.\n";
        for (const auto& found : plan.issues) detail::append_wrapped(out, found.code + ": " + found.message, "# ");
        out += "echo 'seamid: no deletion plan (the snapshot has errors); nothing was called.' >&2\nexit 1\n";
        return out;
    }
    const std::string identity = to_string(plan.user_identity_id);
    out += ": delete user identity " + identity + ".\n";
    out += "# Order " + std::string(order_name(plan.options.order)) + ", policy " + std::string(policy_name(plan.options.policy)) + ": " +
           detail::count_text(plan.steps.size(), "step") + " in " + detail::count_text(plan.wave_count, "wave") + ".\n";
    for (const auto& note : plan.notes) detail::append_wrapped(out, note, "# ");
    out += R"SH(#
# Each wave's calls are independent; the script waits for every confirming event of a wave (polling
# /events/list with event_types and a since, for at most WAIT_SECONDS) before starting the next wave.
# A resource that is already gone (an *_not_found error) counts as deleted. Any other failure stops the
# script after its wave: fetch a fresh snapshot, plan again, and run the new script (only what is left).
# Usage: SEAM_API_KEY=... bash this-script.sh   (needs curl and jq)
set -euo pipefail

: "${SEAM_API_KEY:?set SEAM_API_KEY to a Seam API key}"
SEAM_API="${SEAM_API:-https://connect.getseam.com}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
POLL_SECONDS="${POLL_SECONDS:-5}"
SKEW_SECONDS="${SKEW_SECONDS:-300}"
command -v curl >/dev/null || { echo 'seamid: curl is required' >&2; exit 2; }
command -v jq >/dev/null || { echo 'seamid: jq is required' >&2; exit 2; }

AWAITED=()
FAILED=0
SINCE=''

# post ENDPOINT BODY: prints the response body, then the HTTP status on the last line.
post() {
  curl -sS -X POST "$SEAM_API$1" \
    -H "Authorization: Bearer $SEAM_API_KEY" -H 'Content-Type: application/json' \
    --data "$2" -w '\n%{http_code}'
}

# start_wave: events older than now (minus clock skew) cannot confirm this wave's calls.
start_wave() {
  local now
  now=$(date -u +%s)
  SINCE=$(date -u -d "@$((now - SKEW_SECONDS))" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null ||
    date -u -r "$((now - SKEW_SECONDS))" +%Y-%m-%dT%H:%M:%SZ)
  AWAITED=()
}

# call ENDPOINT BODY AWAIT: AWAIT is "event_type:id" (the confirming event) or empty (the response confirms).
call() {
  local endpoint=$1 body=$2 await=$3 response status type
  if ! response=$(post "$endpoint" "$body"); then
    echo "FAILED  $endpoint $body: network error" >&2
    FAILED=$((FAILED + 1))
    return 0
  fi
  status=${response##*$'\n'}
  response=${response%$'\n'*}
  if [[ $status == 2* ]]; then
    echo "ok      $endpoint $body"
    if [[ -n $await ]]; then AWAITED+=("$await"); fi
    return 0
  fi
  type=$(jq -r '.error.type // "unknown_error"' <<<"$response" 2>/dev/null || echo unknown_error)
  if [[ $type == *not_found ]]; then
    echo "gone    $endpoint $body ($type)"
  else
    echo "FAILED  $endpoint $body: HTTP $status $type: $(jq -r '.error.message // ""' <<<"$response" 2>/dev/null || true)" >&2
    FAILED=$((FAILED + 1))
  fi
}

# wait_for_events: polls /events/list until every AWAITED event was seen, for at most WAIT_SECONDS.
wait_for_events() {
  local deadline types response seen remaining line
  ((${#AWAITED[@]} > 0)) || return 0
  deadline=$(($(date -u +%s) + WAIT_SECONDS))
  types=$(printf '%s\n' "${AWAITED[@]}" | cut -d: -f1 | sort -u | jq -R . | jq -sc .)
  while :; do
    response=$(post /events/list "{\"event_types\": $types, \"since\": \"$SINCE\"}") || response=$'{}\n000'
    seen=$(jq -r '.events[]? | .event_type as $t
      | {"client_session.deleted": "client_session_id", "acs_credential.deleted": "acs_credential_id",
         "acs_user.deleted": "acs_user_id", "enrollment_automation.deleted": "enrollment_automation_id",
         "phone.deactivated": "device_id"}[$t] as $f
      | select($f != null and .[$f] != null) | "\($t):\(.[$f])"' <<<"${response%$'\n'*}" 2>/dev/null || true)
    remaining=$(comm -23 <(printf '%s\n' "${AWAITED[@]}" | sort -u) <(printf '%s\n' "$seen" | sort -u))
    if [[ -z $remaining ]]; then
      AWAITED=()
      return 0
    fi
    if (($(date -u +%s) >= deadline)); then
      echo "seamid: no confirming event after ${WAIT_SECONDS}s for:" >&2
      printf '  %s\n' $remaining >&2
      echo 'Run the script again later, or plan again from a fresh snapshot.' >&2
      exit 1
    fi
    AWAITED=()
    while IFS= read -r line; do AWAITED+=("$line"); done <<<"$remaining"
    sleep "$POLL_SECONDS"
  done
}

# end_wave N: waits for the wave's events; stops when a call failed (later waves depend on this one).
end_wave() {
  wait_for_events
  if ((FAILED > 0)); then
    echo "seamid: $FAILED call(s) of wave $1 failed; the next waves depend on them. Fix the cause, fetch a fresh snapshot and plan again." >&2
    exit 1
  fi
}
)SH";
    for (std::size_t s = 0; s < plan.steps.size();) {
        const std::uint32_t wave = plan.steps[s].wave;
        std::size_t end = s;
        while (end < plan.steps.size() && plan.steps[end].wave == wave) ++end;
        out += "\n# Wave " + std::to_string(wave + 1) + " of " + std::to_string(plan.wave_count) + ": " + detail::count_text(end - s, "step") + "\n";
        out += "start_wave\n";
        for (; s < end; ++s) {
            const auto& step = plan.steps[s];
            const auto& info = kind_info(step.kind);
            out += "call " + std::string(info.endpoint) + " '" + detail::step_body(step) + "' '";
            if (!info.event_type.empty()) out += std::string(info.event_type) + ":" + to_string(step.id);
            out += "'\n";
        }
        out += "end_wave " + std::to_string(wave + 1) + "\n";
    }
    out += "\necho 'seamid: user identity " + identity + " deleted.'\n";
    return out;
}

/// The plan as an ES module using @seamapi/http: the same waves, bounded polling of /events/list
/// (event_types + since, at most WAIT_SECONDS), at most 8 calls at a time.
SEAMID_COLD [[nodiscard]] inline std::string deletion_plan_to_js(const deletion_plan& plan) {
    std::string out = "// Generated by seamid ";
    out += version;
    if (!plan.ok()) {
        out += ": no deletion plan, the snapshot does not add up.\n";
        for (const auto& found : plan.issues) detail::append_wrapped(out, found.code + ": " + found.message, "// ");
        out += "throw new Error('seamid: no deletion plan (the snapshot has errors); nothing was called.');\n";
        return out;
    }
    const std::string identity = to_string(plan.user_identity_id);
    out += ": delete user identity " + identity + ".\n";
    out += "// Order " + std::string(order_name(plan.options.order)) + ", policy " + std::string(policy_name(plan.options.policy)) + ": " +
           detail::count_text(plan.steps.size(), "step") + " in " + detail::count_text(plan.wave_count, "wave") + ".\n";
    for (const auto& note : plan.notes) detail::append_wrapped(out, note, "// ");
    out += R"JS(//
// Each wave's calls are independent; the script waits for every confirming event of a wave (polling
// /events/list with event_types and a since, for at most WAIT_SECONDS) before starting the next wave.
// A resource that is already gone (an *_not_found error) counts as deleted. Any other failure stops the
// script after its wave: fetch a fresh snapshot, plan again, and run the new script (only what is left).
// Usage: SEAM_API_KEY=... node this-script.mjs   (npm install @seamapi/http)
import { SeamHttp, isSeamHttpApiError } from '@seamapi/http/connect';

const seam = SeamHttp.fromApiKey(process.env.SEAM_API_KEY);
const WAIT_MS = Number(process.env.WAIT_SECONDS ?? 300) * 1000;
const POLL_MS = Number(process.env.POLL_SECONDS ?? 5) * 1000;
const SKEW_MS = Number(process.env.SKEW_SECONDS ?? 300) * 1000;
const CONCURRENCY = 8;

// One API call per resource kind, with Seam's parameter names.
const calls = {
  client_session: (id) => seam.clientSessions.delete({ client_session_id: id }),
  acs_credential: (id) => seam.acs.credentials.delete({ acs_credential_id: id }),
  acs_user: (id) => seam.acs.users.delete({ acs_user_id: id }),
  enrollment_automation: (id) => seam.userIdentities.enrollmentAutomations.delete({ enrollment_automation_id: id }),
  phone: (id) => seam.phones.deactivate({ device_id: id }),
  user_identity: (id) => seam.userIdentities.delete({ user_identity_id: id }),
};

// The event that confirms each kind, and the event field holding the resource's id (null: the response confirms).
const confirmations = {
  client_session: ['client_session.deleted', 'client_session_id'],
  acs_credential: ['acs_credential.deleted', 'acs_credential_id'],
  acs_user: ['acs_user.deleted', 'acs_user_id'],
  enrollment_automation: ['enrollment_automation.deleted', 'enrollment_automation_id'],
  phone: ['phone.deactivated', 'device_id'],
  user_identity: null,
};

const idFields = Object.fromEntries(Object.values(confirmations).filter(Boolean)); // event_type -> id field
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls every step of a wave, CONCURRENCY at a time; returns the events awaited and the failures. */
async function issue(wave) {
  const awaited = new Map(); // "event_type:id" -> step
  const failures = [];
  let next = 0;
  async function worker() {
    while (next < wave.length) {
      const [resource, id] = wave[next++];
      try {
        await calls[resource](id);
        console.log(`ok      ${resource} ${id}`);
        if (confirmations[resource]) awaited.set(`${confirmations[resource][0]}:${id}`, [resource, id]);
      } catch (error) {
        if (isSeamHttpApiError(error) && String(error.code).endsWith('not_found')) {
          console.log(`gone    ${resource} ${id} (${error.code})`);
        } else {
          console.error(`FAILED  ${resource} ${id}: ${error.code ?? ''} ${error.message}`);
          failures.push({ resource, id, error });
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wave.length) }, worker));
  return { awaited, failures };
}

/** Polls /events/list (event_types + since) until every awaited event is seen, for at most WAIT_MS. */
async function waitForEvents(awaited, since) {
  const deadline = Date.now() + WAIT_MS;
  while (awaited.size > 0) {
    const eventTypes = [...new Set([...awaited.keys()].map((key) => key.split(':')[0]))];
    const events = await seam.events.list({ event_types: eventTypes, since });
    for (const event of events) awaited.delete(`${event.event_type}:${event[idFields[event.event_type]]}`);
    if (awaited.size === 0) return;
    if (Date.now() >= deadline)
      throw new Error(`seamid: no confirming event after ${WAIT_MS / 1000}s for ${[...awaited.keys()].join(', ')}; run again later or plan again from a fresh snapshot`);
    await sleep(POLL_MS);
  }
}

// The plan's waves: [resource, id] pairs.
const waves = [
)JS";
    for (std::size_t s = 0; s < plan.steps.size();) {
        const std::uint32_t wave = plan.steps[s].wave;
        out += "  [\n";
        for (; s < plan.steps.size() && plan.steps[s].wave == wave; ++s) {
            out += "    ['";
            out += kind_info(plan.steps[s].kind).name;
            out += "', '";
            append_uuid(out, plan.steps[s].id);
            out += "'],\n";
        }
        out += "  ],\n";
    }
    out += R"JS(];

for (const [index, wave] of waves.entries()) {
  const since = new Date(Date.now() - SKEW_MS).toISOString();
  console.log(`wave ${index + 1} of ${waves.length}: ${wave.length} step(s)`);
  const { awaited, failures } = await issue(wave);
  await waitForEvents(awaited, since);
  if (failures.length > 0)
    throw new Error(`seamid: ${failures.length} call(s) of wave ${index + 1} failed; the next waves depend on them. Fix the cause, fetch a fresh snapshot and plan again.`);
}
)JS";
    out += "console.log('seamid: user identity " + identity + " deleted.');\n";
    return out;
}

/// The formats a plan renders in, in the order of plan_format_names.
enum class plan_format : std::uint8_t { json, text, curl, js };

/// "json", "text", "curl", "js" (indexed by plan_format).
inline constexpr std::string_view plan_format_names[] = {"json", "text", "curl", "js"};

/// The plan in `format`: its JSON, the text for people, the curl script or the @seamapi/http module.
SEAMID_COLD [[nodiscard]] inline std::string render_deletion_plan(const deletion_plan& plan, plan_format format) {
    switch (format) {
        case plan_format::text: return deletion_plan_to_text(plan);
        case plan_format::curl: return deletion_plan_to_curl(plan);
        case plan_format::js: return deletion_plan_to_js(plan);
        case plan_format::json: break;
    }
    return deletion_plan_to_json(plan);
}

/// Renders plan JSON (a stored plan, or one planDeletion refused). Bad data is never an error of the call: a
/// refused plan renders with its own issues, and text that is no readable plan renders as a refused plan
/// carrying why (in every format: the JSON says "ok": false, the text and scripts say there is no plan).
SEAMID_COLD [[nodiscard]] inline std::string render_deletion_plan(std::string_view plan_json, plan_format format) {
    auto plan = read_deletion_plan(plan_json);
    if (!plan.ok()) {
        auto refused = read_refused_plan_issues(plan_json);
        auto issues = refused.empty() ? std::move(plan.issues) : std::move(refused);
        plan = deletion_plan{};
        plan.issues = std::move(issues);
    }
    return render_deletion_plan(plan, format);
}

}  // namespace seamid
