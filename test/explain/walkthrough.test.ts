/**
 * The walk-through (`rnn-lens explain`): for each model of the course notebook, every number of
 * its summary and every layer's formula with its values, in the layer's own section; what the
 * arguments do at that point; the totals added up; and models Keras cannot build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../language/src/analysis/types.js';
import { formatCount } from '../../language/src/catalog/numbers.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { explainDocument, explainModel, shapeWords } from '../../language/src/explain/walkthrough.js';
import { formatSummary } from '../../language/src/format/summary-table.js';
import { ROOT } from '../helpers/ensure-built.js';

// The notebook printed its summaries with Keras 2 (TensorFlow 2's tf.keras).
const notebook = analyzeText(readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8'), { keras: 2 });

function modelNamed(name: string): ModelAnalysis {
    return notebook.models.find(m => m.name === name)!;
}

/** The walk-through cut at its `## ` headings: the intro, one section per layer, the totals. */
function sections(model: ModelAnalysis): string[] {
    return explainModel(model, notebook.diagnostics).split(/^(?=## )/m);
}

function sectionOf(model: ModelAnalysis, layerName: string): string {
    return sections(model).find(s => s.startsWith(`## `) && s.split('\n')[0].endsWith(` ${layerName} (${model.layers.find(l => l.name === layerName)!.kind})`))!;
}

/** The notebook's totals, as its model.summary() printouts show them. */
const NOTEBOOK_TOTALS: Record<string, string> = {
    SingleSimpleRNN: '1,108',
    SingleLSTM: '3,890',
    StackedLSTM: '60,120',
    Monster1: '53,809',
    SingleBidirectional: '9,661',
    StackedBidirectional: '15,301',
    Monster2: '93,891'
};

describe('the walk-through of each notebook model', () => {
    it('covers the seven models', () => {
        expect(notebook.models.map(m => m.name)).toEqual(Object.keys(NOTEBOOK_TOTALS));
    });

    for (const name of Object.keys(NOTEBOOK_TOTALS)) {
        it(`${name}: each layer's section has its output shape, its count and its formula with the values`, () => {
            const model = modelNamed(name);
            const [intro, ...rest] = sections(model);
            const layerSections = rest.slice(0, -1);
            expect(intro).toContain(`# Model \`${name}\``);
            expect(intro).toContain(`**What goes in** \`${formatShape(model.input!)}\``);
            expect(intro).toContain(`**What comes out** \`${formatShape(model.output!)}\``);
            expect(layerSections).toHaveLength(model.layers.length);
            model.layers.forEach((layer, i) => {
                const section = layerSections[i];
                expect(section.split('\n')[0]).toBe(`## ${i + 1}. ${layer.name} (${layer.kind})`);
                expect(section).toContain(`\`${formatShape(layer.input!)}\``);
                expect(section).toContain(`→ \`${formatShape(layer.output!)}\``);
                const count = layer.params!.trainable + layer.params!.nonTrainable;
                expect(section).toContain(`**Parameters** ${formatCount(count)}`);
                const f = layer.outcome!.formula;
                if (f) expect(section).toContain(`\`${f.symbolic} = ${f.substituted} = ${formatCount(count)}\``);
                else expect(count).toBe(0);
                for (const step of layer.outcome!.shapeSteps) expect(section).toContain(step);
            });
        });

        it(`${name}: the totals repeat Keras's summary and add the layers up`, () => {
            const model = modelNamed(name);
            const totals = sections(model).at(-1)!;
            expect(totals.startsWith('## Totals')).toBe(true);
            // Every number of the summary as the summary table prints it (3840, not 3,840, in its column).
            expect(totals).toContain(formatSummary(model));
            expect(totals).toContain(`Total params: ${NOTEBOOK_TOTALS[name]}\n`);
            const counts = model.layers.map(l => formatCount(l.params!.trainable));
            expect(totals).toContain(`**Adding up the Param # column** ${counts.join(' + ')} = ${NOTEBOOK_TOTALS[name]} parameters.`);
            expect(totals).toContain(`**Check** ${NOTEBOOK_TOTALS[name]} trainable + 0 non-trainable = ${NOTEBOOK_TOTALS[name]}, the same as the layers' sum: it adds up ✓`);
            expect(totals).not.toContain('unknown');
        });
    }
});

describe('what the walk-through says at each layer, as the notebook\'s comments do', () => {
    it('the convolution: why 21 steps become 20, and 57 parameters counted with the values', () => {
        const conv = sectionOf(modelNamed('SingleSimpleRNN'), 'conv1d');
        expect(conv).toContain('`Conv1D(filters=3, kernel_size=2, input_shape=(21, 9))`');
        expect(conv).toContain('`(None, 21, 9)` (21 time steps × 9 features) → `(None, 20, 3)` (20 time steps × 3 features)');
        expect(conv).toContain('- steps: 21 − 2 + 1 = 20 (the kernel of width 2 fits 20 times)');
        expect(conv).toContain('`k × i × f + f = 2 × 9 × 3 + 3 = 57`');
        expect(conv).toContain('- k = 2 kernel width\n- i = 9 input features\n- f = 3 filters (one bias each)');
    });

    it('a recurrent layer: the gate formula, return_sequences and recurrent dropout', () => {
        const lstm = sectionOf(modelNamed('SingleLSTM'), 'lstm');
        expect(lstm).toContain('`g × [h(h + i) + h] = 4 × [30 × (30 + 1) + 30] = 3,840`');
        expect(lstm).toContain('`(None, 10, 1)` (10 time steps × 1 feature) → `(None, 30)` (30 values per sample)');
        expect(lstm).toContain('return_sequences=False: only the last hidden state');
        expect(lstm).toMatch(/\*\*At this point\*\*[\s\S]*recurrent_dropout=0\.2 drops 20% of the recurrent connections/);
        const stacked = sectionOf(modelNamed('StackedLSTM'), 'lstm_1');
        expect(stacked).toContain('With return_sequences=True the output is still a sequence');
        expect(stacked).toContain('`(None, 10, 30)` (10 time steps × 30 features) → `(None, 10, 40)` (10 time steps × 40 features)');
    });

    it('Dropout: how it differs from recurrent dropout', () => {
        const dropout = sectionOf(modelNamed('SingleLSTM'), 'dropout');
        expect(dropout).toContain('It is not recurrent_dropout');
        expect(dropout).toContain('**Parameters** 0: this layer has no weights.');
    });

    it('Bidirectional: the wrapped layer, its formula per direction, and both directions added up', () => {
        const bi = sectionOf(modelNamed('Monster2'), 'bidirectional');
        expect(bi).toContain('`Bidirectional(layer=LSTM(units=30, activation="relu", return_sequences=True))`');
        expect(bi).toContain('**Inside** LSTM: Long short-term memory');
        expect(bi).toContain('- concat joins forward and backward: 30 + 30 = 60 units');
        expect(bi).toContain('one direction: 4 × [30 × (30 + 10) + 30] = 4,920');
        expect(bi).toContain('= 2 × 4,920 = 9,840`');
        expect(bi).toContain('**Both directions** forward 4,920 + backward 4,920 = 9,840');
    });

    it('GRU with reset_after: the second bias in the formula', () => {
        expect(sectionOf(modelNamed('Monster2'), 'gru')).toContain('`g × [h(h + i) + 2h] = 3 × [40 × (40 + 120) + 2 × 40] = 19,440`');
    });

    it('a pooling remainder: the step that is dropped, and the warning with its code', () => {
        const pool = sectionOf(modelNamed('Monster2'), 'max_pooling1d_1');
        expect(pool).toContain('- steps: ⌊9 / 2⌋ = 4, 1 step dropped');
        expect(pool).toMatch(/\*\*Watch out\*\*\n\n- \*\*warning\*\* MaxPooling1D with pool_size 2 over 9 steps gives ⌊9 \/ 2⌋ = 4 steps: the last 1 step is dropped\..*\(`pooling-drops-steps`\)/);
        // A pooling that divides evenly has nothing to watch out for.
        expect(sectionOf(modelNamed('Monster2'), 'max_pooling1d')).not.toContain('Watch out');
    });

    it('leaves out what is for the editor only (the GPU kernel notes, once turned on)', () => {
        const withKernelNotes = analyzeText(readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8'), { levels: { 'slow-recurrent-kernel': 'info' } });
        expect(withKernelNotes.diagnostics.some(d => d.code === 'slow-recurrent-kernel')).toBe(true);
        expect(explainDocument(withKernelNotes)).not.toContain('slow-recurrent-kernel');
    });
});

describe('the walk-through of a document', () => {
    it('explains every model in order, or only those given', () => {
        const all = explainDocument(notebook);
        const titles = [...all.matchAll(/^# Model `(\w+)`$/gm)].map(m => m[1]);
        expect(titles).toEqual(notebook.models.map(m => m.name));
        expect(all.split('\n\n---\n\n')).toHaveLength(7);
        const one = explainDocument(notebook, [modelNamed('Monster1')]);
        expect(one).toBe(explainModel(modelNamed('Monster1'), notebook.diagnostics));
        expect(one).not.toContain('Monster2');
    });

    it('says where Keras stops: the layer it cannot build, the unknown ones after it, the partial totals', () => {
        const analysis = analyzeText('model Broken {\n    LSTM(4, input_shape=(None, 5))\n    LSTM(3)\n    Dense(1)\n}\n');
        const text = explainDocument(analysis);
        expect(text).toContain('**What goes in** `(None, None, 5)`: each sample is any number of time steps × 5 features.');
        expect(text).toContain('**What comes out**: unknown until the problems below are fixed.');
        const [, first, second, third, totals] = text.split(/^(?=## )/m);
        expect(first).toContain('**Parameters** 160');
        expect(second).toContain('**Shape** `(None, 4)` → ?: Keras cannot build this layer');
        expect(second).toMatch(/- \*\*error\*\* .*\(`missing-return-sequences`\)/);
        expect(third).toContain('_The input shape of this layer is unknown');
        expect(third).not.toContain('**Parameters**');
        expect(totals).toContain('**Adding up the Param # column** 160 = 160 parameters.');
        expect(totals).toContain('_Some layers are unknown');
    });

    it('a model without an input shape says how to give one, and adds up nothing', () => {
        const text = explainDocument(analyzeText('model NoInput {\n    Dense(3)\n}\n'));
        expect(text).toContain('**What goes in**: no input shape yet');
        expect(text).toContain('(`missing-input-shape`)');
        expect(text).not.toContain('Adding up');
        expect(text).toContain('**Check** 0 trainable + 0 non-trainable = 0');
    });

    it('says when the batch size is fixed', () => {
        const text = explainDocument(analyzeText('model Batched {\n    Input(shape=(21, 9), batch_size=32)\n    LSTM(4)\n}\n'));
        expect(text).toContain('**What goes in** `(32, 21, 9)`: each sample is 21 time steps × 9 features. The first 32 is the batch size, fixed by the model');
        expect(text).not.toContain('The first `None`');
    });

    it('counts frozen weights as non-trainable in the check', () => {
        const text = explainDocument(analyzeText('model Frozen {\n    Dense(4, trainable=False, input_shape=(3,))\n    Dense(1)\n}\n'));
        expect(text).toContain('**Parameters** 16 (0 trainable, 16 non-trainable)');
        expect(text).toContain('**Check** 5 trainable + 16 non-trainable = 21, the same as the layers\' sum: it adds up ✓');
    });

    it('gives no steps × features words where a layer keeps the channels first', () => {
        const text = explainDocument(analyzeText('model First {\n    Conv1D(4, 2, data_format="channels_first", input_shape=(9, 21))\n    Flatten()\n}\n'));
        expect(text).toContain('**Shape** `(None, 9, 21)` → `(None, 4, 20)`');
        expect(text).not.toContain('time steps ×');
    });
});

describe('shapes in words', () => {
    it('a sequence is time steps × features, a vector values per sample', () => {
        expect(shapeWords([null, 21, 9])).toBe('21 time steps × 9 features');
        expect(shapeWords([null, null, 1])).toBe('any number of time steps × 1 feature');
        expect(shapeWords([null, 30])).toBe('30 values per sample');
        expect(shapeWords([null, 2, 3, 4])).toBeUndefined();
    });
});
