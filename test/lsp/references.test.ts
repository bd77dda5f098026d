/**
 * Constants are cross-references (`ConstantRef.constant = [Constant:ID]`), so Langium's
 * go-to-definition, find-references, document highlights and rename work on them; models are
 * declarations without references, and rename renames the declaration. Callees and argument
 * names are plain names: nothing to rename there.
 */
import { EmptyFileSystem } from 'langium';
import { expectFindReferences, expectGoToDefinition, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;

const text = [
    'let <|n_steps|> = 21',
    'let <|n_features|> = 9',
    'let shape = (<|>n_steps, n_features)',
    'model Forecast {',
    '    LSTM(30, input_shape=(n_steps, <|>n_features))',
    '    Dense(1)',
    '}'
].join('\n');

async function rename(source: string, at: string, newName: string, nth = 0): Promise<string | undefined> {
    const document = await parseHelper(services)(source);
    let offset = -1;
    for (let i = 0; i <= nth; i++) offset = source.indexOf(at, offset + 1);
    const position = document.textDocument.positionAt(offset + 1);
    const textDocument = { uri: document.uri.toString() };
    const range = await services.lsp.RenameProvider!.prepareRename(document, { textDocument, position });
    if (!range) return undefined;
    const edit = await services.lsp.RenameProvider!.rename(document, { textDocument, position, newName });
    return TextDocument.applyEdits(document.textDocument, edit?.changes?.[document.uri.toString()] ?? []);
}

describe('definitions, references and rename', () => {
    it('goes from a constant reference to its declaration, in a constant and in a layer argument', async () => {
        await expectGoToDefinition(services)({ text, index: 0, rangeIndex: 0 });
        await expectGoToDefinition(services)({ text, index: 1, rangeIndex: 1 });
    });

    it('finds every reference of a constant, with and without its declaration', async () => {
        const source = 'let <|>a = 2\nlet b = <|a|> * <|a|>\nmodel M {\n    Dense(<|a|>)\n}';
        await expectFindReferences(services)({ text: source, includeDeclaration: false });
        await expectFindReferences(services)({ text: source.replace('let <|>a', 'let <|><|a|>'), includeDeclaration: true });
    });

    it('finds the references from a use as well as from the declaration', async () => {
        await expectFindReferences(services)({
            text: 'let <|steps|> = 21\nmodel M {\n    LSTM(3, input_shape=(<|st<|>eps|>, 2))\n}',
            includeDeclaration: true
        });
    });

    it('highlights a constant and its uses', async () => {
        const source = 'let a = 2\nlet b = a * a';
        const document = await parseHelper(services)(source);
        const highlights = await services.lsp.DocumentHighlightProvider!.getDocumentHighlight(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(source.lastIndexOf('a'))
        });
        expect(highlights?.map(h => document.textDocument.getText(h.range))).toEqual(['a', 'a', 'a']);
    });

    it('renames a constant everywhere, from its declaration or from a use', async () => {
        const expected = [
            'let steps = 21',
            'let n_features = 9',
            'let shape = (steps, n_features)',
            'model Forecast {',
            '    LSTM(30, input_shape=(steps, n_features))',
            '    Dense(1)',
            '}'
        ].join('\n');
        const source = text.replace(/<\|>|<\||\|>/g, '');
        expect(await rename(source, 'n_steps', 'steps')).toBe(expected);
        expect(await rename(source, 'n_steps', 'steps', 2)).toBe(expected);
    });

    it('renames a model at its declaration', async () => {
        expect(await rename('model Forecast {\n    Dense(1)\n}\nmodel Other {\n}', 'Forecast', 'Weather'))
            .toBe('model Weather {\n    Dense(1)\n}\nmodel Other {\n}');
    });

    it('does not rename layer names or argument names', async () => {
        const source = 'model M {\n    LSTM(units=3)\n}';
        expect(await rename(source, 'LSTM', 'GRU')).toBeUndefined();
        expect(await rename(source, 'units', 'size')).toBeUndefined();
    });
});
