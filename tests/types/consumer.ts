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
  onProgress: ({ done, total }) => void (done / total),
});
const audited: AuditReport = workspace.audit();
const count: number = workspace.size + workspace.issues.length;
pending.then((result) => result.rows.map((row) => `${row.row}:${row.line ?? ''}:${row.issues.length}`)).finally(() => workspace.dispose());
// @ts-expect-error: only the indexed fields can be looked up
workspace.find('full_name', 'x');
// @ts-expect-error: onProgress is a function
workspace.validateBatch([], { onProgress: 5 });

export { holder, freed, changed, ids, audited, count };
