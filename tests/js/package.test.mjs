// Packaging smoke test: `npm pack` the package, install the tarball into an empty project, import it and run its CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../../bindings/js/', import.meta.url));

test('the packed package installs cleanly and works from another project', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'seamid-pack-'));
  try {
    const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
    const tarball = npm(['pack', '--pack-destination', work], packageDir).trim().split('\n').pop();
    const files = JSON.parse(npm(['pack', '--dry-run', '--json'], packageDir))[0].files.map((f) => f.path);
    const domains = ['validation', 'workspace', 'acs', 'deletion'];
    for (const expected of ['index.d.ts', 'loader.d.ts', 'src/node.js', 'src/browser.js', 'src/loader.js', 'src/loader-node.js', 'bin/seamid.js',
      ...domains.flatMap((d) => [`${d}.d.ts`, `src/${d}-node.js`, `src/${d}-browser.js`, `dist/seamid-${d}.mjs`, `dist/seamid-${d}.wasm`])])
      assert.ok(files.includes(expected), `${expected} is in the package`);
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')).sort(), domains.flatMap((d) => [`dist/seamid-${d}.mjs`, `dist/seamid-${d}.wasm`]).sort());
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--offline', path.join(work, tarball)], work);
    const script = "import { validatePhone } from 'seamid'; console.log(JSON.stringify(validatePhone('+1 (415) 555-2671').issues[0].suggestion));";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' });
    assert.equal(out.trim(), '"+14155552671"');
    const light = "import * as v from 'seamid/validation'; console.log(Object.keys(v).sort().join(','), v.validateEmail('a@b.co').ok);";
    const lightOut = execFileSync(process.execPath, ['--input-type=module', '-e', light], { cwd: work, encoding: 'utf8' });
    assert.equal(lightOut.trim(), 'phoneMetadata,validateCreate,validateEmail,validatePhone,validateUpdate,version true');
    const entries = `
      import * as workspace from 'seamid/workspace';
      import * as acs from 'seamid/acs';
      import * as deletion from 'seamid/deletion';
      import { loadAcs } from 'seamid/loader';
      console.log([workspace, acs, deletion].map((entry) => Object.keys(entry).sort().join(',')).join(' '));
      console.log(acs.createAcsModel === (await loadAcs()).createAcsModel, workspace.createWorkspace('[]').ok);`;
    const entriesOut = execFileSync(process.execPath, ['--input-type=module', '-e', entries], { cwd: work, encoding: 'utf8' });
    assert.equal(entriesOut.trim(), 'createWorkspace auditAcsSnapshot,createAcsModel createDeletionProgress,planDeletion,renderDeletionPlan\ntrue true');
    const cli = execFileSync(path.join(work, 'node_modules/.bin/seamid'), ['check-phone', '+14155552671'], { cwd: work, encoding: 'utf8' });
    assert.match(cli, /^ok +"\+14155552671"/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
