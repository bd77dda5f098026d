// The language server's Python door through its real process: `node bench/lsp-python.bench.mjs [--json] [--quick]`
// (build first: `npm run build`). Edit → hints (the 60 lines around the edit, as an editor asks for its
// visible lines) in a Python file of 2,000 lines holding 50 models and in a notebook of 100 cells, median
// and p95, target p95 ≤ 30 ms; cold start → first hints on the course notebook
// (examples/advanced_rnn_theory.ipynb), target ≤ 500 ms, also with 10,000 other `.py` files in the workspace.
import { join } from 'node:path';
import { formatMs, loadSuite, root, stats } from './lib.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const suite = await loadSuite('bench/lsp-python-suite.ts');

const file = suite.pythonFile(50, 2000);
const cells = suite.notebookCells(100);
const course = suite.courseNotebook(join(root, 'examples', 'advanced_rnn_theory.ipynb'));
const runs = quick ? 2 : 5;

const editFile = stats(await suite.editPythonFile(file, quick ? 30 : 200));
const editCells = stats(await suite.editNotebook(cells, quick ? 30 : 200));
const colds = [];
for (let i = 0; i < runs; i++) colds.push(await suite.coldStartNotebook(course));
const workspace = suite.pythonWorkspace(10_000);
const coldsInFolder = [];
try {
    for (let i = 0; i < runs; i++) coldsInFolder.push(await suite.coldStartNotebook(course, workspace.folder));
} finally {
    workspace.remove();
}

const result = {
    node: process.version,
    editPythonFile: { lines: file.split('\n').length, models: 50, ...editFile, targetP95Ms: 30 },
    editNotebook: { cells: cells.length, ...editCells, targetP95Ms: 30 },
    coldStartCourseNotebook: { ...stats(colds), targetMs: 500 },
    coldStartCourseNotebookIn10000PyFiles: { ...stats(coldsInFolder), targetMs: 500 }
};
if (json) {
    console.log(JSON.stringify(result, null, 2));
} else {
    const row = (name, r, target) => `${name.padEnd(60)}${formatMs(r.medianMs)}${formatMs(r.p95Ms)}${formatMs(r.minMs)}${String(r.runs).padStart(6)}${target ? `   target ${target}` : ''}`;
    console.log(`RNN Lens language server, Python door, real process over stdio (Node.js ${process.version})\n`);
    console.log(`${'what'.padEnd(60)}${'median'.padStart(9)}${'p95'.padStart(9)}${'min'.padStart(9)}${'runs'.padStart(6)}   (ms)`);
    console.log('-'.repeat(96));
    console.log(row(`edit → hints, Python file (${result.editPythonFile.lines} lines, 50 models)`, editFile, 'p95 ≤ 30'));
    console.log(row(`edit → hints, notebook (${cells.length} cells, one cell edited)`, editCells, 'p95 ≤ 30'));
    console.log(row('cold start → first hints, course notebook', result.coldStartCourseNotebook, '≤ 500'));
    console.log(row('  the same, 10,000 other .py files in the workspace', result.coldStartCourseNotebookIn10000PyFiles, '≤ 500'));
    console.log('\nHints are asked for the 60 lines around the edit, as an editor asks for its visible lines.');
}
