// Type-checks bindings/js/index.d.ts the way a TypeScript user would use the package (tsc --noEmit).
import { validatePhone, validateEmail, validateCreate, validateUpdate, version, phoneMetadata, type Issue, type ValidationResult,
  type CreateUserIdentityRequest, type UpdateUserIdentityRequest } from 'seamid';
import { createAcsModel, auditAcsSnapshot, type AcsModel, type AcsPreflightResult, type AcsVerdict, type AcsSystemPlan } from 'seamid';

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
const national: string | undefined = validatePhone('(415) 555-2671', { defaultCountry: 'US' }).issues[0]?.suggestion;
const nationalBody: boolean = validateCreate({ phone_number: '020 7946 0958' }, { defaultCountry: 'GB', profile: 'strict' }).ok;
// @ts-expect-error: the default country is a code, not a number
validatePhone('020 7946 0958', { defaultCountry: 44 });

const email: ValidationResult<string> = validateEmail('jane@example.com', { path: ['rows', 0, 'email_address'] });
const body: CreateUserIdentityRequest = { email_address: 'jane@example.com', acs_system_ids: [] };
const created: ValidationResult<CreateUserIdentityRequest> = validateCreate(body, { profile: 'strict', path: [3] });
const fromText: boolean = validateCreate('{"full_name": "Jane"}').ok;
const change: UpdateUserIdentityRequest = { user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', phone_number: null };
const updated: Issue[] = validateUpdate(change).issues;

// @ts-expect-error: an update needs user_identity_id
const missingId: UpdateUserIdentityRequest = { full_name: 'Jane' };

const model: AcsModel = createAcsModel({ acs_users: { acs_users: [] }, user_identities: [] });
const link: AcsPreflightResult = model.preflightAddAcsUser({ user_identity_id: 'a', acs_user_id: 'b' });
const verdict: AcsVerdict = link.verdict;
const links: AcsPreflightResult[] = model.preflightAddAcsUsers([{ user_identity_id: 'a', acs_user_id: 'b' }])
  .concat(model.preflightRemoveAcsUsers([]));
const verdicts: AcsVerdict[] = model.addAcsUserVerdicts([{ user_identity_id: 'a', acs_user_id: 'b' }]).concat(model.removeAcsUserVerdicts([]));
const plan: AcsSystemPlan[] = model.preflightCreateUserIdentity({ email_address: 'a@b.co', acs_system_ids: [] }).acs_systems;
const applied: boolean = model.linkAcsUser({ user_identity_id: 'a', acs_user_id: 'b' }).applied;
const names: (string | null)[] = model.listAcsSystems('a').acs_systems.map((system) => system.name);
const violations: number = model.audit().violations + auditAcsSnapshot('{}').mismatches;
const loaded: boolean = model.ok && model.issues.every((found) => found.severity !== 'error');
model.dispose();
model[Symbol.dispose]();
const gone: boolean = model.disposed;
const viaPath: AcsVerdict = model.preflight('/user_identities/remove_acs_user', { user_identity_id: 'a', acs_user_id: 'b' }).verdict;
const planned: AcsSystemPlan[] = model.preflight('/user_identities/create', { email_address: 'a@b.co', acs_system_ids: ['s'] }).acs_systems;
// @ts-expect-error: the load issues are `issues`, as for every handle
model.loadIssues;
// @ts-expect-error: an endpoint's body is checked against that endpoint
model.preflight('/acs/users/create', { acs_system_id: 's' });
// @ts-expect-error: records need their id
model.putAcsUser({ full_name: 'Jane' });
// @ts-expect-error: a snapshot's sections are arrays or list responses
createAcsModel({ acs_users: 5 });
// @ts-expect-error: the construction issues are read-only
model.issues.push({ path: [], code: 'x', severity: 'error', message: '' });
// @ts-expect-error: add_acs_user needs both ids
model.preflightAddAcsUser({ user_identity_id: 'a' });
// @ts-expect-error: the batch takes an array
model.preflightAddAcsUsers({ user_identity_id: 'a', acs_user_id: 'b' });
// @ts-expect-error: a verdict is not a result object
const notResults: AcsPreflightResult[] = model.addAcsUserVerdicts([]);

export { ok, suggestion, where, severity, nullable, described, email, created, fromText, updated, missingId };
export { verdict, links, verdicts, notResults, plan, applied, names, violations, loaded, gone, viaPath, planned };
// Deletion planning.
import { planDeletion, renderDeletionPlan, createDeletionProgress, type DeletionPlan, type DeletionStep,
  type DeletionEventQuery, type DeletionProgressState, type DeletionProgress, type DeletionSnapshot, type Issue as DeletionIssue } from 'seamid';

const deletionPlan: DeletionPlan = planDeletion({ user_identity: { user_identity_id: 'x' }, client_sessions: [], acs_users: [],
  acs_credentials: [], enrollment_automations: [], phones: [] }, { order: 'guide', policy: 'minimal' });
const script: string = renderDeletionPlan(deletionPlan, 'curl');
const run = createDeletionProgress(deletionPlan, { startedAt: new Date(), sinceMarginSeconds: 60 });
const next: DeletionStep[] = run.runnable();
const endpoint: string | undefined = next[0]?.endpoint;
const eventOutcome: string = run.applyEvent({ event_type: 'acs_user.deleted', acs_user_id: 'x' }).outcome;
const resultOutcome: string = run.applyResult(deletionPlan.steps[0]?.step_id ?? '', { ok: true }, { requestedAt: Date.now() }).outcome;
const query: DeletionEventQuery | null = run.nextEventQuery();
const progressState: DeletionProgressState = run.state();
const finished: boolean = run.done() || run.identityDeletable();
const constructed: boolean = run.ok && run.issues.every((found: DeletionIssue) => found.severity !== 'error') && !run.disposed;
run.dispose();
run[Symbol.dispose]();
const disposable: Disposable = createDeletionProgress('{"steps": []}');
const planFromText: DeletionPlan = planDeletion('{"user_identity": {"user_identity_id": "x"}}');
const snapshotValue: DeletionSnapshot = { user_identity: { user_identity_id: 'x' }, client_sessions: [], acs_users: [], acs_credentials: [],
  enrollment_automations: [], phones: [] };
const refusedText: string = renderDeletionPlan('{"steps": "no"}', 'json');
function runOnce(plan: DeletionPlan): boolean {
  using progress: DeletionProgress = createDeletionProgress(plan);
  return progress.ok;
}

// @ts-expect-error: the order is a closed set
planDeletion({}, { order: 'fast' });
// @ts-expect-error: formats are a closed set
renderDeletionPlan(deletionPlan, 'python');
// @ts-expect-error: a snapshot is an object (or its JSON text), not a number
planDeletion(42);
// @ts-expect-error: a snapshot needs every list
planDeletion({ user_identity: { user_identity_id: 'x' } });
// @ts-expect-error: issues are read-only
run.issues.push({ path: [], code: 'x', severity: 'error', message: 'x' });
// @ts-expect-error: ok is read-only
run.ok = true;

export { script, endpoint, eventOutcome, resultOutcome, query, progressState, finished, constructed, disposable, planFromText, snapshotValue, refusedText, runOnce };

// The light entry exposes the validation functions only.
import * as light from 'seamid/validation';
const lightOk: boolean = light.validateCreate({ full_name: 'Jane' }).ok && light.validatePhone('+14155552671').ok;
// @ts-expect-error: planning lives in the full entry
light.planDeletion;
export { lightOk };

// createWorkspace: checks, changes, batch with progress, audit, dispose.
import { createWorkspace, type BatchResult, type Conflict, type Workspace, type AuditReport } from 'seamid';

const workspace: Workspace = createWorkspace({ user_identities: [] });
const taken: Conflict[] = workspace.checkCreate({ user_identity_key: 'k' }).conflicts;
const holder: string | undefined = taken[0]?.user_identity_id;
const freed: boolean = workspace.checkUpdate({ user_identity_id: 'x', phone_number: null }, { profile: 'strict' }).ok;
const changed: boolean = workspace.add({ user_identity_id: 'x' }).ok && workspace.remove('x').ok && workspace.update({ user_identity_id: 'x' }).ok;
const ids: string[] = workspace.find('email_address', 'a@example.com');
const pending: Promise<BatchResult> = workspace.validateBatch('user_identity_key\nk\n', {
  format: 'csv',
  defaultCountry: 'US',
  onProgress: ({ done, total }) => void (done / total),
});
const audited: AuditReport = workspace.audit();
const count: number = workspace.size + workspace.issues.length + (workspace.ok ? 0 : 1);
pending.then((result) => result.rows.map((row) => `${row.row}:${row.line ?? ''}:${row.issues.length}`)).finally(() => workspace.dispose());
// @ts-expect-error: only the indexed fields can be looked up
workspace.find('full_name', 'x');
// @ts-expect-error: onProgress is a function
workspace.validateBatch([], { onProgress: 5 });
// @ts-expect-error: `usable` became the handle contract's `ok`
workspace.usable;
// @ts-expect-error: a snapshot is list data or its JSON text
createWorkspace(42);
// @ts-expect-error: an identity added to the index needs its id
workspace.add({ user_identity_key: 'k' });
// @ts-expect-error: batch rows are create requests
workspace.validateBatch([{ user_identity_key: 5 }]);
function scoped(): number {
  using held = createWorkspace([{ user_identity_id: 'x', email_address: null }]);
  return held.size;
}

export { holder, freed, changed, ids, audited, count, scoped };

// Per-domain entries and the explicit loader.
import { createWorkspace as createWorkspaceAlone, type Handle } from 'seamid/workspace';
import * as acsEntry from 'seamid/acs';
import * as deletionEntry from 'seamid/deletion';
import { loadAcs, loadValidation, loadWorkspace, loadDeletion, type AcsApi, type DeletionApi, type LoadOptions } from 'seamid/loader';

const handle: Handle = createWorkspaceAlone('{"user_identities": []}');
const auditedAlone: number = acsEntry.auditAcsSnapshot({ acs_users: [] }).violations;
const planAlone: DeletionApi['planDeletion'] = deletionEntry.planDeletion;
// @ts-expect-error: the ACS entry holds the ACS functions only
acsEntry.createWorkspace;
const acsApi: Promise<AcsApi> = loadAcs({ url: new URL('https://cdn.example/seamid-acs.wasm') });
const fromBytes = loadValidation({ wasmBinary: new Uint8Array(8) }).then((api) => api.validateEmail('a@b.co').ok);
const located = loadWorkspace({ locateFile: (file, directory) => `${directory}${file}` }).then((api) => api.createWorkspace([]).ok);
const plain: Promise<DeletionApi> = loadDeletion();
const options: LoadOptions = {};
// @ts-expect-error: one source of the wasm at a time
loadAcs({ url: 'seamid-acs.wasm', wasmBinary: new ArrayBuffer(8) });
// @ts-expect-error: the bytes are binary data
loadAcs({ wasmBinary: 'AGFzbQ==' });
export { handle, auditedAlone, planAlone, acsApi, fromBytes, located, plain, options };

// seamid/seam: the client, fetchers and the executor, with the options the CLI uses.
import { createSeamClient, deleteUserIdentity, fetchDeletionSnapshot, SeamidError, type DeletionReport, type DeleteOptions } from 'seamid/seam';
async function deleteShownPlan(id: string): Promise<DeletionReport> {
  const seam = { endpoint: 'http://127.0.0.1:8080', apiKey: 'seam_test' };
  const snapshot = await fetchDeletionSnapshot(seam, id);
  const options: DeleteOptions = { snapshot, concurrency: 2, onProgress: (event) => { if (event.type === 'step_failed') console.log(event.at); } };
  // @ts-expect-error a snapshot is an object, not an id
  const wrong: DeleteOptions = { snapshot: id };
  void wrong;
  try {
    return await deleteUserIdentity(createSeamClient(seam), id, options);
  } catch (error) {
    if (error instanceof SeamidError) throw new Error(error.code);
    throw error;
  }
}
void deleteShownPlan;

// seamid/standard: the schemas are Standard Schema v1 (checked against the spec's own types) with a synchronous validate.
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createUserIdentity, phoneNumber, standardSchema, seamidResolver, type SchemaIssue } from 'seamid/standard';
const asSpec: StandardSchemaV1<unknown, { email_address?: string | null }> = createUserIdentity;
const phoneSpec: StandardSchemaV1 = phoneNumber;
const schemaResult = standardSchema('phoneNumber', { profile: 'strict', warnings: 'block', defaultCountry: 'US' })['~standard'].validate('+1');
const schemaIssues: SchemaIssue[] = schemaResult.issues ?? schemaResult.warnings ?? [];
const schemaCode: string | undefined = schemaIssues[0]?.code;
type CreateOutput = StandardSchemaV1.InferOutput<typeof createUserIdentity>;
const inferred: CreateOutput = { email_address: 'jane@example.com' };
// @ts-expect-error: the kinds are a closed set
standardSchema('phone');
const resolved = seamidResolver(createUserIdentity)({ email_address: 'x' }, undefined, { criteriaMode: 'all' });
const resolvedValues: object = resolved.values;

// seamid/elements: the tag names map to the element classes; the events carry typed details.
import { SeamidPhoneInput, type SeamidIdentityForm, type SeamidSubmitDetail } from 'seamid/elements';
declare const page: Document;
const phoneElement: SeamidPhoneInput | null = page.querySelector('seamid-phone-input');
if (phoneElement) {
  phoneElement.value = 42; // any value is coerced
  const text: string = phoneElement.value;
  const fieldIssues = phoneElement.issues.map((found) => found.code);
  phoneElement.addEventListener('seamid-validate', (event) => { const valid: boolean = event.detail.ok; });
}
const identityForm: SeamidIdentityForm = page.createElement('seamid-identity-form');
identityForm.mode = 'update';
identityForm.addEventListener('seamid-submit', (event) => { const detail: SeamidSubmitDetail = event.detail; });
// @ts-expect-error: the mode is create or update
identityForm.mode = 'delete';
page.createElement('seamid-deletion-plan').plan = null;

// seamidResolver is a react-hook-form Resolver for the schema's values (checked against react-hook-form's own type).
import type { Resolver } from 'react-hook-form';
const rhfResolver: Resolver<{ email_address?: string | null; phone_number?: string | null }> = seamidResolver(createUserIdentity);
void rhfResolver;
// @ts-expect-error react-hook-form's Resolver type is loaded: a function of a number is not one
const notResolver: Resolver<{ email_address?: string }> = (values: number) => values;
void notResolver;
// Column mapping and imports (issue 20).
import { importUserIdentities, type ImportReport, type ImportRunEvent } from 'seamid/seam';
import { type ColumnMapping } from 'seamid';
const mapping: ColumnMapping = { email_address: 'Work Email', full_name: ['Given', 'Family'] };
const mapped: Promise<BatchResult> = workspace.validateBatch([{ 'Work Email': 'a@example.com' }], { columns: mapping, values: true });
mapped.then((result) => `${result.mapping?.email_address?.[0]} ${result.values?.[0]?.email_address}`);
workspace.validateBatch(new Uint8Array(0), { columns: 'auto' });
// @ts-expect-error: only full_name joins several columns
const twoEmails: ColumnMapping = { email_address: ['A', 'B'] };
const imported: Promise<ImportReport> = importUserIdentities({ endpoint: 'http://127.0.0.1:1', apiKey: 'k' }, 'Email\na@example.com\n', {
  columns: 'auto', concurrency: 2, dryRun: true, onProgress: (event: ImportRunEvent) => void event.type,
});
imported.then((report) => report.created.map((row) => `${row.row}:${row.user_identity_id}:${row.confirmed_by}`));
export { twoEmails };
