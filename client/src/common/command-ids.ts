/**
 * The commands the extension registers. package.json contributes the same ids (titles, menus);
 * test/extension/package-contributions.test.ts checks the two lists against each other and
 * against the commands the server's CodeLens emits.
 */
export const COMMANDS = {
    train: 'rnnLens.train',
    showSummary: 'rnnLens.showSummary',
    exportKeras: 'rnnLens.exportKeras',
    /** Runs on Python files and notebooks too: package.json activates the extension on it. */
    importKeras: 'rnnLens.importKeras',
    explain: 'rnnLens.explain',
    showDiagram: 'rnnLens.showDiagram',
    stopTraining: 'rnnLens.stopTraining',
    restartServer: 'rnnLens.restartServer',
    /** The walkthrough's first step: a copy of the course notebook's models in a new editor. */
    openExample: 'rnnLens.openExample',
    /** The same models as the course writes them: examples/advanced_rnn_theory.ipynb in the notebook editor. */
    openNotebookExample: 'rnnLens.openNotebookExample'
} as const;

/** The `.rnn` language id (package.json `contributes.languages`). */
export const LANGUAGE_ID = 'rnn';

/** The scheme of the read-only summary documents (summary-document.ts). */
export const SUMMARY_SCHEME = 'rnn-lens-summary';

/** The scheme of the read-only walk-throughs that Explain Model shows in the Markdown preview (explain/). */
export const EXPLAIN_SCHEME = 'rnn-lens-explain';

/** The language client's id: vscode-languageclient reads the `rnnLens.trace.server` setting by it. */
export const CLIENT_ID = 'rnnLens';

/** The output channel of the client, the server and the extension's own log lines. */
export const OUTPUT_CHANNEL_NAME = 'RNN Lens';
