import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { analyse, settings, templateText } from '../support/documents';

test('the untouched template has exactly 78 placeholder diagnostics and nothing else', () => {
  const diagnostics = computeDiagnostics(analyse(templateText), settings());
  assert.equal(diagnostics.length, 78);
  assert.ok(diagnostics.every((d) => d.code === 'placeholder' && d.source === 'blueprint'));
});
