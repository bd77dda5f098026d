/**
 * The browser language server, run in a web worker by VS Code for the Web: the same services as
 * the Node server, without a file system (data files are not read, so data checks are skipped).
 */
import '../../language/src/polyfills/object-group-by.cjs';
import { EmptyFileSystem } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createRnnLensServices, registerCustomRequests, ProtocolGuard, registerPythonDoor } from '../../language/src/lsp.js';
import { exportModelCode } from '../../training/src/export.js';

declare const self: DedicatedWorkerGlobalScope;

const guard = new ProtocolGuard();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), guard.connectionOptions);
const { shared, RnnLens } = createRnnLensServices({ connection, ...EmptyFileSystem, exportModelCode });
guard.attach(connection, shared, RnnLens.python.Door);
registerCustomRequests(connection, shared, RnnLens);
registerPythonDoor(connection, shared, RnnLens);
startLanguageServer(shared);
