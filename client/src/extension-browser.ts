/**
 * The extension in VS Code for the Web: the browser language server (out/server-browser.js) in a
 * web worker. The same services as on desktop, without a file system (data files are not read).
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { CLIENT_ID } from './common/command-ids.js';
import { startExtension, stopExtension } from './common/start-extension.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverMain = vscode.Uri.joinPath(context.extensionUri, 'out', 'server-browser.js');
    let worker: Worker | undefined;
    // A fresh worker for each start: after a crash (the client's error handler starts it again)
    // or a restart, the old one is ended first rather than left running beside the new one.
    // The reader and writer are made here rather than by handing the client the Worker: the web
    // extension host replaces `Worker` with its own constructor, whose objects fail the
    // client's `instanceof Worker` test ("couldn't create connection to server").
    const startWorker = async (): Promise<MessageTransports> => {
        worker?.terminate();
        worker = new Worker(serverMain.toString(true));
        return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
    };
    await startExtension(context, options => {
        const client = new LanguageClient(CLIENT_ID, 'RNN Lens', startWorker, options);
        return {
            client,
            restart: async () => {
                await client.stop();
                await client.start();
            }
        };
    });
}

export const deactivate = stopExtension;
