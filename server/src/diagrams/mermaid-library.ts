// Mermaid itself, bundled once into dist/mermaid.js for every place that draws a diagram: the
// Show Data Model view and the Markdown preview load it with a <script> tag (it sets the global
// `blueprintMermaid`), and `blueprint diagram --format svg` requires it (see scripts/build.mjs).
export { default as mermaid } from 'mermaid';
