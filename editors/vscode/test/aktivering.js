'use strict';
// extension.js without VS Code: `vscode` and `vscode-languageclient/node` are replaced by stubs
// that record what the extension asks of them. Run with plain `node test/aktivering.js`; it
// needs no node_modules. Settings come from REGEL_STI / REGEL_ARGUMENTER (JSON) in the environment.

const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');

const log = { clients: [], errors: [], commands: {}, lines: [] };
let startBehaviour = 'ok';

class FakeClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: false, stopped: false });
    log.clients.push(this);
  }
  async start() {
    if (startBehaviour === 'fail') throw new Error('Server initialization failed.');
    this.started = true;
  }
  async stop() {
    this.stopped = true;
  }
  async dispose() {
    this.stopped = true;
  }
}

const settings = {
  sti: process.env.REGEL_STI || 'regel',
  argumenter: JSON.parse(process.env.REGEL_ARGUMENTER || '[]'),
  tidsgrænse: 0.5,
  hukommelse: 1024,
  forsinkelse: 0,
};
const disposable = { dispose() {} };
const vscode = {
  window: {
    activeTextEditor: undefined,
    createOutputChannel: () => ({ appendLine: (l) => log.lines.push(l), show() {}, dispose() {} }),
    showErrorMessage: (msg, ...items) => {
      log.errors.push({ msg, items });
      return Promise.resolve(undefined);
    },
  },
  workspace: {
    workspaceFolders: [{ uri: { fsPath: process.cwd() } }],
    isTrusted: true,
    getWorkspaceFolder: () => undefined,
    getConfiguration: (section) => {
      assert.equal(section, 'regel');
      return { get: (key) => settings[key] };
    },
    onDidChangeConfiguration: (fn) => {
      log.onConfig = fn;
      return disposable;
    },
    onDidGrantWorkspaceTrust: () => disposable,
  },
  commands: {
    registerCommand: (name, fn) => {
      log.commands[name] = fn;
      return disposable;
    },
    executeCommand: () => Promise.resolve(),
  },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient: FakeClient };
  return load.call(this, request, parent, isMain);
};

const ext = require(path.join(__dirname, '..', 'extension.js'));
const pkg = require(path.join(__dirname, '..', 'package.json'));

async function main() {
  const context = { subscriptions: [] };
  await ext.activate(context);
  const declared = pkg.contributes.commands.map((c) => c.command);
  assert.deepEqual(Object.keys(log.commands).sort(), declared.sort(), 'registered commands = package.json');

  const expectFound = process.env.REGEL_FORVENT !== 'mangler';
  if (!expectFound) {
    assert.equal(log.clients.length, 0);
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0].msg, /pip install 'regel\[lsp\]'/);
    assert.match(log.errors[0].msg, /regel\.sti/);
    assert.deepEqual(log.errors[0].items, ['Åbn indstillinger', 'Prøv igen']);
    console.log(JSON.stringify({ ok: true, error: log.errors[0].msg }));
    return;
  }

  assert.equal(log.errors.length, 0, JSON.stringify(log.errors));
  assert.equal(log.clients.length, 1);
  const first = log.clients[0];
  assert.equal(first.id, 'regel', 'client id: its trace setting is regel.trace.server');
  assert.ok(pkg.contributes.configuration.properties[`${first.id}.trace.server`]);
  assert.deepEqual(first.clientOptions.documentSelector, [{ language: 'regel' }]);
  assert.equal(first.serverOptions.transport, undefined, 'no transport: the command line is exactly regel lsp');
  assert.ok(path.isAbsolute(first.serverOptions.command));
  assert.equal(first.started, true);
  // The server's settings: sent at start, and the `regel` section kept in sync afterwards.
  assert.deepEqual(first.clientOptions.initializationOptions, { tidsgrænse: 0.5, hukommelse: 1024, forsinkelse: 0 });
  assert.deepEqual(first.clientOptions.synchronize, { configurationSection: 'regel' });
  const props = pkg.contributes.configuration.properties;
  for (const key of Object.keys(first.clientOptions.initializationOptions)) {
    assert.equal(props[`regel.${key}`].type, 'number', `regel.${key} is declared in package.json`);
  }
  // Changing one of them needs no restart (the client sends it); changing the program does.
  log.onConfig({ affectsConfiguration: (s) => s === 'regel' || s === 'regel.tidsgrænse' });
  await Promise.resolve();
  assert.equal(log.clients.length, 1, 'a changed regel.tidsgrænse does not restart the server');

  // The restart command stops the running client and starts a new one.
  await log.commands['regel.genstart']();
  assert.equal(log.clients.length, 2);
  assert.equal(first.stopped, true);
  assert.equal(log.clients[1].started, true);

  // A server that dies during start-up: a Danish message with the install hint, no crash.
  startBehaviour = 'fail';
  await log.commands['regel.genstart']();
  assert.equal(log.clients.length, 3);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0].msg, /pip install 'regel\[lsp\]'/);
  assert.deepEqual(log.errors[0].items, ['Vis udskrift', 'Prøv igen']);

  await ext.deactivate();
  console.log(
    JSON.stringify({ ok: true, command: first.serverOptions.command, args: first.serverOptions.args, log: log.lines }),
  );
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
