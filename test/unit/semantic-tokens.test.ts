import assert from 'node:assert/strict';
import { test } from 'node:test';
import { semanticTokens, SEMANTIC_TOKENS_LEGEND } from '../../server/src/features/semantic-tokens';
import { analyse, fixture, templateText } from '../support/documents';

/** Decodes LSP's relative token encoding into [line, character, length] triples. */
function decode(data: readonly number[]): Array<[number, number, number]> {
  const tokens: Array<[number, number, number]> = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    character = data[i]! === 0 ? character + data[i + 1]! : data[i + 1]!;
    assert.equal(data[i + 3], 0, 'the placeholder token type');
    tokens.push([line, character, data[i + 2]!]);
  }
  return tokens;
}

test('every placeholder of the template is one placeholder token', () => {
  assert.deepEqual(SEMANTIC_TOKENS_LEGEND, { tokenTypes: ['blueprintPlaceholder'], tokenModifiers: [] });
  const analysed = analyse(templateText);
  const tokens = decode(semanticTokens(analysed).data);
  assert.equal(tokens.length, 78);
  const lines = templateText.split('\n');
  assert.deepEqual(
    tokens.slice(0, 3).map(([l, c, n]) => lines[l]!.slice(c, c + n)),
    ['[Data System Name]', "[Describe the data system's purpose, what data it manages, and why it's needed.]", '[PrimaryStructure]'],
  );
  assert.deepEqual(
    tokens.map(([l, c, n]) => lines[l]!.slice(c, c + n)).filter((t) => !/^\[[^\]]+\]$/.test(t)),
    [],
  );
});

test('a filled-in blueprint has no tokens; positions count UTF-16 units after emoji and CJK, with CRLF', () => {
  const ledger = fixture('fulfilment-ledger.md');
  assert.deepEqual(semanticTokens(analyse(ledger)).data, []);
  const text = ledger.replace('**Author**: Ada Lovelace', '**Author**: 👤 担当 [Name]').replace(/\n/g, '\r\n');
  const tokens = decode(semanticTokens(analyse(text)).data);
  const line = text.split('\r\n').findIndex((l) => l.startsWith('**Author**'));
  assert.deepEqual(tokens, [[line, 18, 6]]);
});

test('a placeholder broken over two lines becomes one token per line', () => {
  const text = templateText.replace('[What the system handles now]', '[What the system\nhandles now]');
  const tokens = decode(semanticTokens(analyse(text)).data);
  const lines = text.split('\n');
  const start = lines.indexOf('[What the system');
  assert.deepEqual(
    tokens.filter(([l]) => l === start || l === start + 1),
    [
      [start, 0, 16],
      [start + 1, 0, 12],
    ],
  );
});
