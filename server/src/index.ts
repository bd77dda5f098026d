/** The language server's public entry, for the command line (`rnn-lens lsp`): starting it on Node. */
export { startNodeLanguageServer } from './main-node.js';
