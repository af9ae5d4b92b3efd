#!/usr/bin/env node
'use strict';
// Start the language server exactly as the extension does (server.js) and shake hands over stdio:
// `initialize`, `initialized`, `shutdown`, `exit`. Prints what the server answered as JSON and
// exits 0; on failure prints the Danish message and exits 1. Needs no VS Code and no node_modules.
//
//   node scripts/tjek-server.js [--sti STI] [--arbejdsmappe MAPPE] [--ventetid SEK] [-- EKSTRA ARGUMENTER]

const { spawn } = require('child_process');
const path = require('path');
const { pathToFileURL } = require('url');
const { resolveServer, startFailedMessage } = require('../server');

function parseArgs(argv) {
  const out = { sti: undefined, argumenter: [], folder: process.cwd(), timeout: 30 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.argumenter = argv.slice(i + 1);
      break;
    } else if (a === '--sti') out.sti = argv[++i];
    else if (a === '--arbejdsmappe') out.folder = path.resolve(argv[++i]);
    else if (a === '--ventetid') out.timeout = Number(argv[++i]);
    else {
      process.stderr.write(`ukendt argument: ${a}\n`);
      process.exit(2);
    }
  }
  return out;
}

function frame(msg) {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

// Content-Length framed JSON-RPC messages from a byte stream.
function reader(onMessage) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(buf.subarray(0, end).toString('ascii'));
      if (!m) throw new Error('svar uden Content-Length: ' + buf.subarray(0, end).toString());
      const len = Number(m[1]);
      if (buf.length < end + 4 + len) return;
      onMessage(JSON.parse(buf.subarray(end + 4, end + 4 + len).toString('utf8')));
      buf = buf.subarray(end + 4 + len);
    }
  };
}

function fail(message, stderr) {
  process.stdout.write(JSON.stringify({ ok: false, message, stderr: stderr || '' }) + '\n');
  process.exit(1);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const res = resolveServer({ sti: opts.sti, argumenter: opts.argumenter }, { workspaceFolder: opts.folder });
  if (!res.ok) fail(res.message);
  const child = spawn(res.command, res.args, { cwd: opts.folder, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let initialized = null;
  const timer = setTimeout(() => {
    child.kill();
    fail(`intet svar på initialize efter ${opts.timeout} s. ` + startFailedMessage(res.command), stderr);
  }, opts.timeout * 1000);
  child.stderr.on('data', (d) => (stderr += d.toString('utf8')));
  child.on('error', (err) => fail(`${startFailedMessage(res.command)} (${err.message})`, stderr));
  child.on('exit', (code, signal) => {
    clearTimeout(timer);
    if (!initialized) fail(`${startFailedMessage(res.command)} (afsluttede med ${code ?? signal})`, stderr);
    process.stdout.write(
      JSON.stringify({
        ok: true,
        command: res.command,
        args: res.args,
        serverInfo: initialized.serverInfo || null,
        capabilities: initialized.capabilities,
        exitCode: code,
      }) + '\n',
    );
    process.exit(0);
  });
  const send = (msg) => child.stdin.write(frame(msg));
  child.stdout.on(
    'data',
    reader((msg) => {
      if (msg.id === 1) {
        if (msg.error) fail(`initialize gav fejl: ${JSON.stringify(msg.error)}`, stderr);
        initialized = msg.result;
        send({ jsonrpc: '2.0', method: 'initialized', params: {} });
        send({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null });
      } else if (msg.id === 2) {
        send({ jsonrpc: '2.0', method: 'exit', params: null });
        child.stdin.end();
      } else if (msg.id !== undefined && msg.method) {
        send({ jsonrpc: '2.0', id: msg.id, result: null }); // a request from the server (e.g. registerCapability)
      }
    }),
  );
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      processId: process.pid,
      clientInfo: { name: 'regel-tjek-server' },
      rootUri: pathToFileURL(opts.folder).href,
      workspaceFolders: null,
      capabilities: {},
    },
  });
}

main();
