// Types of `seamid/validation`: the validation functions only, backed by the small wasm module.
export {
  validatePhone, validateEmail, validateCreate, validateUpdate, version, phoneMetadata,
  type Issue, type PathElement, type Severity, type ValidationOptions, type ValidationResult,
  type CreateUserIdentityRequest, type UpdateUserIdentityRequest,
} from './index.js';
