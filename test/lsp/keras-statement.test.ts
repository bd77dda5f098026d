/**
 * The `keras 2` / `keras 3` statement in the editor: parsed as a chunk of its own (an edit to it
 * re-parses that line only), formatted with one space, coloured as a keyword and a number,
 * offered by completion at the top level.
 */
import { EmptyFileSystem } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';
import { splitChunks } from '../../language/src/incremental/chunks.js';
import { ChunkedParser } from '../../language/src/incremental/chunked-parser.js';
import { parseRnn } from '../../language/src/describe.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;
const MODEL = 'model A {\n    Dense(1, input_shape=(3,))\n}\n';

describe('the keras statement in the editor', () => {
    it('starts a chunk of its own, so that changing the version re-parses one line', () => {
        expect(splitChunks(`keras 2\n${MODEL}`).map(c => c.text)).toEqual(['keras 2\n', MODEL]);
        const parser = new ChunkedParser(text => parseRnn(text));
        parser.parse(`keras 2\n${MODEL}`);
        const result = parser.parse(`keras 3\n${MODEL}`);
        expect(parser.lastStatistics).toEqual({ chunks: 2, parsed: 1 });
        expect(result.value.statements.map(s => s.$type)).toEqual(['KerasTarget', 'Model']);
        expect(result.parserErrors).toEqual([]);
    });

    it('is formatted with one space', async () => {
        const document = await parseHelper(services)(`keras    2\n${MODEL}`);
        const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        expect(TextDocument.applyEdits(document.textDocument, edits).split('\n')[0]).toBe('keras 2');
    });

    it('is coloured as a keyword and its version as a number', async () => {
        const provider = services.lsp.SemanticTokenProvider!;
        const document = await parseHelper(services)(`keras 2\n${MODEL}`);
        const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const decoded = SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document).map(t => `${t.text} ${t.tokenType}`);
        expect(decoded.slice(0, 2)).toEqual(['keras keyword', '2 number']);
    });

    it('is offered by completion at the top level, with the two versions to choose from', async () => {
        const document = await parseHelper(services)(`${MODEL}\n`);
        const list = await services.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position: { line: 4, character: 0 }
        });
        const keras = list!.items.find(i => i.label === 'keras');
        expect(keras?.insertText).toBe('keras ${1|3,2|}');
    });
});
