// The language server through its real process: `node bench/lsp.bench.mjs [--json] [--quick]`
// (build first: `npm run build`). Cold start to the first diagnostics and hints; edit → new
// diagnostics → new hints, median and p95, on the notebook's file and a generated 10,000-line file.
// Hints are asked for the 60 lines around the edit (an editor asks for its visible range); on the
// 10,000-line file also for the whole file, for comparison.
// Targets (issue "Editor features"): p95 under 15 ms (notebook) and 150 ms (10,000 lines), cold start under 500 ms.
// Large workspaces (issue 18, Scale): cold start → first hints on one file of a folder of 400 and of 2,000
// `.rnn` files (copies of the notebook's file) and of 10,000 `.py` files, target ≤ 500 ms whatever the
// folder holds; and when the background index (workspace/symbol) knows every file's models.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMs, loadSuite, root, stats } from './lib.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const suite = await loadSuite('bench/lsp-suite.ts');

const notebook = readFileSync(join(root, 'examples/advanced_rnn_theory.rnn'), 'utf8');
const big = suite.generateFile(500, 42);

const colds = [];
for (let i = 0; i < (quick ? 2 : 5); i++) colds.push(await suite.coldStart(notebook));
const cold = { toDiagnostics: stats(colds.map(c => c.toDiagnosticsMs)), toHints: stats(colds.map(c => c.toHintsMs)) };
const workspaces = [];
for (const [label, rnnFiles, pyFiles] of [['400 .rnn files', 400, 0], ['2,000 .rnn files', 2000, 0], ['10,000 .py files', 0, 10000]]) {
    const workspace = suite.makeWorkspace(notebook, rnnFiles, pyFiles);
    try {
        const opened = readFileSync(workspace.firstFile, 'utf8');
        const runs = [];
        for (let i = 0; i < (quick ? 2 : 5); i++) runs.push(await suite.coldStartInWorkspace(workspace.folder, workspace.firstFile, opened, rnnFiles));
        workspaces.push({
            label, rnnFiles, pyFiles,
            toDiagnostics: stats(runs.map(r => r.toDiagnosticsMs)),
            toHints: stats(runs.map(r => r.toHintsMs)),
            toIndex: rnnFiles > 0 ? stats(runs.map(r => r.toIndexMs)) : undefined
        });
    } finally {
        workspace.remove();
    }
}
const editsNotebook = stats(await suite.editLoop(notebook, quick ? 30 : 200));
const editsBig = stats(await suite.editLoop(big, quick ? 10 : 60));
const editsBigWhole = stats(await suite.editLoop(big, quick ? 5 : 20, 'whole'));

const result = {
    node: process.version,
    coldStart: cold,
    coldStartInWorkspace: workspaces,
    editNotebook: { lines: notebook.split('\n').length, ...editsNotebook, targetP95Ms: 15 },
    editGenerated: { lines: big.split('\n').length, ...editsBig, targetP95Ms: 150 },
    editGeneratedWholeFileHints: { lines: big.split('\n').length, ...editsBigWhole }
};
if (json) {
    console.log(JSON.stringify(result, null, 2));
} else {
    const row = (name, r, target) => `${name.padEnd(54)}${formatMs(r.medianMs)}${formatMs(r.p95Ms)}${String(r.runs).padStart(6)}${target ? `   target p95 < ${target}` : ''}`;
    console.log(`RNN Lens language server benchmark, real process over stdio (Node.js ${process.version})\n`);
    console.log(`${'what'.padEnd(54)}${'median'.padStart(9)}${'p95'.padStart(9)}${'runs'.padStart(6)}   (ms)`);
    console.log('-'.repeat(80));
    console.log(row('cold start → first diagnostics (notebook)', cold.toDiagnostics, 500));
    console.log(row('cold start → first inlay hints (notebook)', cold.toHints, 500));
    for (const w of workspaces) {
        console.log(row(`  in a folder of ${w.label}: → first diagnostics`, w.toDiagnostics, 500));
        console.log(row(`  in a folder of ${w.label}: → first inlay hints`, w.toHints, 500));
        if (w.toIndex) console.log(row(`  in a folder of ${w.label}: → all indexed (background)`, w.toIndex));
    }
    console.log(row(`edit → diagnostics → hints, notebook (${result.editNotebook.lines} lines)`, editsNotebook, 15));
    console.log(row(`edit → diagnostics → hints, generated (${result.editGenerated.lines} lines)`, editsBig, 150));
    console.log(row('  the same, hints for the whole file', editsBigWhole));
    console.log('\nHints are asked for the 60 lines around the edit, as an editor asks for its visible lines.');
    console.log('Spread: min ' + [cold.toHints, ...workspaces.map(w => w.toHints)].map(r => formatMs(r.minMs).trim()).join(' / ') + ' ms (cold start rows, in order).');
}
