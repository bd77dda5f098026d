#!/usr/bin/env node
// The `rnn-lens` command: runs the bundled CLI (built by `npm run build`).
try {
    require('../out/cli.cjs');
} catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('out/cli.cjs')) {
        console.error('rnn-lens: not built yet. Run `npm run build` in the RNN Lens folder first.');
        process.exit(2);
    }
    throw error;
}
