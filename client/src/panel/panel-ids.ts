/**
 * The training panel's names: its webview view type (package.json's `onWebviewPanel:` activation
 * event names it, so that VS Code can restore the panel after a restart), the language server
 * request it sends, the internal command of its status-bar item, and its log lines' prefix.
 */

/** The view type of the training panel (`vscode.window.createWebviewPanel`, the serializer). */
export const TRAINING_PANEL_VIEW_TYPE = 'rnnLens.trainingPanel';

/**
 * language/src/lsp/custom-requests.ts's MODEL_DESCRIPTION_REQUEST, spelt out (importing that
 * module's value would bring the server into the client bundles, as server-requests.ts explains);
 * test/extension/training-panel-host.test.ts checks that the two agree.
 */
export const MODEL_DESCRIPTION_REQUEST_NAME = 'rnnLens/modelDescription';

/**
 * Reveals the training panel (the status-bar item's click). Internal: not contributed in
 * package.json, so not in the Command Palette.
 */
export const SHOW_TRAINING_PANEL_COMMAND = 'rnnLens.showTrainingPanel';

/** Every log line of the panel starts with this, for people and for the e2e test to find. */
export const PANEL_LOG_PREFIX = '[RNN Lens] training panel:';
