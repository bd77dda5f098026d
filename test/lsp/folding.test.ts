/**
 * Folding: Langium's default provider folds every node of three lines or more, which gives a
 * range for each model body and each call the user broke over lines (the closing line stays
 * visible). Line comments do not fold.
 */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { expectFoldings, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;

async function foldings(text: string): Promise<Array<[number, number]>> {
    const document = await parseHelper(services)(text);
    const ranges = await services.lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
    return [...new Set(ranges.map(r => `${r.startLine}:${r.endLine}`))].map(s => s.split(':').map(Number) as [number, number]);
}

describe('folding', () => {
    it('folds each model body of the course notebook, and the Conv1D call written over three lines', async () => {
        const theory = readFileSync(new URL('../../examples/advanced_rnn_theory.rnn', import.meta.url), 'utf8');
        const lines = theory.split('\n');
        const models = lines.flatMap((line, i) => (line.startsWith('model ') ? [i] : []));
        const ranges = await foldings(theory);
        expect(models).toHaveLength(7);
        for (const start of models) {
            const close = lines.indexOf('}', start);
            expect(ranges).toContainEqual([start, close - 1]);
        }
        const conv = lines.findIndex(line => line.includes('Conv1D(filters=3,'));
        expect(ranges).toContainEqual([conv, conv + 1]);
        expect(ranges).toHaveLength(models.length + 1);
    });

    it('folds multi-line calls and lists inside a model', async () => {
        const text = [
            'model M {',                   // 0
            '    Dense(',                  // 1
            '        units=3,',            // 2
            '    )',                       // 3
            '    fit(callbacks=[',         // 4
            '        EarlyStopping(',      // 5
            '            patience=3),',    // 6
            '    ])',                      // 7
            '}'                            // 8
        ].join('\n');
        // EarlyStopping(...) spans two lines only: folding it would hide nothing.
        expect(await foldings(text)).toEqual([[0, 7], [1, 2], [4, 6]]);
    });

    it('works with the test helper', async () => {
        await expectFoldings(services)({
            text: '<|model M {\n    LSTM(30)\n|>}\nlet a = 1',
            // The helper marks offsets: one range, from the model's line to the line before `}`.
            assert: (foldingRanges, expected) => {
                expect(expected).toHaveLength(1);
                expect(foldingRanges.map(f => [f.startLine, f.endLine])).toEqual([[0, 1]]);
            }
        });
    });
});
