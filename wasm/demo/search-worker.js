// The label search of the form, in a worker of its own: building the search index over the
// full ESCO bundle takes seconds the first time, and typing must never wait for it. The worker
// gets the bundles' bytes from the page (nothing is fetched but the package's module), builds
// the index once, then answers each query with the package's `frameworks.search`.
//
// The package is imported dynamically, after the message handler is set: a static import would
// make the worker's first message arrive while the module waits for the WebAssembly module, with
// no handler yet, and be lost.
const loading = import('./pkg/index.js');

let frameworks = null;

self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    try {
      const attesta = await loading;
      frameworks = attesta.loadFramework(data.bundles);
      // The first search builds the index: do it now, before the operator types.
      frameworks.search('index', { limit: 1 });
      self.postMessage({ type: 'ready' });
    } catch (error) {
      self.postMessage({ type: 'failed', message: error.message });
    }
  } else if (data.type === 'search') {
    try {
      self.postMessage({ type: 'result', id: data.id, hits: frameworks.search(data.text, data.options) });
    } catch (error) {
      self.postMessage({ type: 'result', id: data.id, error: error.message });
    }
  }
};
