// Node entry of `seamid/validation`: the validation module only (phone, email, whole requests), read from dist/.
import { loadValidation } from './loader-node.js';

export const { version, phoneMetadata, validatePhone, validateEmail, validateCreate, validateUpdate } = await loadValidation();
