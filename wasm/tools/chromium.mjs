// Headless Chromium for the browser test (test/browser/) and the browser benchmarks (bench/):
// the Debian package, which scripts/browser-setup.sh installs, and the flags that keep it quiet
// and offline (../shared/docs/TOOLCHAIN.md).

/** The Chromium binary: `$CHROMIUM`, as the scripts read it, else the Debian package's. */
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** No sandbox (root in a container), no GPU, and no request of Chromium's own. */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
