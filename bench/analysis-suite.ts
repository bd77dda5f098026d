/**
 * What the benchmark times, bundled by bench/analysis.bench.mjs: analyzeText on the course
 * notebook and on a generated 10,000-line file, and, for scale, building the notebook's models in
 * tfjs (cpu backend) and reading every layer's output shape and parameter count, as
 * model.summary() does.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeText } from '../language/src/parse.js';
import { notebookInTfjs } from '../test/oracle/notebook-tfjs.js';
import { mulberry32 } from '../training/src/index.js';

export { analyzeText };

/** A deterministic PRNG: the one the synthetic datasets use. */
const rng = mulberry32;

/**
 * `models` models of 20 lines each (a constant, a comment, the model with 15 layers and a compile),
 * in the notebook's style: Conv1D and pooling, stacked and bidirectional LSTM/GRU/SimpleRNN,
 * dropout, Dense, constants used for the input shapes. 500 models → 10,000 lines.
 */
export function generateFile(models = 500, seed = 42): string {
    const random = rng(seed);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const lines: string[] = [];
    for (let m = 0; m < models; m++) {
        const steps = int(30, 120);
        const shared = m % 2 === 0;
        const body: string[] = [];
        let length = steps;
        let sequence = true;
        let features = int(1, 40);
        // Constants as in the notebook: even models name their steps, odd ones their features
        // (an expression); even models reuse the previous model's features.
        const inputShape = shared
            ? `(steps_${m}, ${m > 0 ? `features_${m - 1}` : features})`
            : `(${steps}, features_${m})`;
        body.push(`    Conv1D(filters=${int(4, 64)}, kernel_size=${int(2, 3)}, padding="same", activation="relu", input_shape=${inputShape})`);
        while (body.length < 14) {
            const remaining = 14 - body.length;
            if (remaining === 3 && sequence) {
                const cell = pick(['LSTM', 'GRU', 'SimpleRNN']);
                body.push(`    ${random() < 0.5 ? `Bidirectional(${cell}(${int(8, 64)}))` : `${cell}(${int(8, 64)}, activation="tanh")`}`);
                sequence = false;
                continue;
            }
            if (!sequence) {
                body.push(remaining === 1 ? '    Dense(1)' : pick(['    Dropout(0.1)', `    Dense(${int(4, 32)}, activation="relu")`, '    BatchNormalization()']));
                continue;
            }
            switch (pick(['conv', 'pool', 'rnn', 'rnn', 'bidi', 'drop', 'norm', 'td'] as const)) {
                case 'conv': {
                    const k = int(2, 5);
                    if (length - k + 1 < 4) { body.push('    Dropout(0.2)'); break; }
                    features = int(4, 64);
                    length = length - k + 1;
                    body.push(`    Conv1D(${features}, ${k})  # ${k - 1} fewer steps`);
                    break;
                }
                case 'pool':
                    if (length < 8) { body.push('    SpatialDropout1D(0.1)'); break; }
                    length = Math.floor(length / 2);
                    body.push(pick(['    MaxPooling1D(2)', '    AveragePooling1D(pool_size=2)']));
                    break;
                case 'rnn': {
                    const cell = pick(['LSTM', 'GRU', 'SimpleRNN']);
                    features = int(8, 64);
                    body.push(`    ${cell}(${features}, return_sequences=True${random() < 0.3 ? ', recurrent_dropout=0.1' : ''})`);
                    break;
                }
                case 'bidi':
                    features = 2 * int(8, 48);
                    body.push(`    Bidirectional(LSTM(${features / 2}, return_sequences=True))`);
                    break;
                case 'drop':
                    body.push(`    Dropout(${pick(['0.1', '0.2', '0.3'])})`);
                    break;
                case 'norm':
                    body.push(pick(['    LayerNormalization()', '    BatchNormalization()']));
                    break;
                case 'td':
                    features = int(4, 32);
                    body.push(`    TimeDistributed(Dense(${features}))`);
                    break;
            }
        }
        body.push('    Dense(1)');
        lines.push(shared ? `let steps_${m} = ${steps}` : `let features_${m} = (${features} * 4) // 2 - ${features}`);
        lines.push(`# Model ${m}: ${steps} steps in, one number out`);
        lines.push(`model Generated${m} {`, ...body, '    compile(optimizer="adam", loss="mse", metrics=["mae"])', '}');
    }
    return lines.join('\n') + '\n';
}

export async function setUpTfjs(): Promise<string> {
    await tf.setBackend('cpu');
    return `${tf.version.tfjs} (${tf.getBackend()} backend)`;
}

export interface SummaryRow {
    readonly output: readonly (number | null)[];
    readonly params: number;
}

/** Builds the notebook's seven models in tfjs and reads each layer's shape and parameters; disposes them. */
export function summariseNotebookInTfjs(): SummaryRow[][] {
    const builders = notebookInTfjs(tf);
    const summaries: SummaryRow[][] = [];
    for (const build of Object.values(builders)) {
        const model = tf.sequential({ layers: build() });
        summaries.push(model.layers.map(layer => ({ output: layer.outputShape as (number | null)[], params: layer.countParams() })));
        model.dispose();
    }
    return summaries;
}
