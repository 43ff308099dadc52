import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFiles } from '../../server/src/cli/check';
import { forTerminal } from '../../server/src/cli/report';
import { relativeUri } from '../../server/src/cli/sarif';
import type { FileAccess, ReadText } from '../../server/src/project/file-access';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { decodeText } from '../../server/src/project/text-decoding';
import { TemplateFolderReader } from '../../server/src/template/template-folder';
import { apiTemplate } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { fixture } from '../support/documents';
import { makeFifo, makeLink, makeSparseFile, manySectionTemplate } from '../support/hostile-files';

const onePlaceholder = fixture('order-ledger.md').replace('The order ledger records', 'The [Ledger name] records');

test('the safe reader reads regular files, links to regular files, and nothing else, never for long', async () => {
  const folder = folderWith({ 'a.md': '# Title\n', 'secret.txt': 'TOKEN=abc\n' });
  makeFifo(join(folder, 'fifo.md'));
  makeLink('/dev/zero', join(folder, 'zero.md'));
  makeLink('a.md', join(folder, 'link.md'));
  makeLink('nowhere.md', join(folder, 'dangling.md'));
  makeLink('loop-b.md', join(folder, 'loop-a.md'));
  makeLink('loop-a.md', join(folder, 'loop-b.md'));
  const read = (name: string, max = 1000) => nodeFileAccess.readText(join(folder, name), max);
  assert.deepEqual(await read('a.md'), { kind: 'text', text: '# Title\n', encoding: 'utf-8' });
  assert.deepEqual(await read('link.md'), { kind: 'text', text: '# Title\n', encoding: 'utf-8' });
  assert.deepEqual(await read('fifo.md'), { kind: 'problem', problem: 'is a FIFO, not a regular file' });
  assert.deepEqual(await read('zero.md'), { kind: 'problem', problem: 'is a character device, not a regular file' });
  assert.deepEqual(await read('dangling.md'), { kind: 'problem', problem: 'is a symbolic link to nothing (its target does not exist)' });
  assert.deepEqual(await read('loop-a.md'), { kind: 'problem', problem: 'cannot be opened: too many symbolic links (a loop?)' });
  assert.deepEqual(await read('absent.md'), { kind: 'missing' });
  assert.deepEqual(await read('.'), { kind: 'problem', problem: 'is a folder, not a regular file' });
  assert.deepEqual(await read(`${'x'.repeat(300)}.md`), {
    kind: 'problem',
    problem: 'cannot be opened: its name is too long for the file system',
  });
  assert.deepEqual(
    await read('secret.txt', 4),
    { kind: 'too-large', bytes: 10, head: 'TOKEN' },
    'one byte past the limit is read, no more',
  );
});

test('a file over the limit is not read whole: its size and first 64 KB only', async () => {
  const folder = folderWith({});
  const path = join(folder, 'huge.md');
  makeSparseFile(path, 3 * 1024 ** 3);
  writeFileSync(path, '# Data Blueprint: Huge\n', { flag: 'r+' });
  const read = await nodeFileAccess.readText(path, 1_000_000);
  assert.equal(read.kind, 'too-large');
  if (read.kind !== 'too-large') return;
  assert.equal(read.bytes, 3 * 1024 ** 3);
  assert.equal(read.head.length, 64 * 1024);
  assert.ok(read.head.startsWith('# Data Blueprint: Huge\n\u0000'));
});

test('stat and list say what is there, links as links', async () => {
  const folder = folderWith({ 'a.md': '', 'sub/b.md': '' });
  makeFifo(join(folder, 'fifo.md'));
  makeLink('a.md', join(folder, 'link.md'));
  assert.deepEqual(await nodeFileAccess.stat(join(folder, 'sub')), { kind: 'folder' });
  assert.deepEqual(await nodeFileAccess.stat(join(folder, 'link.md')), { kind: 'file' });
  assert.deepEqual(await nodeFileAccess.stat(join(folder, 'fifo.md')), { kind: 'other', problem: 'is a FIFO, not a regular file' });
  assert.deepEqual(await nodeFileAccess.stat(join(folder, 'absent')), { kind: 'missing' });
  const listing = await nodeFileAccess.list(folder);
  assert.equal(listing.kind, 'entries');
  if (listing.kind !== 'entries') return;
  assert.deepEqual(
    [...listing.entries].sort((x, y) => x.name.localeCompare(y.name)),
    [
      { name: 'a.md', kind: 'file' },
      { name: 'fifo.md', kind: 'other' },
      { name: 'link.md', kind: 'link' },
      { name: 'sub', kind: 'folder' },
    ],
  );
  assert.deepEqual(await nodeFileAccess.list(join(folder, 'a.md')), { kind: 'problem', problem: 'is not a folder' });
  assert.deepEqual(await nodeFileAccess.list(join(folder, 'absent')), { kind: 'missing' });
});

test('text is decoded as editors open it: a BOM chooses UTF-8, UTF-16 LE or BE and is removed', () => {
  const text = '# Data Blueprint: Ünïcode 日本 🚀\r\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  assert.equal(decodeText(Buffer.from(text)), text);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le])), text);
  assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), text);
  assert.equal(decodeText(Buffer.from('\ufeff\ufeffx')), '\ufeffx', 'a second mark is text');
  assert.equal(decodeText(Buffer.from([0x61, 0xff, 0x62])), 'a\ufffdb', 'invalid UTF-8 becomes U+FFFD');
});

test('a templates folder read again derives only the templates whose text changed, and is the same set when none did', async () => {
  const folder = folderWith({
    'api-blueprint.md': apiTemplate,
    'event-blueprint.md': apiTemplate.replace('API Blueprint', 'Event Blueprint'),
  });
  const reader = new TemplateFolderReader(nodeFileAccess);
  const first = await reader.read(folder);
  assert.deepEqual(
    first.templates.map((t) => t.id),
    ['data-blueprint', 'api-blueprint', 'event-blueprint'],
  );
  assert.equal(await reader.read(folder), first, 'nothing changed: the very same set, nothing derived again');
  writeFileSync(
    join(folder, 'event-blueprint.md'),
    apiTemplate.replace('API Blueprint', 'Event Blueprint').replace('## Errors', '## Failures'),
  );
  const second = await reader.read(folder);
  assert.notEqual(second, first);
  assert.equal(second.files[0]!.schema, first.files[0]!.schema, 'the unchanged template keeps its derived schema');
  assert.deepEqual(
    second.files[1]!.schema!.sections.map((s) => s.name),
    ['Endpoints', 'Failures'],
  );
});

// The 20,000-section template itself is read through dist/cli.js and dist/server.js (test/cli, test/protocol).
test('a template of 2,000 tiny sections derives to 2,000 sections, and one named twice is found however far apart', async () => {
  const folder = folderWith({
    'big.md': manySectionTemplate(2_000),
    'twice.md': manySectionTemplate(2_000, 'Twice Blueprint').replace('## Part 1999', '## part 0'),
  });
  const { files } = await new TemplateFolderReader(nodeFileAccess).read(folder);
  assert.equal(files[0]!.schema!.sections.length, 2_000);
  const last = files[0]!.schema!.sections[1_999]!;
  assert.deepEqual([last.name, last.source], ['Part 1999', '## Part 1999\n\n[Notes]\n\n---\n\n']);
  assert.deepEqual(
    files[1]!.problems.map((p) => p.message),
    ["Section 'part 0' appears twice in this template"],
  );
});

test('the CLI through a file access where a file vanishes between listing and reading: named, and the others still checked', async () => {
  const folder = folderWith({ 'docs/ledger.md': onePlaceholder, 'docs/gone.md': onePlaceholder });
  const vanishing: FileAccess = {
    ...nodeFileAccess,
    readText: (path, max): Promise<ReadText> =>
      path.endsWith('gone.md') ? Promise.resolve({ kind: 'missing' }) : nodeFileAccess.readText(path, max),
  };
  const result = await checkFiles([], { cwd: folder, files: vanishing, fix: 'none', concurrency: 1 });
  assert.deepEqual(result.problems, [{ path: 'docs/gone.md', problem: 'no longer exists' }]);
  assert.deepEqual(
    result.reports.map((r) => r.path),
    ['docs/ledger.md'],
  );
});

test('terminal output escapes control characters; SARIF paths become URI references', () => {
  assert.equal(forTerminal('a\u001b[31mb\nc\td\re\u0007\u009b\u202e\u2028f'), 'a\\x1b[31mb\\nc\\td\\re\\x07\\x9b\\u202e\\u2028f');
  assert.equal(forTerminal('plain 日本 🚀'), 'plain 日本 🚀');
  assert.equal(relativeUri('docs/a#b?c%d e/Ü:x.md'), 'docs/a%23b%3Fc%25d%20e/%C3%9C%3Ax.md');
  assert.equal(relativeUri('../up/x.md'), '../up/x.md');
});
