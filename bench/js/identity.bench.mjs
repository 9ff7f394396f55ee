// validateEmail / validateCreate per call through the public JS API against zod 4's z.email() (what users
// install now), zod 3 (the version Seam's schemas are written in) and validator's isEmail: same inputs, rounds
// interleaved in one process; plus the time for 1 MB strings. SEAMID_BENCH_BASELINE=<another checkout's
// bindings/js/src/node.js> adds that build's validateEmail and validateCreate to the same rounds.
import { createRequire } from 'node:module';
import validator from 'validator';
import { z } from 'zod';
import { z as z4 } from 'zod4';
import { validateCreate, validateEmail, validateUpdate } from '../../bindings/js/src/validation-node.js';
import { seamCreate, seamFields } from '../../tests/js/corpus/seam-schemas.mjs';
import { baselineValidation, compare, random, rate, timeOnce } from './measure.mjs';

const require = createRequire(import.meta.url);
const zod4Version = require('zod4/package.json').version;
const zod3Version = require('zod/package.json').version;
const validatorVersion = require('validator/package.json').version;

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

/** A row of calls per second of main-thread CPU time: the median over interleaved rounds, every round's in `data`. */
const rateRow = (name, { perSecond, rounds }) => ({ name, value: rate(perSecond), data: { perSecond, rounds } });

/** A row of the median same-round ratio of two series. */
const ratioRow = (name, ratio) => ({ name, value: `${ratio.toFixed(2)}x`, data: { ratio } });

/** Runs the benchmark and returns its rows. */
export async function run() {
  const emails = emailInputs();
  const zod4Email = z4.email();
  const zod3Email = z.string().email();
  const seamEmail = seamFields.email_address;
  const baseline = await baselineValidation();
  const email = compare({
    seamid: (value) => validateEmail(value).ok,
    zod4: (value) => zod4Email.safeParse(value).success,
    zod3: (value) => zod3Email.safeParse(value).success,
    seam: (value) => seamEmail.safeParse(value).success,
    validator: (value) => validator.isEmail(value),
    ...(baseline && { baseline: (value) => baseline.validateEmail(value).ok }),
  }, emails);

  const requests = createInputs();
  const updates = requests.map((request) => ({ user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', ...request }));
  const withIssues = requests.map((request, i) => ({ ...request, email: request.email_address, full_name: i % 2 ? ' Jane' : '' }));
  const texts = requests.map((request) => JSON.stringify(request));
  const indices = requests.map((_, index) => index);
  const create = compare({
    seamid: (index) => validateCreate(requests[index]).ok,
    text: (index) => validateCreate(texts[index]).ok,
    zod: (index) => seamCreate.safeParse(requests[index]).success,
    update: (index) => validateUpdate(updates[index]).ok,
    issues: (index) => validateCreate(withIssues[index]).ok,
    ...(baseline && { baseline: (index) => baseline.validateCreate(requests[index]).ok }),
  }, indices);

  const megabyte = 'a'.repeat(1 << 20);
  const emailMb = timeOnce(() => validateEmail(`${megabyte}@example.com`));
  const nameMb = timeOnce(() => validateCreate({ full_name: megabyte, email_address: 'jane@example.com' }));
  const textMb = timeOnce(() => validateCreate(JSON.stringify({ full_name: megabyte, email_address: 'jane@example.com' })));
  const zodMb = timeOnce(() => zod4Email.safeParse(`${megabyte}@example.com`));
  const baselineRows = baseline ? [
    ratioRow('ratio validateEmail this build / SEAMID_BENCH_BASELINE', email.ratio('seamid', 'baseline')),
    ratioRow('ratio validateEmail of SEAMID_BENCH_BASELINE / zod 4 z.email()', email.ratio('baseline', 'zod4')),
    ratioRow('ratio validateCreate this build / SEAMID_BENCH_BASELINE', create.ratio('seamid', 'baseline')),
  ] : [];
  return [
    ...baselineRows,
    rateRow('validateEmail (seamid, JS API)', email.rates.seamid),
    rateRow(`z.email().safeParse (zod ${zod4Version})`, email.rates.zod4),
    rateRow(`z.string().email().safeParse (zod ${zod3Version})`, email.rates.zod3),
    rateRow('schemas.user_identity.shape.email_address.safeParse (@seamapi/types, zod 3)', email.rates.seam),
    rateRow(`validator.isEmail (validator ${validatorVersion})`, email.rates.validator),
    ratioRow('ratio validateEmail / zod 4 z.email()', email.ratio('seamid', 'zod4')),
    ratioRow('ratio validateEmail / zod 4 z.email(), process CPU (GC threads included)', email.processRatio('seamid', 'zod4')),
    ratioRow('ratio validateEmail / zod 3 email', email.ratio('seamid', 'zod3')),
    ratioRow('ratio validateEmail / validator isEmail', email.ratio('seamid', 'validator')),
    rateRow('validateCreate, realistic valid object', create.rates.seamid),
    rateRow('validateCreate, same as JSON text', create.rates.text),
    rateRow('zod schema from @seamapi/types (create)', create.rates.zod),
    ratioRow('ratio validateCreate / zod create schema', create.ratio('seamid', 'zod')),
    ratioRow('ratio validateCreate / zod create schema, process CPU', create.processRatio('seamid', 'zod')),
    rateRow('validateUpdate, realistic valid object', create.rates.update),
    rateRow('validateCreate, object with 2-3 issues', create.rates.issues),
    { name: 'validateEmail, 1 MB local part', value: `${emailMb.toFixed(2)} ms`, data: { ms: emailMb } },
    { name: 'zod 4 email, same 1 MB string', value: `${zodMb.toFixed(2)} ms`, data: { ms: zodMb } },
    { name: 'validateCreate, 1 MB full_name (object)', value: `${nameMb.toFixed(2)} ms`, data: { ms: nameMb } },
    { name: 'validateCreate, 1 MB full_name (JSON text)', value: `${textMb.toFixed(2)} ms`, data: { ms: textMb } },
  ];
}
