/**
 * `rnn-lens summary` under Keras 3 holds byte for byte against what real Keras 3.15 printed for
 * the same models (test/fixtures/keras-versions/keras3*, made by make-fixtures.sh): the notebook's
 * seven models at both of Keras's usual widths, and models that are unbuilt, end in several
 * outputs, have non-trainable weights, long names that wrap, counts in MB and a fixed batch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { formatSummary } from '../../language/src/format/summary-table.js';
import { memorySize } from '../../language/src/format/summary-table-keras3.js';
import { columnWidths, wrapCell } from '../../language/src/format/rich-table.js';
import { ROOT } from '../helpers/ensure-built.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'keras-versions');
const SOURCES: Record<string, string> = {
    advanced_rnn_theory: join(ROOT, 'examples', 'advanced_rnn_theory.rnn'),
    extra: join(FIXTURES, 'extra.rnn')
};

function printed(folder: string): Array<{ file: string; source: string; model: string; text: string }> {
    return readdirSync(join(FIXTURES, folder)).sort().map(file => {
        const [source, model] = file.replace(/\.txt$/, '').split('.');
        return { file, source, model, text: readFileSync(join(FIXTURES, folder, file), 'utf8') };
    });
}

function summaryOf(source: string, model: string, lineLength?: number): string {
    const analysis = analyzeText(readFileSync(SOURCES[source], 'utf8'), { keras: 3 });
    const found = analysis.models.find(m => m.name === model);
    if (!found) throw new Error(`no model ${model} in ${source}`);
    return `${formatSummary(found, { lineLength })}\n`;
}

describe('the Keras 3 summary table', () => {
    const wide = printed('keras3');
    const narrow = printed('keras3-76');

    it('has fixtures for every model of the notebook and of the extra models', () => {
        for (const [source, path] of Object.entries(SOURCES)) {
            const models = [...readFileSync(path, 'utf8').matchAll(/^model (\w+)/gm)].map(m => m[1]);
            expect(wide.filter(f => f.source === source).map(f => f.model).sort()).toEqual(models.sort());
        }
        expect(narrow.map(f => f.model).sort()).toEqual(wide.filter(f => f.source === 'advanced_rnn_theory').map(f => f.model).sort());
    });

    for (const fixture of wide) {
        it(`is Keras's own for ${fixture.source} ${fixture.model} (88 wide)`, () => {
            expect(summaryOf(fixture.source, fixture.model)).toBe(fixture.text);
        });
    }
    for (const fixture of narrow) {
        it(`is Keras's own for ${fixture.model} where stdout is no terminal (76 wide)`, () => {
            expect(summaryOf(fixture.source, fixture.model, 76)).toBe(fixture.text);
        });
    }
});

describe('the pieces of the table', () => {
    it('reduce column widths as rich does, taking the excess in turn with Python rounding', () => {
        // 39 + 31 + 18 padded to 94 in an 84-wide inside: 3, then round(7 / 2) = 4, then 3.
        expect(columnWidths([39, 31, 18], 88)).toEqual([36, 27, 15]);
        expect(columnWidths([34, 26, 16], 76)).toEqual([31, 22, 13]);
        expect(columnWidths([5, 5], 20)).toEqual([5, 5]);
    });

    it('wrap cells at spaces and cut a word longer than the column with an ellipsis', () => {
        expect(wrapCell('global_average_pooling1d (GlobalAveragePooling1D)', 36, 'left').map(l => l.trimEnd()))
            .toEqual(['global_average_pooling1d', '(GlobalAveragePooling1D)']);
        expect(wrapCell('abcdefghij (Dense)', 6, 'left')).toEqual(['abcde…', '(Dens…']);
        expect(wrapCell('1,234', 8, 'right')).toEqual(['   1,234']);
    });

    it('give sizes as Keras does: four bytes a parameter, steps of 1024, ties to even', () => {
        expect(memorySize(0)).toBe('0.00 B');
        expect(memorySize(255)).toBe('1020.00 B');
        expect(memorySize(256)).toBe('1.00 KB');
        expect(memorySize(3238)).toBe('12.65 KB');
        // 288 parameters = 1.125 KB exactly: Python prints 1.12, JavaScript's toFixed would print 1.13.
        expect(memorySize(288)).toBe('1.12 KB');
        expect(memorySize(8_894_224)).toBe('33.93 MB');
    });
});
