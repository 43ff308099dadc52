// Lets an integration test act in VS Code's workbench itself, where the `vscode` API cannot reach: type
// into the real input box, read the message under it, press keys, take a screenshot. The test (in the
// extension host, test/integration/helpers.ts `workbench`) logs one request per line,
// `[blueprint-ui] {"id":1,"action":"quickInput"}`; the workbench forwards the extension host's console
// to the page, where this driver carries the request out with Playwright and writes the answer to
// `<answersDir>/answer-<id>.json`, which the test waits for.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const REQUEST = /\[blueprint-ui\] (\{.*\})/;
const QUICK_INPUT = '.quick-input-widget';

/** What the input box shows: whether it is open, its value, the message under it and whether that is an error. */
function quickInputState(page) {
  return page.evaluate((selector) => {
    const widget = document.querySelector(selector);
    const visible = !!widget && widget.style.display !== 'none' && widget.getBoundingClientRect().height > 0;
    const input = widget?.querySelector('input');
    const message = widget?.querySelector('.quick-input-message');
    // The message is the prompt until a validation message replaces it; an error also marks the input box.
    const error = !!widget?.querySelector('.monaco-inputbox.error');
    return { visible, value: input?.value ?? '', message: message?.textContent?.trim() ?? '', error };
  }, QUICK_INPUT);
}

const ACTIONS = {
  quickInput: (page) => quickInputState(page),
  /** Replaces the input box's text, as typing would. */
  async fillQuickInput(page, { text }) {
    const input = page.locator(`${QUICK_INPUT} input`).first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    return quickInputState(page);
  },
  /** The text of what a Playwright selector finds first, once it is in the page; a `<br>` reads as a line break. */
  async text(page, { selector }) {
    const found = page.locator(selector).first();
    await found.waitFor({ state: 'attached', timeout: 10_000 });
    const text = await found.evaluate((element) => {
      const copy = element.cloneNode(true);
      for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
      return copy.textContent;
    });
    return { text: text ?? '' };
  },
  /** Clicks what a Playwright selector finds first (`.pane-header:has-text("Outline")`). */
  async click(page, { selector }) {
    await page.locator(selector).first().click({ timeout: 10_000 });
    return {};
  },
  async press(page, { key }) {
    await page.keyboard.press(key);
    return {};
  },
  /**
   * What a webview shows (webviews and the Markdown preview are frames inside frames): in the first
   * frame where the selector finds something (`count` elements, when given) within 15 s, how many
   * elements it finds and their texts; else what it found last.
   */
  async frameElements(page, { selector, count }) {
    const deadline = Date.now() + 15_000;
    let last = [];
    for (;;) {
      for (const frame of page.frames()) {
        const found = await frame
          .evaluate((s) => Array.from(document.querySelectorAll(s), (e) => e.textContent ?? ''), selector)
          .catch(() => []);
        if (found.length > 0) last = found;
        if (found.length > 0 && (count === undefined || found.length === count)) return { count: found.length, texts: found };
      }
      if (Date.now() > deadline) return { count: last.length, texts: last };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  },
  async screenshot(page, { name }, screenshotsDir) {
    const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]/g, '-')}.png`);
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: file });
    return { file };
  },
};

/** Serves the requests of the tests running in `page`'s extension host, one at a time. */
function attachWorkbenchDriver(page, { answersDir, screenshotsDir }) {
  let queue = Promise.resolve();
  page.on('console', (message) => {
    const found = REQUEST.exec(message.text());
    if (!found) return;
    const request = JSON.parse(found[1]);
    queue = queue.then(async () => {
      let answer;
      try {
        const action = ACTIONS[request.action];
        if (!action) throw new Error(`unknown workbench action ${request.action}`);
        answer = { ok: true, result: await action(page, request, screenshotsDir) };
      } catch (error) {
        answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const file = path.join(answersDir, `answer-${request.id}.json`);
      fs.writeFileSync(`${file}.partial`, JSON.stringify(answer));
      fs.renameSync(`${file}.partial`, file);
    });
  });
}

module.exports = { attachWorkbenchDriver };
