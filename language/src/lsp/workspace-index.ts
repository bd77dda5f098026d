/**
 * The names (`model X`, `let x`) of the workspace's `.rnn` files that are not open, for
 * workspace/symbol: the one feature that looks beyond the open files (no `.rnn` file refers to
 * another). Built in the background after the first open document's build (or at the first
 * workspace/symbol), a few files at a time with the event loop free in between, so that it never delays a request on an
 * open file; files of languages the
 * server does not serve are never read. A top-level name always starts its line (grammar: `let ID`,
 * `model ID`), so a line scan finds them without parsing (the parser costs ~10 ms a file).
 */
import type { FileSystemNode, FileSystemProvider, URI } from 'langium';
import { SymbolKind, type Range } from 'vscode-languageserver';

export interface IndexedName {
    readonly name: string;
    readonly kind: SymbolKind;
    readonly uri: string;
    readonly range: Range;
}

/** Files read between two yields to the event loop (after pending messages and I/O). */
const FILES_PER_TURN = 4;
const NAME_AT_LINE_START = /^([ \t]*)(let|model)([ \t]+)([A-Za-z_][A-Za-z0-9_]*)/gm;

/**
 * When the index starts: a moment after the first open document has been built (the editor asks
 * for its hints first, and on a busy machine even a light scan competes with that for the CPU), at
 * the first workspace/symbol, or at the latest some seconds after `initialized`.
 */
const START_AFTER_FIRST_BUILD_MS = 300;
const START_AT_THE_LATEST_MS = 10_000;

export class WorkspaceNameIndex {
    private readonly byUri = new Map<string, readonly IndexedName[]>();
    private indexing: Promise<void> = Promise.resolve();
    private folders: readonly URI[] = [];
    private timer: ReturnType<typeof setTimeout> | undefined;
    private started = false;

    constructor(private readonly fileSystem: FileSystemProvider, private readonly include: (entry: FileSystemNode) => boolean) {}

    /** Indexes the folders in the background, at the latest in some seconds; at once if a feature asks (ensureStarted). */
    schedule(folders: readonly URI[]): void {
        this.folders = folders;
        if (folders.length > 0) this.startIn(START_AT_THE_LATEST_MS);
    }

    /** An open document has been built: the index may start soon. */
    firstBuildDone(): void {
        if (this.folders.length > 0) this.startIn(START_AFTER_FIRST_BUILD_MS);
    }

    private startIn(ms: number): void {
        if (this.started) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.ensureStarted(), ms);
        this.timer.unref?.();
    }

    ensureStarted(): void {
        if (this.started) return;
        this.started = true;
        if (this.timer) clearTimeout(this.timer);
        this.indexing = this.indexFolders(this.folders).catch(error => console.error('Indexing the workspace failed:', error));
    }

    get done(): Promise<void> {
        return this.indexing;
    }

    names(): IndexedName[] {
        return [...this.byUri.values()].flat();
    }

    async reindex(uri: URI): Promise<void> {
        try {
            this.byUri.set(uri.toString(), namesIn(await this.fileSystem.readFile(uri), uri.toString()));
        } catch {
            this.byUri.delete(uri.toString());
        }
    }

    remove(uri: URI): void {
        const prefix = uri.toString();
        for (const key of [...this.byUri.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.byUri.delete(key);
    }

    private async indexFolders(folders: readonly URI[]): Promise<void> {
        const pending = [...folders];
        let sinceYield = 0;
        while (pending.length > 0) {
            const folder = pending.pop()!;
            let entries: FileSystemNode[];
            try {
                entries = await this.fileSystem.readDirectory(folder);
            } catch {
                continue;
            }
            for (const entry of entries) {
                if (!this.include(entry)) continue;
                if (entry.isDirectory) {
                    pending.push(entry.uri);
                } else if (entry.isFile) {
                    await this.reindex(entry.uri);
                    if (++sinceYield >= FILES_PER_TURN) {
                        sinceYield = 0;
                        await new Promise<void>(resolve => setTimeout(resolve, 0));
                    }
                }
            }
        }
    }
}

export function namesIn(text: string, uri: string): IndexedName[] {
    const names: IndexedName[] = [];
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    let line = 0;
    // Matches come in text order: the line only moves forward.
    for (const match of text.matchAll(NAME_AT_LINE_START)) {
        const offset = match.index + match[1].length + match[2].length + match[3].length;
        while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
        const character = offset - lineStarts[line];
        names.push({
            name: match[4],
            kind: match[2] === 'model' ? SymbolKind.Class : SymbolKind.Constant,
            uri,
            range: { start: { line, character }, end: { line, character: character + match[4].length } }
        });
    }
    return names;
}
