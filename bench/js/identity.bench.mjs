// validateEmail / validateCreate per call through the public JS API against zod (the schema Seam's types use)
// and validator's isEmail, same inputs, same run; plus the time for 1 MB strings.
import validator from 'validator';
import { z } from 'zod';
import { validateCreate, validateEmail, validateUpdate } from '../../bindings/js/src/validation-node.js';
import { seamCreate, seamFields } from '../../tests/js/corpus/seam-schemas.mjs';
import { random, rate, throughput, timeOnce } from './measure.mjs';

/** A realistic mix of addresses: 80% valid (varied shapes), 20% typical mistakes. */
export function emailInputs(count = 4096) {
  const next = random(0xe3a11);
  const first = ['jane', 'john', 'maria', 'li', 'oconnor', 'anna-lena', 'j', 'support'];
  const last = ['doe', 'smith', 'garcia', 'wang', 'muller', 'x', '2024'];
  const domains = ['example.com', 'gmail.com', 'mail.example.co.uk', 'company.io', 'uni-hamburg.de', 'yahoo.fr'];
  const out = [];
  for (let i = 0; i < count; i++) {
    let value = `${first[next(first.length)]}${['.', '_', '+', ''][next(4)]}${last[next(last.length)]}@${domains[next(domains.length)]}`;
    switch (next(10)) {
      case 0: value = ` ${value}`; break;
      case 1: value = value.replace('@', ''); break;
      default: break;
    }
    out.push(value);
  }
  return out;
}

/** Realistic create requests: all four fields set and valid, keys and names varied. */
export function createInputs(count = 1024) {
  const emails = emailInputs(count).map((value) => value.trim().includes('@') ? value.trim() : 'jane@example.com');
  const next = random(0xc4ea7e);
  return emails.map((email, i) => ({
    user_identity_key: `user-${100000 + i}`,
    email_address: email,
    phone_number: `+1415555${String(1000 + next(9000))}`,
    full_name: ['Jane Doe', 'John Smith', 'Mar\u00eda Garc\u00eda', 'Li Wang', 'Anna-Lena M\u00fcller'][next(5)],
  }));
}

/** Runs the benchmark and returns its rows. */
export async function run() {
  const emails = emailInputs();
  const zodEmail = z.string().email();
  const seamEmail = seamFields.email_address;
  const ours = throughput((value) => validateEmail(value).ok, emails);
  const zod = throughput((value) => zodEmail.safeParse(value).success, emails);
  const seamZod = throughput((value) => seamEmail.safeParse(value).success, emails);
  const isEmail = throughput((value) => validator.isEmail(value), emails);

  const requests = createInputs();
  const texts = requests.map((request) => JSON.stringify(request));
  const create = throughput((request) => validateCreate(request).ok, requests);
  const createText = throughput((text) => validateCreate(text).ok, texts);
  const zodCreate = throughput((request) => seamCreate.safeParse(request).success, requests);
  const updates = requests.map((request) => ({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', ...request }));
  const update = throughput((request) => validateUpdate(request).ok, updates);
  const withIssues = requests.map((request, i) => ({ ...request, email: request.email_address, full_name: i % 2 ? ' Jane' : '' }));
  const createIssues = throughput((request) => validateCreate(request).ok, withIssues);

  const megabyte = 'a'.repeat(1 << 20);
  const emailMb = timeOnce(() => validateEmail(`${megabyte}@example.com`));
  const nameMb = timeOnce(() => validateCreate({ full_name: megabyte, email_address: 'jane@example.com' }));
  const textMb = timeOnce(() => validateCreate(JSON.stringify({ full_name: megabyte, email_address: 'jane@example.com' })));
  const zodMb = timeOnce(() => zodEmail.safeParse(`${megabyte}@example.com`));
  return [
    { name: 'validateEmail (seamid, JS API)', value: rate(ours) },
    { name: 'z.string().email().safeParse (zod 3.25.76)', value: rate(zod) },
    { name: 'schemas.user_identity.shape.email_address.safeParse', value: rate(seamZod) },
    { name: 'validator.isEmail (validator 13.15.35)', value: rate(isEmail) },
    { name: 'ratio validateEmail / zod email', value: `${(ours / zod).toFixed(1)}x` },
    { name: 'ratio validateEmail / validator isEmail', value: `${(ours / isEmail).toFixed(1)}x` },
    { name: 'validateCreate, realistic valid object', value: rate(create) },
    { name: 'validateCreate, same as JSON text', value: rate(createText) },
    { name: 'validateUpdate, realistic valid object', value: rate(update) },
    { name: 'validateCreate, object with 2-3 issues', value: rate(createIssues) },
    { name: 'zod schema from @seamapi/types (create)', value: rate(zodCreate) },
    { name: 'ratio validateCreate / zod create schema', value: `${(create / zodCreate).toFixed(1)}x` },
    { name: 'validateEmail, 1 MB local part', value: `${emailMb.toFixed(2)} ms` },
    { name: 'zod email, same 1 MB string', value: `${zodMb.toFixed(2)} ms` },
    { name: 'validateCreate, 1 MB full_name (object)', value: `${nameMb.toFixed(2)} ms` },
    { name: 'validateCreate, 1 MB full_name (JSON text)', value: `${textMb.toFixed(2)} ms` },
  ];
}
