// Type-checks bindings/js/index.d.ts the way a TypeScript user would use the package (tsc --noEmit).
import { validatePhone, version, phoneMetadata, type Issue, type ValidationResult } from 'seamid';

const result: ValidationResult<string> = validatePhone('+14155552671', { profile: 'strict' });
const ok: boolean = result.ok;
const first: Issue | undefined = result.issues[0];
const suggestion: string | undefined = first?.suggestion;
const where: (string | number)[] = first?.path ?? [];
const severity: 'error' | 'warning' | 'info' | undefined = first?.severity;
const nullable: ValidationResult<null> = validatePhone(null);
const described: string = `${version} ${phoneMetadata}`;

// @ts-expect-error: the profile is a closed set
validatePhone('+1', { profile: 'lenient' });

export { ok, suggestion, where, severity, nullable, described };

// Deletion planning.
import { planDeletion, renderDeletionPlan, createDeletionProgress, type DeletionPlan, type DeletionStep,
  type DeletionEventQuery, type DeletionProgressState } from 'seamid';

const plan: DeletionPlan = planDeletion({ user_identity: { user_identity_id: 'x' }, client_sessions: [], acs_users: [],
  acs_credentials: [], enrollment_automations: [], phones: [] }, { order: 'guide', policy: 'minimal' });
const script: string = renderDeletionPlan(plan, 'curl');
const run = createDeletionProgress(plan, { startedAt: new Date(), sinceMarginSeconds: 60 });
const next: DeletionStep[] = run.runnable();
const endpoint: string | undefined = next[0]?.endpoint;
const eventOutcome: string = run.applyEvent({ event_type: 'acs_user.deleted', acs_user_id: 'x' }).outcome;
const resultOutcome: string = run.applyResult(plan.steps[0]?.step_id ?? '', { ok: true }, { requestedAt: Date.now() }).outcome;
const query: DeletionEventQuery | null = run.nextEventQuery();
const progressState: DeletionProgressState = run.state();
const finished: boolean = run.done() || run.identityDeletable();
run.dispose();

// @ts-expect-error: the order is a closed set
planDeletion({}, { order: 'fast' });
// @ts-expect-error: formats are a closed set
renderDeletionPlan(plan, 'python');

export { script, endpoint, eventOutcome, resultOutcome, query, progressState, finished };
