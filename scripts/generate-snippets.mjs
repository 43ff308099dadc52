// Writes snippets/<template id>.json from the built-in templates, so the snippets are the template
// text itself with its placeholders as tab stops and can never drift from it. Run by `npm run build`;
// `--check` only reports (exit 1) when a committed file differs. The unit tests check the same.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function snippetFiles() {
  const { outputFiles } = await esbuild.build({
    stdin: {
      contents:
        "import { builtinTemplates } from './server/src/model/templates';\n" +
        "import { snippetFileText } from './server/src/features/template-snippets';\n" +
        'module.exports = builtinTemplates.map((t) => [t.id, snippetFileText(t)]);\n',
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
    loader: { '.md': 'text' },
    define: { 'import.meta.url': JSON.stringify(import.meta.url) },
  });
  const module = { exports: [] };
  new Function('module', 'exports', 'require', outputFiles[0].text)(
    module,
    module.exports,
    (await import('node:module')).createRequire(join(root, 'package.json')),
  );
  return module.exports.map(([id, text]) => ({ path: join(root, 'snippets', `${id}.json`), text }));
}

export async function generateSnippets({ check = false } = {}) {
  let stale = 0;
  for (const { path, text } of await snippetFiles()) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      console.error(`${path} differs from the template: run npm run build`);
      stale++;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = (await generateSnippets({ check: process.argv.includes('--check') })) > 0 ? 1 : 0;
}
