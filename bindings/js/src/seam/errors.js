// The errors of seamid/seam: one class with a stable `code` (and the run's report when there is one), and the
// AbortError a cancelled run rejects with.

/** An error of a Seam operation: `code` says which (unauthorized, request_failed, invalid_response, api_error,
 * user_identity_not_found, invalid_snapshot, deletion_failed); `report` is attached when a run had started. */
export class SeamidError extends Error {
  constructor(message, details = {}) {
    super(message, details.cause ? { cause: details.cause } : undefined);
    this.name = 'SeamidError';
    for (const [key, value] of Object.entries(details)) if (key !== 'cause' && value !== undefined) this[key] = value;
  }
}

/** The AbortError a run rejects with when its signal aborts (a DOMException named AbortError, as fetch uses). */
export function abortError(signal, report) {
  const reason = signal?.reason;
  const error = reason instanceof Error && reason.name === 'AbortError' ? reason : new DOMException('seamid: the operation was aborted', 'AbortError');
  if (report !== undefined) error.report = report;
  return error;
}

/** True for an AbortError from any source. */
export const isAbortError = (error) => error?.name === 'AbortError';
