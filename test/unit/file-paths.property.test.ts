import assert from 'node:assert/strict';
import { posix, win32 } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { basename, dirname, isAbsolute, isInsideFolder, join, relativeSlashed, resolve } from '../../server/src/project/file-paths';

// The project layer's paths (server/src/project/file-paths.ts) replace Node's `path` in code the web
// worker runs too: on absolute paths they must agree with Node's, POSIX and Windows alike.

const name = fc.constantFrom('docs', 'a.md', '.blueprints', 'Team Folder', 'データ', '..', '.', 'x');
const names = fc.array(name, { maxLength: 5 });
const posixPath = names.map((parts) => `/${parts.join('/')}`);
const windowsPath = fc
  .tuple(fc.constantFrom('C:\\', 'c:/', 'D:\\', '\\\\server\\share\\'), names, fc.constantFrom('\\', '/'))
  .map(([root, parts, separator]) => root + parts.join(separator));
const relativePart = fc.tuple(names, fc.constantFrom('/', '\\')).map(([parts, separator]) => parts.join(separator) || '.');

test('POSIX paths are taken apart and joined as node:path/posix does', () => {
  fc.assert(
    fc.property(posixPath, posixPath, relativePart, (a, b, rel) => {
      const posixRel = rel.replaceAll('\\', '/');
      assert.equal(dirname(a), posix.dirname(posix.normalize(a)));
      assert.equal(basename(a), posix.basename(posix.normalize(a)).replace(/^\/$/, ''));
      assert.equal(join(a, posixRel), posix.resolve(posix.join(a, posixRel)));
      assert.equal(resolve(a, posixRel), posix.resolve(a, posixRel));
      assert.equal(resolve(a, b), posix.resolve(b));
      assert.equal(relativeSlashed(a, b), posix.relative(a, b));
      assert.equal(isAbsolute(a), true);
      assert.equal(isAbsolute(posixRel), false);
    }),
  );
});

test('Windows paths (drive letters, UNC shares, both separators) are taken apart as node:path/win32 does', () => {
  fc.assert(
    fc.property(windowsPath, windowsPath, relativePart, (a, b, rel) => {
      const normal = win32.resolve(a);
      assert.equal(dirname(a), win32.dirname(normal));
      // (Node calls a share's root by the share's name; a root has no name here, as `/` has none.)
      assert.equal(basename(a), normal === win32.parse(normal).root ? '' : win32.basename(normal));
      assert.equal(join(a, rel), win32.resolve(win32.join(a, rel)));
      assert.equal(resolve(a, rel), win32.resolve(a, rel));
      const relative = win32.relative(a, b);
      assert.equal(relativeSlashed(a, b), win32.isAbsolute(relative) ? undefined : relative.replaceAll('\\', '/'));
      assert.equal(isInsideFolder(b, a), !win32.isAbsolute(relative) && relative !== '..' && !relative.startsWith('..\\'));
    }),
  );
});

test('a URI is a path whose root is its scheme and authority', () => {
  const folder = 'vscode-vfs://github/ann/repo';
  assert.equal(join(folder, '.blueprints'), 'vscode-vfs://github/ann/repo/.blueprints');
  assert.equal(dirname('vscode-vfs://github/ann/repo/docs/a.md'), 'vscode-vfs://github/ann/repo/docs');
  assert.equal(dirname('vscode-vfs://github/ann'), 'vscode-vfs://github/');
  assert.equal(dirname('vscode-vfs://github/'), 'vscode-vfs://github/');
  assert.equal(basename('vscode-vfs://github/ann/repo/docs/a.md'), 'a.md');
  assert.equal(resolve(`${folder}/docs`, '../shared/base.blueprintrc.json'), 'vscode-vfs://github/ann/repo/shared/base.blueprintrc.json');
  assert.equal(resolve(folder, '../../../..'), 'vscode-vfs://github/');
  assert.equal(relativeSlashed(folder, `${folder}/docs/.blueprints`), 'docs/.blueprints');
  assert.equal(isInsideFolder(`${folder}/docs/a.md`, folder), true);
  assert.equal(isInsideFolder('vscode-vfs://github/ann/other/a.md', folder), false);
  // Another authority is another root, as another drive is.
  assert.equal(relativeSlashed(folder, 'vscode-vfs://gitlab/ann/repo'), undefined);
  assert.equal(isInsideFolder('vscode-vfs://gitlab/ann/repo/a.md', folder), false);
  assert.equal(isAbsolute(folder), true);
});
