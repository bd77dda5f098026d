/**
 * The extension in desktop VS Code (and code-server's Node extension host): the bundled language
 * server (out/server-node.cjs, which needs no node_modules) in its own Node process, over IPC.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID } from './common/command-ids.js';
import { startExtension, stopExtension } from './common/start-extension.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath('out/server-node.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        // When the extension itself is debugged, the server can be attached to on port 6009.
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    await startExtension(context, options => {
        const client = new LanguageClient(CLIENT_ID, 'RNN Lens', serverOptions, options);
        return { client, restart: () => client.restart() };
    });
}

export const deactivate = stopExtension;
