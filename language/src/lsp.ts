/**
 * The language server: its services (server/ starts them over a connection), its custom requests,
 * and their protocol (names, params, results), which the VS Code client imports for the types and
 * request names only (the bundler leaves the server code out of the client).
 */
export * from './lsp/analysis-cache.js';
export * from './lsp/call-context.js';
export * from './lsp/client-diagnostics.js';
export * from './lsp/client-profile.js';
export * from './lsp/client-symbols.js';
export * from './lsp/code-actions.js';
export * from './lsp/code-lens.js';
export * from './lsp/completion.js';
export * from './lsp/configuration.js';
export * from './lsp/custom-requests-keras.js';
export * from './lsp/custom-requests-models.js';
export * from './lsp/custom-requests-views.js';
export * from './lsp/custom-requests.js';
export * from './lsp/document-symbols.js';
export * from './lsp/document-validator.js';
export * from './lsp/formatter.js';
export * from './lsp/hover.js';
export * from './lsp/inlay-hints.js';
export * from './lsp/language-server.js';
export * from './lsp/model-view-protocol.js';
export * from './lsp/plain-text.js';
export * from './lsp/protocol-guard.js';
export * from './lsp/rnn-lens-module.js';
export * from './lsp/semantic-tokens.js';
export * from './lsp/settings-refresh.js';
export * from './lsp/settings.js';
export * from './lsp/signature-help.js';
export * from './lsp/workspace-index.js';
export * from './lsp/workspace.js';

export * from './lsp/python/python-server.js';
