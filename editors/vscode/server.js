'use strict';
// How to start `regel lsp`: find the executable, build the command line and word the errors.
// Plain Node (no `vscode` import), so the tests run it with `node` alone; extension.js uses it.

const fs = require('fs');
const os = require('os');
const path = require('path');

const DEFAULT_PATH = 'regel';
const SERVER_ARGS = ['lsp'];
const INSTALL = "pip install 'regel[lsp]'";

// `~`, `${userHome}` and `${workspaceFolder}` in the setting; a relative path with a folder
// in it (`.venv/bin/regel`) is taken from the workspace folder.
function expandSetting(value, ctx) {
  let s = String(value || '').trim() || DEFAULT_PATH;
  const home = ctx.home || os.homedir();
  if (s === '~' || s.startsWith('~/') || s.startsWith('~\\')) s = home + s.slice(1);
  s = s.split('${userHome}').join(home);
  if (ctx.workspaceFolder) s = s.split('${workspaceFolder}').join(ctx.workspaceFolder);
  if (hasSeparator(s, ctx.platform) && !isAbsolute(s, ctx.platform) && ctx.workspaceFolder) {
    s = pathFor(ctx.platform).resolve(ctx.workspaceFolder, s);
  }
  return s;
}

function pathFor(platform) {
  return (platform || process.platform) === 'win32' ? path.win32 : path.posix;
}

function isAbsolute(s, platform) {
  return pathFor(platform).isAbsolute(s);
}

function hasSeparator(s, platform) {
  return s.includes('/') || ((platform || process.platform) === 'win32' && s.includes('\\'));
}

function isExecutableFile(file, platform) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if ((platform || process.platform) !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// Windows: `regel` is `regel.exe` in the Scripts folder; try the extensions in PATHEXT.
function withExtensions(file, env, platform) {
  if ((platform || process.platform) !== 'win32') return [file];
  const exts = (env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  if (exts.some((e) => file.toLowerCase().endsWith(e.toLowerCase()))) return [file];
  return [file, ...exts.map((e) => file + e.toLowerCase())];
}

// The absolute file `command` names (a path, or a name looked up in PATH), or null.
function findExecutable(command, ctx = {}) {
  const env = ctx.env || process.env;
  const platform = ctx.platform || process.platform;
  const p = pathFor(platform);
  if (hasSeparator(command, platform) || isAbsolute(command, platform)) {
    return withExtensions(p.resolve(command), env, platform).find((f) => isExecutableFile(f, platform)) || null;
  }
  const dirs = (env.PATH || env.Path || '').split(p.delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const f of withExtensions(p.join(dir, command), env, platform)) {
      if (isExecutableFile(f, platform)) return f;
    }
  }
  return null;
}

// A virtual environment in the workspace (`pip install .` in .venv), used only when the setting
// is the default and `regel` is not on PATH, and only in a trusted workspace.
function workspaceCandidates(ctx) {
  if (!ctx.workspaceFolder || ctx.trusted === false) return [];
  const p = pathFor(ctx.platform);
  const bin = (ctx.platform || process.platform) === 'win32' ? ['Scripts', 'regel.exe'] : ['bin', 'regel'];
  return ['.venv', 'venv'].map((v) => p.join(ctx.workspaceFolder, v, ...bin));
}

function notFoundMessage(setting, tried) {
  let where = '';
  if (setting === DEFAULT_PATH) where = ' på PATH';
  else if (tried !== setting) where = ` (${tried})`;
  return (
    `Sprogserveren til .regel kan ikke starte: programmet «${setting}» findes ikke${where}. ` +
    `Installér regel med sprogserveren: ${INSTALL} — eller sæt indstillingen «regel.sti» ` +
    'til den fulde sti til programmet (fx …/.venv/bin/regel).'
  );
}

function startFailedMessage(command) {
  return (
    `Sprogserveren «${command} ${SERVER_ARGS.join(' ')}» stoppede under opstarten; se udskriften «Regel». ` +
    `Er regel installeret uden sprogserveren, så installér den med: ${INSTALL}`
  );
}

// settings: {sti, argumenter}; ctx: {workspaceFolder, trusted, env, platform, home}.
// Returns {ok: true, command, args, tried} or {ok: false, message, tried}.
function resolveServer(settings = {}, ctx = {}) {
  const setting = String(settings.sti || '').trim() || DEFAULT_PATH;
  const extra = Array.isArray(settings.argumenter) ? settings.argumenter.map(String) : [];
  const tried = expandSetting(setting, ctx);
  let command = findExecutable(tried, ctx);
  if (!command && setting === DEFAULT_PATH) {
    command = workspaceCandidates(ctx).find((f) => isExecutableFile(f, ctx.platform)) || null;
  }
  if (!command) return { ok: false, message: notFoundMessage(setting, tried), tried };
  return { ok: true, command, args: [...SERVER_ARGS, ...extra], tried };
}

module.exports = {
  DEFAULT_PATH,
  SERVER_ARGS,
  INSTALL,
  expandSetting,
  findExecutable,
  notFoundMessage,
  startFailedMessage,
  resolveServer,
};
