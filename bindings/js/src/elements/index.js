// `seamid/elements`: importing it defines <seamid-phone-input>, <seamid-email-input>, <seamid-text-input>,
// <seamid-identity-form> and <seamid-deletion-plan> (each once: a second copy of this entry defines nothing).
// No top-level await: the validation module loads when the first element connects (`:state(pending)` meanwhile).
import { define } from './shared.js';
import { SeamidEmailInput, SeamidField, SeamidPhoneInput, SeamidTextInput } from './field.js';
import { SeamidIdentityForm } from './identity-form.js';
import { SeamidDeletionPlan } from './deletion-plan.js';

define('seamid-phone-input', SeamidPhoneInput);
define('seamid-email-input', SeamidEmailInput);
define('seamid-text-input', SeamidTextInput);
define('seamid-identity-form', SeamidIdentityForm);
define('seamid-deletion-plan', SeamidDeletionPlan);

export { SeamidDeletionPlan, SeamidEmailInput, SeamidField, SeamidIdentityForm, SeamidPhoneInput, SeamidTextInput };
