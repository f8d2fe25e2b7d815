#!/usr/bin/env node
// Node's own process warnings (an ExperimentalWarning, a dependency's DeprecationWarning, a
// MaxListenersExceededWarning) are not kam's messages: kam shows them only with KAM_DEBUG=1.
// The listener Node installs to print them goes; worker threads start from this environment.
if (process.env.KAM_DEBUG !== '1') {
  process.removeAllListeners('warning');
  process.env.NODE_NO_WARNINGS = '1';
}
await import('../dist/cli.js');
