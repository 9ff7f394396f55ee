// Child process of memory.test.mjs (run with --expose-gc): measures the JS heap and each module's memory around a
// workload named on the command line and prints the figures as JSON.
import { readFileSync } from 'node:fs';
import { instance, memoryOf } from './boundary-modules.mjs';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const settle = async () => {
  for (let i = 0; i < 4; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 20)); // FinalizationRegistry callbacks run between jobs
  }
  global.gc();
};

const workloads = {
  /** 1,000,000 validation calls of every kind, valid and invalid values, results dropped. */
  async validation() {
    const { wasm, api } = await instance('validation');
    const { validatePhone, validateEmail, validateCreate, validateUpdate } = api;
    const requests = [
      { user_identity_key: 'jane', email_address: 'jane@example.com', phone_number: '+14155550101', full_name: 'Jane Doe' },
      { email_address: 'Jane Doe <jane@example.com>', phone_number: '(415) 555-0101', full_name: 'María José', acs_system_ids: ['nope'] },
      { user_identity_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', email_address: null, extra: { nested: [1, 2] } },
    ];
    const phones = ['+14155550101', '415 555 0101', '+1 (415) 555-0101', '', '+999'];
    const emails = ['jane@example.com', 'bad', ' jane@example.com ', 'a@b', 'jürgen@exämple.de'];
    const round = (n) => {
      for (let i = 0; i < n; i++) {
        switch (i & 3) {
          case 0: validatePhone(phones[i % 5]); break;
          case 1: validateEmail(emails[i % 5], i & 8 ? { profile: 'strict' } : undefined); break;
          case 2: validateCreate(requests[i % 3]); break;
          default: validateUpdate(i & 4 ? JSON.stringify(requests[2]) : requests[2]);
        }
      }
    };
    round(200000); // warm-up: every buffer at its size, every function compiled
    await settle();
    const heap = process.memoryUsage().heapUsed;
    const memory = memoryOf(wasm);
    round(1000000);
    await settle();
    return { heapGrowth: process.memoryUsage().heapUsed - heap, memoryGrowth: memoryOf(wasm) - memory };
  },

  /** 50,000 creations of each kind of handle in one synchronous job, none disposed; then after the job ends. */
  async handles() {
    const acs = await instance('acs');
    const workspace = await instance('workspace');
    const deletion = await instance('deletion');
    const acsSnapshot = fixture('acs.json').snapshot;
    const identities = fixture('workspace.json');
    const plan = deletion.api.planDeletion(fixture('deletion/sample-snapshot.json'));
    const kinds = {
      AcsModel: [acs.wasm, () => acs.api.createAcsModel(acsSnapshot)],
      Workspace: [workspace.wasm, () => workspace.api.createWorkspace(identities.workspace ?? identities)],
      DeletionProgress: [deletion.wasm, () => deletion.api.createDeletionProgress(plan)],
    };
    const out = {};
    for (const [kind, [wasm, create]] of Object.entries(kinds)) {
      const before = memoryOf(wasm);
      let atCap = 0;
      const refusals = new Map();
      for (let i = 0; i < 50000; i++) {
        const made = create();
        if (i === 9999) atCap = memoryOf(wasm);
        if (!made.ok) refusals.set(JSON.stringify(made.issues), (refusals.get(JSON.stringify(made.issues)) ?? 0) + 1);
      }
      const after = memoryOf(wasm);
      await settle(); // the job ended: the forgotten objects are collected and their handles freed
      const again = create();
      out[kind] = { before, atCap, after, refusals: [...refusals], againOk: again.ok };
      again.dispose();
    }
    return out;
  },
};

const name = process.argv[2];
process.stdout.write(JSON.stringify(await workloads[name]()));
