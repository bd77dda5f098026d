/**
 * The e2e assertions of test/e2e/, through the VS Code API, inside a desktop VS Code's extension
 * host (@vscode/test-electron calls run()). The numbers come from the analysis (run-desktop.mjs
 * runs the CLI and passes its JSON), compared with the same helpers as the code-server tests.
 * A tiny runner instead of mocha: each check logs, and run() rejects when any failed.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { layerHints, lstmFormula, modelNamed, STACKED_LSTM, totalHint, type SummaryModel } from '../../e2e/harness/expected.js';

interface Expected {
    readonly example: string;
    readonly models: SummaryModel[];
    readonly singleLstmTable: string;
}

const checks: [string, () => Promise<void>][] = [];
const check = (name: string, body: () => Promise<void>) => checks.push([name, body]);

export async function run(): Promise<void> {
    const expected = JSON.parse(readFileSync(process.env.RNN_LENS_DESKTOP_EXPECTED!, 'utf8')) as Expected;
    define(expected);
    const failed: string[] = [];
    for (const [name, body] of checks) {
        try {
            await body();
            console.log(`  ✓ ${name}`);
        } catch (error) {
            failed.push(name);
            console.error(`  ✗ ${name}\n${error instanceof Error ? error.stack : String(error)}`);
        }
    }
    if (failed.length > 0) throw new Error(`${failed.length} of ${checks.length} desktop checks failed: ${failed.join('; ')}`);
}

function define(expected: Expected): void {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const exampleUri = vscode.Uri.joinPath(folder, expected.example);

    check('the inlay hints are each layer\'s shape and parameter count and each model\'s total', async () => {
        const document = await open(exampleUri);
        const hints = await until(() => inlayHints(document), h => h.length > 0, 'inlay hints');
        const lines = document.getText().split('\n');
        const starts = expected.models.map(m => lines.findIndex(l => new RegExp(`^model ${m.name}\\b`).test(l)));
        expected.models.forEach((m, i) => {
            const end = starts[i + 1] ?? Infinity;
            assert.ok(hints.some(h => h.line === starts[i] && h.label.startsWith(totalHint(m))), `${m.name}'s total`);
            assert.deepEqual(hints.filter(h => h.line > starts[i]! && h.line < end).map(h => h.label), layerHints(m), `${m.name}'s layer hints`);
        });
    });

    check('the hover over LSTM shows the formula with the numbers', async () => {
        const document = await open(exampleUri);
        const line = document.getText().split('\n').findIndex(l => /^\s+LSTM\(30, activation="relu", recurrent_dropout=0\.2\)/.test(l));
        const position = new vscode.Position(line, document.lineAt(line).firstNonWhitespaceCharacterIndex + 1);
        const hovers = await until(() => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position),
            h => h.length > 0, 'a hover');
        const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.ok(text.includes(lstmFormula(modelNamed(expected.models, 'SingleLSTM')).formula), text);
    });

    check('Show Summary opens the Keras table of the model', async () => {
        await open(exampleUri);
        await vscode.commands.executeCommand('rnnLens.showSummary', exampleUri.toString(), 'SingleLSTM');
        const editor = await until(async () => vscode.window.activeTextEditor, e => e?.document.uri.scheme === 'rnn-lens-summary', 'the summary editor');
        const trim = (text: string) => text.split('\n').map(l => l.trimEnd()).filter(l => l.length > 0);
        assert.deepEqual(trim(editor!.document.getText()), trim(expected.singleLstmTable));
    });

    check('the missing return_sequences is diagnosed with its code; the quick fix removes it and the hint changes', async () => {
        const uri = vscode.Uri.joinPath(folder, 'stacked.rnn');
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(STACKED_LSTM.text));
        const document = await open(uri);
        const [diagnostic] = await until(async () => vscode.languages.getDiagnostics(uri), d => d.length > 0, 'the diagnostic');
        assert.equal(codeOf(diagnostic!), STACKED_LSTM.code);
        assert.equal(diagnostic!.range.start.line, STACKED_LSTM.secondLstmLine - 1);
        const before = await inlayHints(document);
        assert.ok(before.some(h => h.line === STACKED_LSTM.firstLstmLine - 1 && h.label === '(None, 30)'));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range);
        const fix = actions.find(a => a.title.startsWith(STACKED_LSTM.fixTitle));
        assert.ok(fix?.edit, `a quick fix titled "${STACKED_LSTM.fixTitle}..." among ${actions.map(a => a.title).join(', ')}`);
        assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
        assert.equal(document.lineAt(STACKED_LSTM.firstLstmLine - 1).text.trim(), STACKED_LSTM.fixedFirstLine);
        await until(async () => vscode.languages.getDiagnostics(uri), d => d.length === 0, 'no diagnostics after the fix');
        await until(() => inlayHints(document), h => h.some(x => x.line === STACKED_LSTM.firstLstmLine - 1 && x.label === '(None, 21, 30)'), 'the changed hint');
    });

    check('completion inside LSTM( offers return_sequences', async () => {
        const uri = vscode.Uri.joinPath(folder, 'complete.rnn');
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('model Complete {\n    LSTM(30, \n}\n'));
        const document = await open(uri);
        const list = await until(() => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(1, 13)),
            l => l.items.length > 0, 'completions');
        const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.some(l => l.startsWith('return_sequences')), labels.join(', '));
    });
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
}

async function inlayHints(document: vscode.TextDocument): Promise<{ line: number; label: string }[]> {
    const range = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
    return hints
        .map(h => ({ line: h.position.line, character: h.position.character, label: typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('') }))
        .sort((a, b) => a.line - b.line || a.character - b.character)
        .map(({ line, label }) => ({ line, label }));
}

function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    return typeof code === 'object' ? String(code.value) : String(code);
}

/** Polls `get` until `ok` holds (the server starts and answers asynchronously), for up to 30 s. */
async function until<T>(get: () => Thenable<T> | Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 30_000;
    let last: T | undefined;
    while (Date.now() < deadline) {
        try {
            last = await get();
            if (ok(last)) return last;
        } catch { /* the extension may not be active yet */ }
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}
