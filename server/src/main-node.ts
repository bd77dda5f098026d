/**
 * The Node.js language server: stdio (`rnn-lens lsp --stdio`, for any editor) or IPC (the VS Code
 * client); vscode-languageserver picks the transport from the command line.
 */
import '../../language/src/polyfills/object-group-by.cjs';
import { dirname } from 'node:path';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createRnnLensServices, registerCustomRequests, ProtocolGuard, registerPythonDoor } from '../../language/src/lsp.js';
import { CsvDataSource } from '../../language/src/node.js';
import { exportModelCode } from '../../training/src/export.js';

export function startNodeLanguageServer(): void {
    // The guard answers what must not reach a handler (requests before initialize, malformed params...).
    const guard = new ProtocolGuard();
    const connection = createConnection(ProposedFeatures.all, guard.connectionOptions);
    const { shared, RnnLens } = createRnnLensServices({
        connection,
        ...NodeFileSystem,
        exportModelCode,
        dataSourceFor: uri => (uri.scheme === 'file' ? new CsvDataSource(dirname(uri.fsPath)) : undefined)
    });
    guard.attach(connection, shared, RnnLens.python.Door);
    // A failure outside any request (a bug) is reported to the client's log; it must not end the
    // process, which Node does by default for an unhandled rejection.
    process.on('unhandledRejection', reason => connection.console.error(`RNN Lens: unhandled failure: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`));
    registerCustomRequests(connection, shared, RnnLens);
    registerPythonDoor(connection, shared, RnnLens);
    startLanguageServer(shared);
}
