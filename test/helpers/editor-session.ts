/**
 * What an editor asks a language server for on the course notebook's file, one request of each
 * feature (completion in three places, hover, signature help, inlay hints, a quick fix, symbols,
 * semantic tokens, code lens, formatting, references, rename, workspace symbols, folding), so that
 * the protocol tests can check every answer: against a client's declared capabilities
 * (client-profiles.test.ts) and against the LSP specification (lsp-schema.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './ensure-built.js';
import type { LspClient } from './lsp-client.js';

export const examplePath = join(ROOT, 'examples', 'advanced_rnn_theory.rnn');
export const exampleUri = pathToFileURL(examplePath).href;
export const exampleText = readFileSync(examplePath, 'utf8');
const lines = exampleText.split('\n');

/** The position of the first line holding `needle`, `offset` characters into it. */
export function at(needle: string, offset = 0): { line: number; character: number } {
    const line = lines.findIndex(l => l.includes(needle));
    if (line < 0) throw new Error(`${needle} not in the example`);
    return { line, character: lines[line].indexOf(needle) + offset };
}

export const wholeExample = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };

/** A request of the session: a label for the reports, the method, its params. */
export type Ask = (label: string, method: string, params: unknown) => Promise<any>;

/** Opens the example, waits for its diagnostics, then asks for every feature; returns the diagnostics. */
export async function editorSession(client: LspClient, ask: Ask, capabilities: any): Promise<any[]> {
    const uri = exampleUri;
    const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: exampleText } });
    const diagnostics = (await published).diagnostics;
    const document = { textDocument: { uri } };
    await ask('completion: top level', 'textDocument/completion', { ...document, position: { line: lines.length, character: 0 } });
    await ask('completion: model body', 'textDocument/completion', { ...document, position: at('LSTM(40') });
    await ask('completion: arguments', 'textDocument/completion', { ...document, position: at('LSTM(30, activation="relu"', 'LSTM(30, '.length) });
    await ask('completion: argument value', 'textDocument/completion', { ...document, position: at('activation="relu"', 'activation="'.length) });
    await ask('hover: LSTM', 'textDocument/hover', { ...document, position: at('LSTM(30, activation="relu", recurrent_dropout=0.2', 1) });
    await ask('hover: model', 'textDocument/hover', { ...document, position: at('model StackedBidirectional', 'model '.length + 1) });
    await ask('signature help', 'textDocument/signatureHelp', { ...document, position: at('LSTM(30, activation="relu"', 'LSTM('.length) });
    await ask('inlay hints', 'textDocument/inlayHint', { ...document, range: wholeExample });
    const pooling = diagnostics.find((d: any) => d.code === 'pooling-drops-steps');
    await ask('code actions', 'textDocument/codeAction', { ...document, range: pooling.range, context: { diagnostics: [pooling] } });
    await ask('document symbols', 'textDocument/documentSymbol', document);
    const tokens = await ask('semantic tokens', 'textDocument/semanticTokens/full', document);
    if (tokens?.resultId) await ask('semantic tokens delta', 'textDocument/semanticTokens/full/delta', { ...document, previousResultId: tokens.resultId });
    await ask('semantic tokens range', 'textDocument/semanticTokens/range', { ...document, range: { start: { line: 10, character: 0 }, end: { line: 40, character: 0 } } });
    await ask('code lens', 'textDocument/codeLens', document);
    await ask('formatting', 'textDocument/formatting', { ...document, options: { tabSize: 4, insertSpaces: true } });
    await ask('range formatting', 'textDocument/rangeFormatting', { ...document, range: wholeExample, options: { tabSize: 4, insertSpaces: true } });
    await ask('references', 'textDocument/references', { ...document, position: at('let n_steps', 4), context: { includeDeclaration: true } });
    await ask('document highlight', 'textDocument/documentHighlight', { ...document, position: at('let n_steps', 4) });
    await ask('definition', 'textDocument/definition', { ...document, position: at('n_steps, n_features', 1) });
    if (capabilities.textDocument?.rename?.prepareSupport) {
        await ask('prepare rename', 'textDocument/prepareRename', { ...document, position: at('let n_steps', 4) });
    }
    await ask('rename', 'textDocument/rename', { ...document, position: at('let n_steps', 4), newName: 'lookback' });
    await ask('workspace symbols', 'workspace/symbol', { query: 'Stacked' });
    await ask('folding ranges', 'textDocument/foldingRange', document);
    return diagnostics;
}
