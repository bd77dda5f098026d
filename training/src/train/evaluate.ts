/**
 * Evaluation on the test part, in the target's own units: for regression the errors of the
 * unscaled predictions (and of predicting the training mean, for scale); for classification
 * accuracy, the classification report and the confusion matrix.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { PreparedDataset } from '../data/dataset.js';
import { classificationReport, type ClassificationReport } from '../report/classification-report.js';

export interface RegressionResult {
    readonly task: 'regression';
    /** Errors in the target's units. */
    readonly mae: number;
    readonly rmse: number;
    readonly mse: number;
    /** The mean absolute error of always predicting the training targets' mean: the bar to beat. */
    readonly baselineMae: number;
    readonly actual: readonly number[];
    readonly predicted: readonly number[];
}

export interface ClassificationResult {
    readonly task: 'classification';
    readonly accuracy: number;
    readonly report: ClassificationReport;
    readonly actual: readonly number[];
    readonly predicted: readonly number[];
}

export type TestResult = RegressionResult | ClassificationResult;

export function evaluateOnTest(tf: typeof tfjs, model: tfjs.LayersModel, data: PreparedDataset): TestResult | undefined {
    const test = data.test;
    if (test.n === 0) return undefined;
    const [steps, features] = data.inputShape;
    const output = tf.tidy(() => {
        const x = tf.tensor3d(test.x, [test.n, steps, features]);
        const y = model.predict(x, { batchSize: 256 }) as tfjs.Tensor;
        return y.reshape([test.n, -1]);
    });
    const values = output.dataSync() as Float32Array;
    const width = output.shape[1] ?? 1;
    output.dispose();
    if (data.task === 'classification') {
        const classes = data.classes ?? [];
        const predicted = Array.from({ length: test.n }, (_, i) => width === 1 ? (values[i] >= 0.5 ? 1 : 0) : argmax(values, i * width, width));
        const actual = Array.from({ length: test.n }, (_, i) => labelAt(data, i));
        const report = classificationReport(actual, predicted, classes);
        return { task: 'classification', accuracy: report.accuracy, report, actual, predicted };
    }
    const scaler = data.targetScaler;
    const predicted = Array.from({ length: test.n }, (_, i) => scaler.inverseValue(values[i * width]));
    const actual = Array.from({ length: test.n }, (_, i) => scaler.inverseValue(test.y[i * data.targetWidth]));
    const trainMean = mean(Array.from({ length: data.train.n }, (_, i) => scaler.inverseValue(data.train.y[i * data.targetWidth])));
    const errors = predicted.map((p, i) => p - actual[i]);
    const mse = mean(errors.map(e => e * e));
    return {
        task: 'regression',
        mae: mean(errors.map(Math.abs)),
        mse,
        rmse: Math.sqrt(mse),
        baselineMae: mean(actual.map(a => Math.abs(a - trainMean))),
        actual,
        predicted
    };
}

/** The test label of window i as a class index, whatever the encoding. */
function labelAt(data: PreparedDataset, i: number): number {
    const width = data.targetWidth;
    return width === 1 ? Math.round(data.test.y[i]) : argmax(data.test.y, i * width, width);
}

function argmax(values: ArrayLike<number>, start: number, width: number): number {
    let best = 0;
    for (let j = 1; j < width; j++) if (values[start + j] > values[start + best]) best = j;
    return best;
}

function mean(values: readonly number[]): number {
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
