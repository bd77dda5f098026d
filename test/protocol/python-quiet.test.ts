/**
 * The Python door is quiet and never falls over: on ~200 files of the Python standard library
 * (real Python nobody here wrote) the real server answers every request within 2 s and publishes
 * no diagnostic; documents of any language id under any URI a client may send never end it; and
 * a client that registers features at run time (VS Code) gets the Python features registered for
 * Python documents only, with the notebook sync it declared.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../training/src/data/synthetic.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const SAMPLE = 200;
const ANSWER_WITHIN_MS = 2_000;
const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

/** Every .py file under the standard library's folders (Debian's python3 ships them), sorted. */
function standardLibrary(): string[] {
    const roots = readdirSync('/usr/lib').filter(d => /^python3(\.\d+)?$/.test(d)).map(d => join('/usr/lib', d));
    const found: string[] = [];
    const walk = (dir: string, depth: number) => {
        for (const name of readdirSync(dir).sort()) {
            const path = join(dir, name);
            let stats;
            try {
                stats = statSync(path);
            } catch {
                continue;
            }
            if (stats.isDirectory() && depth < 3 && name !== 'site-packages' && name !== 'dist-packages') walk(path, depth + 1);
            else if (stats.isFile() && name.endsWith('.py')) found.push(path);
        }
    };
    for (const root of roots) walk(root, 0);
    return found;
}

/** A seeded sample of `count` of the files, always the same for the same library. */
function sample(files: readonly string[], count: number): string[] {
    const next = random(17);
    const pool = [...files];
    const chosen: string[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return chosen;
}

let client: LspClient;

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initialize();
}, 120_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('the Python standard library', () => {
    const files = sample(standardLibrary(), SAMPLE);

    it(`has ${SAMPLE} files to read`, () => {
        expect(files.length).toBe(SAMPLE);
    });

    it(`gets every request answered within ${ANSWER_WITHIN_MS} ms and no diagnostic`, async () => {
        const next = random(29);
        let slowest = 0;
        for (const path of files) {
            const uri = pathToFileURL(path).href;
            // The word Sequential at the end, so that the front end reads the whole file (Python that
            // never names it is not parsed at all).
            const text = `${readFileSync(path, 'utf8')}\n# keras.Sequential\n`;
            const lines = text.split('\n');
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
            const line = Math.floor(next() * lines.length);
            const position = { line, character: Math.floor(next() * ((lines[line]?.length ?? 0) + 1)) };
            const requests: Array<[string, unknown]> = [
                ['textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE }],
                ['textDocument/hover', { textDocument: { uri }, position }],
                ['textDocument/codeLens', { textDocument: { uri } }],
                ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
                ['textDocument/completion', { textDocument: { uri }, position }],
                ['textDocument/documentSymbol', { textDocument: { uri } }],
                ['rnnLens/models', { uri }]
            ];
            for (const [method, params] of requests) {
                const started = performance.now();
                const answer = await client.request(method, params, ANSWER_WITHIN_MS).catch(error => {
                    throw new Error(`${path}, ${method}: ${error}`);
                });
                slowest = Math.max(slowest, performance.now() - started);
                if (method === 'textDocument/inlayHint' || method === 'textDocument/codeLens') expect(answer ?? [], `${path} ${method}`).toEqual([]);
            }
            client.notify('textDocument/didClose', { textDocument: { uri } });
        }
        await new Promise(resolve => setTimeout(resolve, 300));
        const published = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri.startsWith('file:///usr/lib/python3'));
        expect(published.filter(n => n.params.diagnostics.length > 0).map(n => n.params.uri)).toEqual([]);
        expect(client.alive).toBe(true);
        expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);
    }, 300_000);
});

describe('any language id under any URI', () => {
    const languages = ['python', 'rnn', 'plaintext', 'jupyter', 'json', '', 'PYTHON', 'markdown'];
    const uris = ['file:///x/a.py', 'file:///x/a.rnn', 'file:///x/a', 'untitled:Untitled-1', 'vscode-notebook-cell:/x/a.ipynb#W0', 'file:///x/a.ipynb', 'file:///x/A.PY', 'git:/x/a.py?ref=HEAD'];

    it('never ends the server: every request on every such document is answered', async () => {
        const text = 'import keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.LSTM(4, input_shape=(3, 2)))\n';
        for (const languageId of languages) {
            for (const uri of uris) {
                client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
                client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# ' }] });
                client.notify('textDocument/didSave', { textDocument: { uri } });
                for (const method of ['textDocument/inlayHint', 'textDocument/hover', 'textDocument/codeLens', 'textDocument/codeAction', 'textDocument/semanticTokens/full', 'textDocument/foldingRange', 'textDocument/formatting']) {
                    await client.request(method, {
                        textDocument: { uri }, position: { line: 2, character: 24 }, range: EVERYWHERE, context: { diagnostics: [] }, options: { tabSize: 4, insertSpaces: true }
                    }, ANSWER_WITHIN_MS).catch(error => {
                        // An answer that says what is wrong is fine; no answer, or a dead server, is not.
                        if (!/^-32\d{3}:/.test(String(error.message))) throw new Error(`${languageId} ${uri} ${method}: ${error}`);
                    });
                }
                client.notify('textDocument/didClose', { textDocument: { uri } });
                expect(client.alive, `${languageId} ${uri}`).toBe(true);
            }
        }
        expect(client.stderr).not.toMatch(/service registry contains no services/);
    }, 120_000);
});

describe('a client that registers features at run time', () => {
    let vscode: LspClient;

    afterAll(async () => {
        await vscode?.shutdown();
    });

    it('gets notebook sync for Jupyter\'s Python cells, and the Python features registered for Python documents only', async () => {
        vscode = new LspClient();
        const init = await vscode.initializeAs('vscode');
        expect(init.capabilities.notebookDocumentSync).toEqual({ notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }] });
        await new Promise(resolve => setTimeout(resolve, 500));
        const registrations = vscode.serverRequests.filter(r => r.method === 'client/registerCapability').flatMap(r => r.params.registrations);
        const python = registrations.filter((r: any) => r.registerOptions?.documentSelector?.some((s: any) => s.language === 'python'));
        expect(python.map((r: any) => r.method).sort()).toEqual([
            'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didOpen', 'textDocument/hover', 'textDocument/inlayHint'
        ]);
        for (const registration of python) {
            expect(registration.registerOptions.documentSelector.every((s: any) => s.language === 'python')).toBe(true);
        }
    });

    it('gets the lenses Summary, Explain, Diagram, ▶ Train and Open as .rnn above each Python model, naming the document and the model', async () => {
        const uri = 'file:///x/lens.py';
        const text = 'import keras\nfrom keras import layers\n\nmodel = keras.Sequential()\nmodel.add(layers.LSTM(4, input_shape=(3, 2)))\nmodel.add(layers.Dense(1))\nmodel.compile(optimizer="sgd", loss="mae")\nmodel.fit(x, y, epochs=3, batch_size=16)\n';
        vscode.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
        const lenses = await vscode.request('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map((l: any) => l.command.title)).toEqual(['Summary', 'Explain', 'Diagram', '▶ Train', 'Open as .rnn']);
        expect(lenses.map((l: any) => l.command.command)).toEqual(['rnnLens.showSummary', 'rnnLens.explain', 'rnnLens.showDiagram', 'rnnLens.train', 'rnnLens.importKeras']);
        const { models } = await vscode.request('rnnLens/models', { uri });
        expect(models).toHaveLength(1);
        for (const lens of lenses) {
            expect(lens.range.start.line).toBe(3);
            expect(lens.command.arguments).toEqual([uri, models[0].name]);
        }
        // What ▶ Train opens the panel with: the model's description and analysis, trainable.
        const described = await vscode.request('rnnLens/modelDescription', { uri, model: models[0].name });
        expect(described.trainable).toBe(true);
        expect(described.summary.totalParams).toBe(4 * (4 * (4 + 2) + 4) + 5);
        // The panel's settings are the code's compile(...) and fit(...).
        expect(described.model.compile.args.optimizer).toBe('sgd');
        expect(described.model.compile.args.loss).toBe('mae');
        expect(described.model.fit.args.epochs).toBe(3);
        expect(described.model.fit.args.batch_size).toBe(16);
    });

    it('gets no notebook sync when it declares none', async () => {
        const plain = new LspClient();
        const init = await plain.initialize();
        expect(init.capabilities.notebookDocumentSync).toBeUndefined();
        await plain.shutdown();
    });
});

describe('the workspace', () => {
    it('never reads the Python files nobody opened: the background index names the .rnn files\' models only', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'rnn-lens-python-ws-'));
        const ws = new LspClient();
        try {
            // A line a .rnn scan would take for a model's name, in a .py file and in a .rnn file.
            writeFileSync(join(folder, 'train.py'), 'model PyOnlyName {\n}\nimport keras\nmodel = keras.Sequential()\n');
            writeFileSync(join(folder, 'models.rnn'), 'model RnnOnlyName {\n    Input(shape=(3, 2))\n    LSTM(4)\n}\n');
            const rootUri = pathToFileURL(folder).href;
            await ws.initializeWith({ rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities: { workspace: { workspaceFolders: true, symbol: {} } } });
            let names: string[] = [];
            for (let tries = 0; tries < 100 && !names.includes('RnnOnlyName'); tries++) {
                names = (await ws.request('workspace/symbol', { query: 'OnlyName' })).map((s: any) => s.name);
                await new Promise(resolve => setTimeout(resolve, 50));
            }
            expect(names).toEqual(['RnnOnlyName']);
        } finally {
            await ws.shutdown();
            rmSync(folder, { recursive: true, force: true });
        }
    }, 60_000);
});
