#!/usr/bin/env node
// Serves the web demo and the JS package over http on 127.0.0.1 (never file://), with a loopback Seam simulator
// behind a same-origin /seam proxy for the live deletion panel. Usage: node web-demo/serve.mjs [--port N]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../tests/seam-sim/simulator.js';
import { reactFormBundle } from './react-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const servedFolders = ['web-demo', 'bindings/js/src', 'bindings/js/dist'];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml',
};

// The sample workspace of the loopback Seam simulator (tests/seam-sim) the deletion panel runs against.
const sampleWorkspace = { identities: 4, clientSessions: [1, 2], acsUsers: [2, 3], credentials: [1, 3], enrollmentAutomations: 1, phones: [1, 2] };
// "Faults on": about 20% of the calls fail (429 with Retry-After, 503 with an HTML body, answers lost after the effect).
const demoFaults = { rate: { 429: 0.08, 503: 0.07, lost: 0.05 }, retryAfterSeconds: 1, event: { twice: 0.2, late: 0.2, lateMs: 300 } };
const maxBodyBytes = 1 << 20;
const proxiedHeaders = ['content-type', 'retry-after', 'seam-request-id'];

async function startSampleSimulator() {
  const sim = await startSimulator({ seed: 0x5ea1, pageSize: 5, eventDelayMs: [300, 800] });
  sim.seed(sampleWorkspace);
  return sim;
}

/** Reads a request body, at most maxBodyBytes; resolves to a Buffer or null when too large. */
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > maxBodyBytes) { resolve(null); request.destroy(); return; }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const sendJson = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * Starts the demo server and, with it, a Seam simulator on 127.0.0.1 seeded with a sample workspace, proxied
 * same-origin at /seam/* (the server adds the simulator's API key: the page never has one). POST /demo/faults
 * { on: boolean } toggles fault injection, POST /demo/reset reseeds, GET /demo/state says both.
 * Resolves to { server, url, simulator(), close() }; close() stops both. Port 0 picks a free port.
 */
export async function startDemoServer({ port = 8080, host = '127.0.0.1' } = {}) {
  let sim = await startSampleSimulator();
  let faultsOn = false;

  async function proxy(request, response, url) {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(request);
    if (body === null) return sendJson(response, 413, { error: { type: 'payload_too_large', message: 'request body too large' } });
    let answer;
    try {
      answer = await fetch(sim.endpoint + url.pathname.slice('/seam'.length) + url.search, {
        method: request.method, body: body?.length ? body : undefined, signal: AbortSignal.timeout(30_000),
        headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': request.headers['content-type'] ?? 'application/json' },
      });
    } catch {
      response.destroy(); // the simulator dropped the answer (a "lost" fault): the page sees a lost connection too
      return;
    }
    const text = Buffer.from(await answer.arrayBuffer().catch(() => new ArrayBuffer(0)));
    const headers = { 'cache-control': 'no-store' };
    for (const name of proxiedHeaders) if (answer.headers.get(name) != null) headers[name] = answer.headers.get(name);
    response.writeHead(answer.status, headers);
    response.end(text);
  }

  async function demoRoute(request, response, url) {
    if (url.pathname === '/demo/state' && request.method === 'GET') return sendJson(response, 200, { faults: faultsOn });
    if (request.method !== 'POST') return sendJson(response, 405, { error: { type: 'method_not_allowed', message: 'POST only' } });
    const body = await readBody(request);
    let parsed = {};
    try { parsed = body?.length ? JSON.parse(body.toString('utf8')) : {}; } catch { return sendJson(response, 400, { error: { type: 'invalid_json', message: 'body is not JSON' } }); }
    if (url.pathname === '/demo/faults') {
      faultsOn = Boolean(parsed.on);
      sim.setFaults(faultsOn ? demoFaults : {});
      return sendJson(response, 200, { faults: faultsOn });
    }
    if (url.pathname === '/demo/reset') {
      const old = sim;
      sim = await startSampleSimulator();
      if (faultsOn) sim.setFaults(demoFaults);
      await old.close();
      return sendJson(response, 200, { faults: faultsOn });
    }
    return sendJson(response, 404, { error: { type: 'not_found', message: 'no such demo route' } });
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname.startsWith('/seam/')) { await proxy(request, response, url).catch(() => response.destroy()); return; }
    if (url.pathname.startsWith('/demo/')) { await demoRoute(request, response, url).catch(() => response.destroy()); return; }
    if (url.pathname === '/') { response.writeHead(302, { location: '/web-demo/' }); response.end(); return; }
    if (url.pathname === '/web-demo/react-form.bundle.js') { // the React page, bundled on first request (react-bundle.mjs)
      await reactFormBundle().then((text) => {
        response.writeHead(200, { 'content-type': types['.js'], 'cache-control': 'no-store' });
        response.end(text);
      }, (error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`bundling react-form.jsx failed: ${error.message}`);
      });
      return;
    }
    let relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.resolve(root, relative);
    const allowed = servedFolders.some((folder) => file.startsWith(path.join(root, folder) + path.sep));
    try {
      if (!allowed || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  server.keepAliveTimeout = 1000;
  server.on('close', () => { sim.close(); });
  try {
    await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  } catch (error) {
    await sim.close();
    throw error;
  }
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    await sim.close();
  };
  return { server, url: `http://${host}:${server.address().port}/web-demo/`, simulator: () => sim, close };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portArgument = process.argv.indexOf('--port');
  const port = Number(portArgument > 0 ? process.argv[portArgument + 1] : process.env.PORT ?? 8080);
  const { url, simulator } = await startDemoServer({ port });
  console.log(`seamid web demo: ${url}  (Ctrl+C to stop)`);
  console.log(`Seam simulator (sample workspace) at ${simulator().endpoint}, proxied same-origin at /seam`);
}
