import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { fuzzParameters, testTimeout } from '../support/arbitraries';
import { analyse, settings, messageOf } from '../support/documents';
import { filledBlueprint } from '../support/filled-blueprint';

// The property that guards issue 11 as a whole: a blueprint filled in from the template, with the
// Markdown teams write around the required content (see test/support/filled-blueprint.ts), has no
// diagnostic at all — in the editor and in `blueprint check`, which share this pipeline.
test(
  'any filled-in blueprint with realistic Markdown around its content has no diagnostic at all',
  { timeout: testTimeout(120_000) },
  () => {
    fc.assert(
      fc.property(filledBlueprint(), ({ text, uri }) => {
        const diagnostics = blueprintDiagnostics(analyse(text, uri), settings());
        assert.deepEqual(
          diagnostics.map((d) => `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${messageOf(d)}`),
          [],
        );
      }),
      fuzzParameters(40),
    );
  },
);
