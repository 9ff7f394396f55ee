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
