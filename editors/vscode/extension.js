'use strict';
// The VS Code side: start `regel lsp` over stdio with vscode-languageclient. Which program to
// run and the error texts live in server.js (plain Node, tested without VS Code).

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { resolveServer, startFailedMessage } = require('./server');

const OPEN_SETTINGS = 'Åbn indstillinger';
const TRY_AGAIN = 'Prøv igen';
const SHOW_OUTPUT = 'Vis udskrift';

// The server's own settings (docs/lsp.md «Indstillinger»): sent when it starts, and again under
// `regel` in workspace/didChangeConfiguration whenever they change, so no restart is needed.
const SERVER_SETTINGS = ['tidsgrænse', 'hukommelse', 'forsinkelse'];

let client;
let output;
let queue = Promise.resolve();

function workspaceFolder() {
  const doc = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
  const own = doc && vscode.workspace.getWorkspaceFolder(doc.uri);
  const folder = own || (vscode.workspace.workspaceFolders || [])[0];
  return folder ? folder.uri.fsPath : undefined;
}

function serverSettings(cfg) {
  const out = {};
  for (const key of SERVER_SETTINGS) {
    const value = cfg.get(key);
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

async function start() {
  const folder = workspaceFolder();
  const cfg = vscode.workspace.getConfiguration('regel');
  const res = resolveServer(
    { sti: cfg.get('sti'), argumenter: cfg.get('argumenter') },
    { workspaceFolder: folder, trusted: vscode.workspace.isTrusted },
  );
  if (!res.ok) {
    output.appendLine(res.message);
    vscode.window.showErrorMessage(res.message, OPEN_SETTINGS, TRY_AGAIN).then((choice) => {
      if (choice === OPEN_SETTINGS) vscode.commands.executeCommand('workbench.action.openSettings', 'regel.sti');
      if (choice === TRY_AGAIN) restart();
    });
    return;
  }
  output.appendLine(`Starter sprogserveren: ${res.command} ${res.args.join(' ')}`);
  const c = new LanguageClient(
    'regel',
    'Regel',
    { command: res.command, args: res.args, options: folder ? { cwd: folder } : {} },
    {
      documentSelector: [{ language: 'regel' }],
      outputChannel: output,
      initializationOptions: serverSettings(cfg),
      synchronize: { configurationSection: 'regel' },
    },
  );
  client = c;
  try {
    await c.start();
  } catch (err) {
    output.appendLine(String((err && err.message) || err));
    if (client === c) client = undefined;
    try {
      await c.dispose();
    } catch {
      // already stopped
    }
    const choice = await vscode.window.showErrorMessage(startFailedMessage(res.command), SHOW_OUTPUT, TRY_AGAIN);
    if (choice === SHOW_OUTPUT) output.show(true);
    if (choice === TRY_AGAIN) restart();
  }
}

async function stop() {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.stop();
  } catch {
    // a server that never started cannot be stopped
  }
}

// One start or stop at a time: a restart while the server is still starting waits for it.
function restart() {
  queue = queue.then(stop).then(start, start);
  return queue;
}

function activate(context) {
  output = vscode.window.createOutputChannel('Regel');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('regel.genstart', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('regel.sti') || e.affectsConfiguration('regel.argumenter')) restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
  );
  return restart();
}

function deactivate() {
  queue = queue.then(stop, stop);
  return queue;
}

module.exports = { activate, deactivate };
