#!/usr/bin/env node
// Serves the web demo and the JS package over http on 127.0.0.1 (never file://). Usage: node web-demo/serve.mjs [--port N]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const servedFolders = ['web-demo', 'bindings/js/src', 'bindings/js/dist'];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml',
};

/** Starts the demo server; resolves to { server, url }. Port 0 picks a free port. */
export async function startDemoServer({ port = 8080, host = '127.0.0.1' } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/') { response.writeHead(302, { location: '/web-demo/' }); response.end(); return; }
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
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  return { server, url: `http://${host}:${server.address().port}/web-demo/` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portArgument = process.argv.indexOf('--port');
  const port = Number(portArgument > 0 ? process.argv[portArgument + 1] : process.env.PORT ?? 8080);
  const { url } = await startDemoServer({ port });
  console.log(`seamid web demo: ${url}  (Ctrl+C to stop)`);
}
