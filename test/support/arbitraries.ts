import fc from 'fast-check';
import { fixture, templateText } from './documents';

/**
 * The fast-check parameters every robustness property runs with: a fixed seed so `npm test` is
 * repeatable, and a bounded number of cases that `npm run fuzz` raises through FUZZ_RUNS
 * (and FUZZ_SEED, to explore other cases; a failure prints the seed and path that reproduce it).
 */
export function fuzzParameters(runs: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  const fuzzRuns = Number(process.env['FUZZ_RUNS']);
  const fuzzSeed = Number(process.env['FUZZ_SEED']);
  return {
    seed: Number.isInteger(fuzzSeed) && process.env['FUZZ_SEED'] ? fuzzSeed : 20261125,
    numRuns: Number.isInteger(fuzzRuns) && fuzzRuns > 0 ? fuzzRuns : runs,
    // Shrinking re-runs slow cases many times; the failing case as found is enough to reproduce.
    endOnFailure: true,
  };
}

/** Whether this is a fuzz run: slow per-case checks get a proportionally larger test timeout. */
export function testTimeout(baseMs: number): number {
  const fuzzRuns = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(fuzzRuns) && fuzzRuns > 0 ? baseMs * Math.max(1, fuzzRuns / 20) : baseMs;
}

/** Real blueprints to mutate: the template as is, filled-in fixtures, and the same with CRLF and a BOM. */
export const REAL_BLUEPRINTS: readonly string[] = [
  templateText,
  fixture('order-ledger.md'),
  fixture('fulfilment-ledger.md'),
  fixture('order-ledger.md').replace(/\r?\n/g, '\r\n'),
  '\uFEFF' + fixture('fulfilment-ledger.md'),
];

/**
 * What a careless keystroke, a paste or a broken file can put anywhere: the characters Markdown and
 * blueprints give meaning to, every line end, tabs, text outside the BMP, lone surrogates and NUL.
 */
const HOSTILE_FRAGMENTS = [
  '[',
  ']',
  '[[',
  ']]',
  '#',
  '# ',
  '## ',
  '### ',
  '`',
  '```',
  '```typescript\n',
  '*',
  '**',
  '→',
  ' → ',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  '😀',
  '👩‍💻',
  '漢字',
  '\uD83D',
  '\uDE00',
  '\uDC00\uD800',
  '\0',
  '\uFEFF',
  '> ',
  '- ',
  '<',
  '>',
  '(',
  ')',
  ':',
  '|',
  '\\',
  '**A** → **has** → **B**',
  '[Name]',
  'interface X {',
  '}',
  '{',
  ';',
  '**Blueprint Status**: ',
  '**Last Updated**: ',
  '<!--',
  '-->',
];

/** A piece of text to insert: mostly hostile fragments, sometimes several, sometimes any code units at all. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...HOSTILE_FRAGMENTS), { minLength: 2, maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 8 }) },
);

/** An insertion, a deletion or both at a position given as a fraction of the text (so it fits any text). */
export interface Mutation {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 2 }), fc.nat({ max: 120 })),
  insert: fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant('') }),
});

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let result = text;
  for (const m of mutations) {
    const at = Math.min(result.length, Math.floor(m.at * (result.length + 1)));
    result = result.slice(0, at) + m.insert + result.slice(at + m.remove);
  }
  return result;
}

/** A real blueprint after a few random mutations. */
export const mutatedBlueprint: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...REAL_BLUEPRINTS), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([text, mutations]) => mutate(text, mutations));

/** A position anywhere, including past the last line and past the end of a line. */
export const anyPosition: fc.Arbitrary<{ line: number; character: number }> = fc.record({
  line: fc.oneof(fc.nat({ max: 120 }), fc.nat({ max: 100_000 })),
  character: fc.oneof(fc.nat({ max: 80 }), fc.nat({ max: 100_000 })),
});

/**
 * Paragraphs that make Markdown parsers work hard (measured in the performance issue: 16 KB of `*_`
 * pairs took remark 3.6 s): long runs of emphasis markers, unclosed links and brackets, HTML openers,
 * deeply nested block quotes and lists. Sized up to `maxBytes`.
 */
export function adversarialParagraph(maxBytes: number): fc.Arbitrary<string> {
  const repeated = (unit: string, base: number) =>
    fc.integer({ min: base, max: Math.max(base, Math.floor(maxBytes / unit.length)) }).map((n) => unit.repeat(n));
  return fc.oneof(
    repeated('*_', 1000),
    repeated('_*', 1000),
    repeated('**__', 500),
    repeated('[a](', 1000),
    repeated('[', 1000),
    repeated(']', 1000),
    repeated('[]', 1000),
    repeated('<a ', 1000),
    repeated('`', 1000),
    repeated('`a', 1000),
    repeated('![', 1000),
    repeated('*a', 1000),
    repeated('\\', 1000),
    repeated('&#', 1000),
    fc.integer({ min: 50, max: 200 }).map((depth) => '> '.repeat(depth) + 'quoted'),
    fc.integer({ min: 50, max: 200 }).map((depth) => Array.from({ length: depth }, (_, i) => '  '.repeat(i) + '- item').join('\n')),
    fc.integer({ min: 50, max: 200 }).map((depth) => Array.from({ length: depth }, (_, i) => '> '.repeat(i + 1) + 'level').join('\n')),
    fc
      .array(fc.constantFrom('*', '_', '[', ']', '(', ')', '<', '`', '!', 'a', ' ', '\\', '"', '\n'), {
        minLength: 1000,
        maxLength: Math.max(1000, maxBytes),
      })
      .map((cs) => cs.join('')),
  );
}

/** `paragraph` placed inside a real blueprint section, where the server meets it in practice. */
export function insideBlueprint(paragraph: string, blueprint: string = templateText): string {
  const at = blueprint.indexOf('\n## ', blueprint.indexOf('\n## ') + 1);
  return blueprint.slice(0, at) + '\n\n' + paragraph + '\n' + blueprint.slice(at);
}
