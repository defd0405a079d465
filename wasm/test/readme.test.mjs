// Every ```js block of wasm/README.md runs against the built package, so the package's README
// cannot go stale. `console.assert` is made to throw, as the blocks use it to state results.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

const strictAssert = (condition, ...message) => {
  if (!condition) throw new Error(`README assertion failed ${message.join(' ')}`);
};

test('the README has examples', () => {
  assert.ok(blocks.length >= 4, `${blocks.length} js blocks`);
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1}`, async () => {
    // Next to this file, so that `import … from 'attesta'` resolves as in a user's project.
    const file = new URL(`./.readme-example-${process.pid}-${i}.mjs`, import.meta.url);
    writeFileSync(file, code);
    const original = console.assert;
    console.assert = strictAssert;
    try {
      await import(file);
    } finally {
      console.assert = original;
      rmSync(file, { force: true });
    }
  });
});
