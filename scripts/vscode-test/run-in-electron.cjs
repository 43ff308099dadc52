#!/usr/bin/env node
// Runs the integration suite (out/test/integration/index.js) in desktop VS Code through @vscode/test-electron,
// which downloads VS Code into `.vscode-test/` on first use: for machines that can reach Microsoft's update
// servers. Where they cannot, `npm run test:integration` runs the same suite in code-server.
// Environment: VSCODE_VERSION (default "stable"); BLUEPRINT_TEST_GREP runs only the tests whose names match.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath))
    throw new Error('out/test/integration/index.js is missing: run node scripts/build.mjs --tests first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-vscode-test-'));
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: { BLUEPRINT_TEST_GREP: process.env.BLUEPRINT_TEST_GREP || '' },
      launchArgs: [
        path.join(root, 'test', 'integration', 'blueprints.code-workspace'),
        '--disable-extensions', // other installed extensions; VS Code's built-in Markdown support stays
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user')}`,
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`Integration tests in VS Code (electron) failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
