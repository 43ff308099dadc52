import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBlueprint } from '../../server/src/model/blueprint-parser';
import { withCursors } from '../support/cursor';

const title = '# Data Blueprint: Ledger\n\n## Purpose\n\n';

/** The placeholder texts found in a section body. */
function placeholdersIn(body: string): string[] {
  return parseBlueprint(title + body).placeholders.map((p) => p.text);
}

test('a bracketed phrase is a placeholder from [ to ]', () => {
  const { text, offsets } = withCursors(`${title}Owned by $0[Team Name]$1 since 2024.\n`);
  const [p] = parseBlueprint(text).placeholders;
  assert.deepEqual(p, { text: 'Team Name', span: { start: offsets[0], end: offsets[1] } });
});

test('placeholders inside bold text, list items and tables are found', () => {
  assert.deepEqual(placeholdersIn('- **[Source 1]**: [What data comes from here]\n\n| a | b |\n|---|---|\n| [Cell] | x |\n'), [
    'Source 1',
    'What data comes from here',
    'Cell',
  ]);
});

test('links and images are not placeholders', () => {
  assert.deepEqual(placeholdersIn('See [the docs](https://example.com) and ![a diagram](d.png) and <https://x.org>.\n'), []);
});

test('reference links are not placeholders, with or without their definition', () => {
  assert.deepEqual(placeholdersIn('Read [the guide][guide] and [RFC][].\n\n[guide]: https://example.com\n'), []);
  assert.deepEqual(placeholdersIn('Read [the guide][guide] now.\n'), []);
});

test('a shortcut reference is a placeholder only while no definition names it', () => {
  assert.deepEqual(placeholdersIn('Read [RFC-12] first.\n\n[rfc-12]: https://example.com\n'), []);
  assert.deepEqual(placeholdersIn('Read [RFC-12] first.\n'), ['RFC-12']);
});

test('a definition in another section still resolves the reference', () => {
  const text = `${title}Read [RFC-12] first.\n\n## Data Model\n\n[RFC-12]: https://example.com\n`;
  assert.deepEqual(parseBlueprint(text).placeholders, []);
});

test('footnotes, task boxes, escaped brackets and inline code are not placeholders', () => {
  assert.deepEqual(
    placeholdersIn('A note[^1].\n\n[^1]: The note.\n\n- [ ] todo\n- [x] done\n\nLiteral \\[not a placeholder\\] and `[code]`.\n'),
    [],
  );
});

test('HTML and comments are not placeholders', () => {
  assert.deepEqual(placeholdersIn('<!-- [hidden] -->\n\nText <span title="[x]">y</span>.\n'), []);
});

test('in typescript blocks only names are placeholders, not array types, tuples, index signatures or element access', () => {
  const body =
    '```typescript\ninterface [PrimaryStructure] {\n  items: Item[];\n  pair: [A, B];\n  [key: string]: unknown;\n  first: Tuple[0];\n}\ninterface [SystemName]State {}\ntype [Alias] = string[];\n```\n';
  assert.deepEqual(placeholdersIn(body), ['PrimaryStructure', 'SystemName', 'Alias']);
});

test('code blocks in other languages hold no placeholders', () => {
  assert.deepEqual(placeholdersIn('```json\n{"a": [1, 2], "b": "[x]"}\n```\n\n    [indented code]\n'), []);
});

test('a placeholder name in code has its exact range', () => {
  const { text, offsets } = withCursors(`${title}\`\`\`typescript\ninterface $0[SystemName]$1State {\n  id: string;\n}\n\`\`\`\n`);
  assert.deepEqual(parseBlueprint(text).placeholders, [{ text: 'SystemName', span: { start: offsets[0], end: offsets[1] } }]);
});

test('GitHub alerts are not placeholders: the five markers, in any case, alone on the first line of a block quote', () => {
  const alerts = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION', 'note', 'Warning', 'cAuTiOn']
    .map((kind) => `> [!${kind}]\n> Read this before changing the schema.\n`)
    .join('\n');
  assert.deepEqual(placeholdersIn(alerts), []);
  // Trailing white space or a hard break after the marker, a marker with nothing under it, CRLF.
  assert.deepEqual(
    placeholdersIn('> [!NOTE]   \n> Spaces.\n\n> [!TIP]\\\n> A hard break.\n\n> [!IMPORTANT]\n\n> [!WARNING]\r\n> CRLF.\r\n'),
    [],
  );
  assert.deepEqual(placeholdersIn('> [!NOTE]\n>\n> Paragraph two, with a [real placeholder].\n'), ['real placeholder']);
});

test('what GitHub does not render as an alert keeps its brackets: text after the marker, other words, nesting, prose', () => {
  const { text, offsets } = withCursors(`${title}> $0[!NOTE]$1 Read this first.\n`);
  assert.deepEqual(parseBlueprint(text).placeholders, [{ text: '!NOTE', span: { start: offsets[0], end: offsets[1] } }]);
  assert.deepEqual(placeholdersIn('> [!INFO]\n> Not one of the five.\n'), ['!INFO']);
  assert.deepEqual(placeholdersIn('> > [!NOTE]\n> > Nested.\n'), ['!NOTE']);
  assert.deepEqual(placeholdersIn('- > [!TIP]\n  > In a list.\n'), ['!TIP']);
  assert.deepEqual(placeholdersIn('Prose that mentions [!WARNING] alerts.\n'), ['!WARNING']);
  assert.deepEqual(placeholdersIn('> Quoted first.\n> [!NOTE]\n'), ['!NOTE']);
});

test('front matter is not text: brackets in YAML and TOML are not placeholders', () => {
  const yaml =
    '---\ntitle: Ledger\ntags: [ledger, finance]\nowners: ["[team]"]\n---\n\n# Data Blueprint: Ledger\n\n## Purpose\n\nOwned by [Team Name].\n';
  assert.deepEqual(
    parseBlueprint(yaml).placeholders.map((p) => p.text),
    ['Team Name'],
  );
  const toml = '+++\ntitle = "Ledger"\ntags = ["ledger", "finance"]\n[extra]\nreviewed = true\n+++\n\n# Data Blueprint: Ledger\n';
  assert.deepEqual(parseBlueprint(toml).placeholders, []);
});
