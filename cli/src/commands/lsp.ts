/** `rnn-lens lsp --stdio`: the language server, for Neovim, Helix, Emacs and any LSP client. */
import { startNodeLanguageServer } from '../../../server/src/index.js';
import { CliError, type Io } from '../io.js';

export function runLsp(args: string[], _io: Io): number | undefined {
    const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];
    if (!args.some(a => transports.some(t => a === t || a.startsWith(`${t}=`)))) {
        throw new CliError('give the transport: rnn-lens lsp --stdio');
    }
    startNodeLanguageServer();
    // The server runs until the client sends exit; no exit code now.
    return undefined;
}
