/**
 * What the extension shows about a model outside the text (status bar, quick pick) and the
 * summary documents' URIs and text.
 */
import { describe, expect, it } from 'vitest';
import { modelPickItem, modelStatusText } from '../../client/src/common/model-labels.js';
import { summaryDocumentText, summarySourceOf, summaryUriParts } from '../../client/src/common/summary-source.js';
import { analyzeText } from '../../language/src/analyze-text.js';
import { modelOutline } from '../../language/src/lsp/custom-requests-models.js';

const outline = (text: string) => modelOutline(analyzeText(text).models[0]);

const lstm = outline('model SingleLSTM {\n    LSTM(30, input_shape=(10, 1))\n    Dense(1)\n}');
// Without an input shape the LSTM's parameters are unknown: the model is incomplete.
const incomplete = outline('model NoInput {\n    LSTM(30)\n    Dense(1)\n}');
const frozen = outline('model Normed {\n    Input(shape=(10, 4))\n    BatchNormalization()\n}');

describe('the status-bar text', () => {
    it('names the model and its total as Keras prints it', () => {
        // 4 × [30(30 + 1) + 30] + 31 = 3,871
        expect(modelStatusText(lstm).text).toBe('$(symbol-class) SingleLSTM: 3,871 params');
    });

    it('marks the total of an incomplete model as a lower bound and says why in the tooltip', () => {
        expect(incomplete.complete).toBe(false);
        expect(modelStatusText(incomplete).text).toMatch(/^\$\(symbol-class\) NoInput: ≥ [\d,]+ params$/);
        expect(modelStatusText(incomplete).tooltip).toContain('not counted');
        expect(modelStatusText(lstm).tooltip).not.toContain('not counted');
    });

    it('gives the trainable and non-trainable split in the tooltip', () => {
        // BatchNormalization on 4 features: 8 trainable (gamma, beta), 8 non-trainable (moving mean, variance).
        const { tooltip } = modelStatusText(frozen);
        expect(tooltip).toContain('Total params: 16');
        expect(tooltip).toContain('Trainable params: 8');
        expect(tooltip).toContain('Non-trainable params: 8');
    });

    it('says "param" for one', () => {
        expect(modelStatusText({ ...lstm, totalParams: 1 }).text).toBe('$(symbol-class) SingleLSTM: 1 param');
    });
});

describe('the quick-pick item', () => {
    it('shows the name, the total and the 1-based line', () => {
        const second = modelOutline(analyzeText('let a = 1\n\nmodel M {\n    Dense(2, input_shape=(3,))\n}').models[0]);
        expect(modelPickItem(second)).toEqual({ label: 'M', description: '8 params', detail: 'line 3' });
    });
});

describe('summary documents', () => {
    it('carry the document and the model through their URI, whatever characters they hold', () => {
        const source = { document: 'file:///w/my models/a&b.rnn?x=1#y', model: 'Stacked_LSTM2' };
        const { path, query } = summaryUriParts(source);
        expect(path).toBe('/Stacked_LSTM2 summary');
        expect(summarySourceOf(query)).toEqual(source);
    });

    it('name nothing when the query is not theirs', () => {
        expect(summarySourceOf('')).toBeUndefined();
        expect(summarySourceOf('document=file:///a.rnn')).toBeUndefined();
    });

    it('show the table, or say that the model is gone', () => {
        const source = { document: 'file:///a.rnn', model: 'M' };
        expect(summaryDocumentText(source, { models: [], text: '' })).toContain('no model named "M"');
        const table = 'Model: "M"\n...';
        expect(summaryDocumentText(source, { models: [{} as never], text: table })).toBe(`${table}\n`);
    });
});
