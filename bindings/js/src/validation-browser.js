// Browser entry of `seamid/validation`: the validation module only (<= 60 KB gzip with its glue), for forms.
import { loadValidation } from './loader.js';

export const { version, phoneMetadata, validatePhone, validateEmail, validateCreate, validateUpdate } = await loadValidation();
