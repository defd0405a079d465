// Browser side of wasm/bench/browser.mjs. Nothing is imported at load: each function imports the
// package (served at /pkg/index.js, which fetches and instantiates the .wasm at import time) so
// that a fresh page measures a real cold start. Times come from performance.now(); the server
// sends COOP/COEP headers so the page is cross-origin isolated and the clock is precise (5 µs).

/** Fetches `url` as bytes. */
async function bytesOf(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Cold start: import the package (fetch + compile + instantiate the .wasm), fetch a framework
 * bundle and load it. Returns the phases in milliseconds; `firstSearchMs` (the search index is
 * built by the first search) is reported apart, it is not part of the start.
 */
window.coldStart = async (bundleUrl) => {
  const t0 = performance.now();
  const attesta = await import('/pkg/index.js');
  const t1 = performance.now();
  const bytes = await bytesOf(bundleUrl);
  const t2 = performance.now();
  const frameworks = attesta.loadFramework(bytes);
  const t3 = performance.now();
  const ids = frameworks.ids();
  const hits = frameworks.search('addetto cucina', { limit: 10 });
  const t4 = performance.now();
  frameworks.free();
  return {
    instantiateMs: t1 - t0,
    fetchMs: t2 - t1,
    loadMs: t3 - t2,
    totalMs: t3 - t0,
    firstSearchMs: t4 - t3,
    ids,
    hits: hits.length,
    bytes: bytes.length,
    crossOriginIsolated: window.crossOriginIsolated,
  };
};

/**
 * Autocomplete: loads the ESCO bundle, builds the index (first search, timed apart), then for
 * each pass and each query types it one key at a time, searching every prefix (the last one is
 * the whole query) for the 10 best hits, as the form's autocomplete does. Returns the times in
 * milliseconds per pass, and per query whether an expected node was among the 10 hits.
 */
window.searchBench = async (bundleUrl, queries, passes) => {
  const attesta = await import('/pkg/index.js');
  const frameworks = attesta.loadFramework(await bytesOf(bundleUrl));
  const t0 = performance.now();
  frameworks.search('a', { limit: 10 });
  const indexMs = performance.now() - t0;
  const out = { indexMs, passes: [], found: [], slowest: [] };
  for (let pass = 0; pass < passes; pass += 1) {
    const keystrokes = [];
    const fromThird = []; // the keys after the first two, where most autocompletes start
    const whole = [];
    for (const query of queries) {
      const chars = [...query.text];
      for (let n = 1; n <= chars.length; n += 1) {
        const prefix = chars.slice(0, n).join('');
        const start = performance.now();
        const hits = frameworks.search(prefix, { limit: 10 });
        const ms = performance.now() - start;
        keystrokes.push(ms);
        if (pass === 0) out.slowest.push([ms, prefix]);
        if (n >= 3) fromThird.push(ms);
        if (n === chars.length) {
          whole.push(ms);
          if (pass === 0) {
            const codes = new Set(hits.map((h) => `${h.node.scheme} ${h.node.code}`));
            out.found.push(query.expected.some((e) => codes.has(e)));
          }
        }
      }
    }
    out.passes.push({ keystrokes, fromThird, whole });
  }
  frameworks.free();
  // The slowest keys of the first pass, to show which prefixes make the tail.
  out.slowest = out.slowest.sort((a, b) => b[0] - a[0]).slice(0, 8);
  return out;
};
