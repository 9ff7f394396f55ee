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
    for (const expected of ['index.d.ts', 'validation.d.ts', 'src/node.js', 'src/browser.js', 'src/validation-node.js',
      'src/validation-browser.js', 'dist/seamid.mjs', 'dist/seamid.wasm', 'dist/seamid-operations.mjs', 'dist/seamid-operations.wasm', 'bin/seamid.js'])
      assert.ok(files.includes(expected), `${expected} is in the package`);
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--offline', path.join(work, tarball)], work);
    const script = "import { validatePhone } from 'seamid'; console.log(JSON.stringify(validatePhone('+1 (415) 555-2671').issues[0].suggestion));";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' });
    assert.equal(out.trim(), '"+14155552671"');
    const light = "import * as v from 'seamid/validation'; console.log(Object.keys(v).sort().join(','), v.validateEmail('a@b.co').ok);";
    const lightOut = execFileSync(process.execPath, ['--input-type=module', '-e', light], { cwd: work, encoding: 'utf8' });
    assert.equal(lightOut.trim(), 'phoneMetadata,validateCreate,validateEmail,validatePhone,validateUpdate,version true');
    const cli = execFileSync(path.join(work, 'node_modules/.bin/seamid'), ['check-phone', '+14155552671'], { cwd: work, encoding: 'utf8' });
    assert.match(cli, /^ok +"\+14155552671"/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
