/**
 * The page's `readData`: the CSV that `data(path=...)` names, read by the host and posted back
 * (`dataFile`), or why not (`dataFileError`). The path is resolved relative to the .rnn file and
 * refused outside the workspace folders (webview/src/host/workspace-path.ts); the file is read
 * through the `read` it is given (vscode.workspace.fs in the extension, so that it works on any
 * file system and in VS Code for the Web). No vscode import, for tests.
 */
import { resolveDataPath, MAX_DATA_TEXT, type HostMessage } from '../../../webview/src/index.js';

export type DataFileMessage = Extract<HostMessage, { type: 'dataFile' | 'dataFileError' }>;

/** Reads a file by URI string; rejects with an error whose `code` is VS Code's FileSystemError code (`FileNotFound`, ...). */
export type ReadFile = (uri: string) => Promise<Uint8Array>;

export async function readDataFile(rnnUri: string, path: string, workspaceFolders: readonly string[], read: ReadFile): Promise<DataFileMessage> {
    const resolved = resolveDataPath(rnnUri, path, workspaceFolders);
    if (!resolved.ok) return { type: 'dataFileError', path, message: resolved.message };
    let bytes: Uint8Array;
    try {
        bytes = await read(resolved.uri);
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        const why = code === 'FileNotFound' || code === 'EntryNotFound' ? 'there is no such file' : code === 'FileIsADirectory' ? 'it is a folder' : (error as Error).message;
        return { type: 'dataFileError', path, message: `The data file "${path}" cannot be read: ${why} (${resolved.uri}).` };
    }
    // UTF-8 (a byte-order mark is dropped), as the CLI reads it. The size is checked on the bytes first: no giant string is made.
    if (bytes.byteLength > MAX_DATA_TEXT) {
        return { type: 'dataFileError', path, message: `The data file "${path}" has ${Math.round(bytes.byteLength / 1024 / 1024)} MB: more than the panel trains on (${MAX_DATA_TEXT / 1024 / 1024} MB).` };
    }
    return { type: 'dataFile', path, text: new TextDecoder('utf-8').decode(bytes) };
}
