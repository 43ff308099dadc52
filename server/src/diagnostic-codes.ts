import type { SeverityName } from './settings';

// The catalogue of diagnostic codes is vocabulary that settings, rc files, templates, features and the CLI
// share, so it sits below all of them (ARCHITECTURE.md).

/** Every diagnostic code the server reports, with its default severity. */
export const DIAGNOSTIC_DEFAULTS = {
  placeholder: 'warning',
  'missing-section': 'warning',
  'missing-subsection': 'warning',
  'duplicate-section': 'warning',
  'section-order': 'information',
  'empty-section': 'warning',
  'invalid-status': 'error',
  'invalid-date': 'error',
  'missing-footer-field': 'warning',
  'unknown-structure': 'warning',
  'ambiguous-structure': 'warning',
  'typescript-syntax': 'warning',
  'too-large': 'warning',
  'degraded-analysis': 'information',
  'stale-diagram': 'information',
} as const satisfies Record<string, Exclude<SeverityName, 'off'>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_DEFAULTS;

export const DIAGNOSTIC_SOURCE = 'blueprint';
