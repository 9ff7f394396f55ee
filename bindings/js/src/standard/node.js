// `seamid/standard` in Node: the Standard Schema objects, over the validation module loaded once (top-level await),
// so every schema's validate() is synchronous.
import { loadValidation } from '../loader-node.js';
import { createStandard } from './schemas.js';

export const { standardSchema, phoneNumber, emailAddress, userIdentityKey, fullName, createUserIdentity, updateUserIdentity, seamidResolver } =
  createStandard(await loadValidation());
