/**
 * The language server, measured through its real process over stdio: cold start to the first
 * diagnostics and hints, and edit → new diagnostics → new hints.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/helpers/lsp-client.js';

export { generateFile } from './analysis-suite.js';

const WHOLE = (lines: number) => ({ start: { line: 0, character: 0 }, end: { line: lines, character: 0 } });

/** Spawn → initialize → didOpen → first publishDiagnostics → inlay hints answered. */
export async function coldStart(text: string): Promise<{ toDiagnosticsMs: number; toHintsMs: number }> {
    const started = performance.now();
    const client = new LspClient();
    try {
        await client.initialize();
        const uri = 'file:///bench/cold.rnn';
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, 60_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
        await published;
        const toDiagnosticsMs = performance.now() - started;
        await client.request('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE(text.split('\n').length) }, 60_000);
        return { toDiagnosticsMs, toHintsMs: performance.now() - started };
    } finally {
        await client.shutdown();
    }
}

/** What the hint requests ask for: an editor's visible lines around the edit, or the whole file. */
export type HintRange = 'viewport' | 'whole';

/** The lines an editor window shows around a line (VS Code asks for the visible range). */
const VIEWPORT_LINES = 60;

/**
 * Edits a number in the text again and again (as typing does), each time measuring from the
 * change to its diagnostics and then to the new hints.
 */
export async function editLoop(text: string, edits: number, hintRange: HintRange = 'viewport'): Promise<number[]> {
    const client = new LspClient();
    const uri = 'file:///bench/edit.rnn';
    const lines = text.split('\n').length;
    try {
        await client.initialize();
        const opened = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, 60_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
        await opened;
        const target = text.lastIndexOf('Dense(1)');
        const line = text.slice(0, target).split('\n').length - 1;
        const range = hintRange === 'whole' ? WHOLE(lines) : {
            start: { line: Math.max(0, line - VIEWPORT_LINES / 2), character: 0 },
            end: { line: line + VIEWPORT_LINES / 2, character: 0 }
        };
        const times: number[] = [];
        for (let i = 0; i < edits; i++) {
            const units = 1 + (i % 5);
            const edited = `${text.slice(0, target)}Dense(${units})${text.slice(target + 'Dense(1)'.length)}`;
            const started = performance.now();
            const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, 60_000);
            client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited }] });
            await published;
            const hints = await client.request<Array<{ label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range }, 60_000);
            if (!hints.some(h => h.label === `${units * 1}` || /params/.test(h.label))) throw new Error('no hints came back');
            times.push(performance.now() - started);
        }
        return times;
    } finally {
        await client.shutdown();
    }
}

/** A folder like a class's submissions: `rnnFiles` copies of a `.rnn` file (each its own model names) and `pyFiles` Python files. */
export function makeWorkspace(text: string, rnnFiles: number, pyFiles: number): { folder: string; firstFile: string; remove(): void } {
    const folder = mkdtempSync(join(tmpdir(), 'rnn-lens-bench-ws-'));
    for (let i = 0; i < rnnFiles; i++) {
        const dir = join(folder, `student_${Math.floor(i / 50)}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `submission_${i}.rnn`), text.replace(/^model (\w+)/gm, `model $1_${i}`));
    }
    for (let i = 0; i < pyFiles; i++) {
        const dir = join(folder, 'python', `pkg_${Math.floor(i / 200)}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `module_${i}.py`), `import os\n\ndef f_${i}(x):\n    return x + ${i}\n`);
    }
    const firstFile = rnnFiles > 0 ? join(folder, 'student_0', 'submission_0.rnn') : join(folder, 'opened.rnn');
    if (rnnFiles === 0) writeFileSync(firstFile, text);
    return { folder, firstFile, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Spawn → initialize with the folder as the workspace → didOpen of one of its files → its first
 * diagnostics → its inlay hints; then how long until workspace/symbol knows every file's models
 * (the background index), when `expectModels` is given.
 */
export async function coldStartInWorkspace(folder: string, file: string, text: string, expectModels = 0): Promise<{ toDiagnosticsMs: number; toHintsMs: number; toIndexMs?: number }> {
    const started = performance.now();
    const client = new LspClient();
    try {
        const rootUri = pathToFileURL(folder).href;
        await client.initializeWith({
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
            capabilities: { workspace: { workspaceFolders: true, symbol: {} }, textDocument: { inlayHint: {} } }
        });
        const uri = pathToFileURL(file).href;
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, 120_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
        await published;
        const toDiagnosticsMs = performance.now() - started;
        await client.request('textDocument/inlayHint', { textDocument: { uri }, range: WHOLE(text.split('\n').length) }, 120_000);
        const toHintsMs = performance.now() - started;
        if (expectModels === 0) return { toDiagnosticsMs, toHintsMs };
        for (;;) {
            const symbols = await client.request<unknown[]>('workspace/symbol', { query: 'StackedLSTM_' }, 120_000);
            if (symbols.length >= expectModels) break;
            await new Promise(resolve => setTimeout(resolve, 20));
        }
        return { toDiagnosticsMs, toHintsMs, toIndexMs: performance.now() - started };
    } finally {
        await client.shutdown();
    }
}
