// Label search for the autocompletes, answered by search-worker.js so that the page never
// freezes while the index is built; where a module worker cannot start, the page's own
// frameworks answer (the first query then waits for the index).

/**
 * Starts the worker with the bundles' bytes (their buffers move to the worker: the page has
 * already loaded its own copy). Resolves to `{ search(text, options) -> Promise<hits> }` once
 * the worker's index is built.
 */
export function startSearch(frameworks, bundles) {
  const local = { search: async (text, options) => frameworks.search(text, options) };
  let worker;
  try {
    worker = new Worker(new URL('./search-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(local);
  }
  const pending = new Map();
  let next = 0;
  return new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        resolve({
          search: (text, options) =>
            new Promise((done, fail) => {
              next += 1;
              pending.set(next, { done, fail });
              worker.postMessage({ type: 'search', id: next, text, options });
            }),
        });
      } else if (data.type === 'failed') {
        worker.terminate();
        resolve(local);
      } else if (data.type === 'result') {
        const waiting = pending.get(data.id);
        pending.delete(data.id);
        if (data.error) waiting?.fail(new Error(data.error));
        else waiting?.done(data.hits);
      }
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(local);
    };
    const copies = bundles.map((bytes) => bytes.slice());
    worker.postMessage({ type: 'load', bundles: copies }, copies.map((bytes) => bytes.buffer));
  });
}
