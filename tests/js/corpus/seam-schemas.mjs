// Zod schemas of the two request bodies, built from Seam's own field schemas (@seamapi/types 1.721.0,
// schemas.user_identity) and the OpenAPI request bodies: the reference for conformance tests and benchmarks.
import { z } from 'zod';
import { schemas } from '@seamapi/types/connect';

const shape = schemas.user_identity.shape;

/** Seam's per-field schemas (each nullable, as in schemas.user_identity). */
export const seamFields = {
  user_identity_key: shape.user_identity_key,
  email_address: shape.email_address,
  phone_number: shape.phone_number,
  full_name: shape.full_name,
};

/** /user_identities/create: every member optional; acs_system_ids an array of UUIDs (OpenAPI: items format uuid). */
export const seamCreate = z.object({
  user_identity_key: shape.user_identity_key.optional(),
  email_address: shape.email_address.optional(),
  phone_number: shape.phone_number.optional(),
  full_name: shape.full_name.optional(),
  acs_system_ids: z.array(z.string().uuid()).optional(),
});

/** /user_identities/update: user_identity_id required (a UUID), the four fields optional and nullable. */
export const seamUpdate = z.object({
  user_identity_id: shape.user_identity_id,
  user_identity_key: shape.user_identity_key.optional(),
  email_address: shape.email_address.optional(),
  phone_number: shape.phone_number.optional(),
  full_name: shape.full_name.optional(),
});
