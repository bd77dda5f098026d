/**
 * The dataset a model trains on, from its `data(...)` statement (or the synthetic default):
 * windows cut, split chronologically, scaled on the training rows, labels encoded for the loss.
 * Plain Float32Arrays, so that the engine makes tensors of them:
 *
 *   x: [n, lookback, features]   y: [n, targetWidth]
 *
 * Pipeline (CSV):
 *  1. the table is parsed (csv.ts); the named columns must exist; feature cells must be numbers;
 *  2. windows of `lookback` rows, the target `horizon` rows after each window (windows.ts);
 *  3. the windows are split in time order (split.ts, the rule is documented there);
 *  4. the feature scaler is fitted on the rows the TRAINING windows read — rows
 *     0 .. (last training window's start + lookback − 1) — and applied to every row;
 *     a regression target gets its own scaler, fitted on the training windows' targets only;
 *     the validation and test periods never reach either scaler (scale.ts);
 *  5. a classification target (a non-numeric column, or any column under a classification loss)
 *     is numbered over the whole file and encoded for the loss (classification.ts); it is not scaled.
 */
import { type Dim, findStatementKind, type ModelDescription, formatValue, sequenceItems, type Value } from '../../../language/src/index.js';
import { classColumn, encodeLabels, isClassificationLoss, lossName, type LabelEncoding } from './classification.js';
import { columnIndex, columnIsNumeric, numericColumn, numericMatrix, numericShare, parseCsv } from './csv.js';
import { DataError, SYNTHETIC_FILE } from './errors.js';
import { fitColumnScaler, fitScaler, identityScaler, isScaleKind, type ScaleKind, type Scaler } from './scale.js';
import { splitFractionsFromValue, splitWindows, type SplitFractions, type WindowRange, type WindowSplit } from './split.js';
import { generateSynthetic, isSyntheticKind, type SyntheticKind } from './synthetic.js';
import { lastInputRow, makeWindows, targetRow, windowCount } from './windows.js';

export type Task = 'regression' | 'classification';

/** One part of the split. */
export interface DataPart {
    /** Row-major [n, lookback, features]. */
    readonly x: Float32Array;
    /** Row-major [n, targetWidth]: scaled numbers (regression) or encoded labels (classification). */
    readonly y: Float32Array;
    readonly n: number;
    /** For each window: the 0-based data row of its target (row r is spreadsheet row r + 2 for a CSV without blank lines). */
    readonly targetRows: Int32Array;
}

export interface SplitSizes {
    readonly train: number;
    readonly validation: number;
    readonly test: number;
}

interface SourceCommon {
    readonly features: readonly string[];
    readonly target: string;
    readonly lookback: number;
    readonly horizon: number;
    readonly scale: ScaleKind;
    readonly fractions: SplitFractions;
    /** All windows, before the split. */
    readonly windows: number;
    readonly split: SplitSizes;
    /** How many rows the feature scaler was fitted on (the rows the training windows read). */
    readonly scalerRows: number;
}

export interface CsvSource extends SourceCommon {
    readonly kind: 'csv';
    /** The path as written in `data(...)`. */
    readonly file: string;
    /** Data rows (without the header and blank lines). */
    readonly rows: number;
}

export interface SyntheticSource extends SourceCommon {
    readonly kind: 'synthetic';
    readonly generator: SyntheticKind;
    readonly length: number;
    readonly rows: number;
    readonly seed: number;
    /** 'data' when `data(synthetic=...)` asked for it; 'default' when the model has no `data`. */
    readonly reason: 'data' | 'default';
}

export type DataSourceDescription = CsvSource | SyntheticSource;

export interface PreparedDataset {
    readonly train: DataPart;
    readonly validation: DataPart;
    readonly test: DataPart;
    /** [steps, features]: the input shape without the batch dimension. */
    readonly inputShape: readonly [number, number];
    /** Values of y per window: 1, or the class count for one-hot labels. */
    readonly targetWidth: number;
    readonly task: Task;
    /** Classification: the class names; class i is classes[i]. */
    readonly classes?: readonly string[];
    /** Classification: how the labels are written for the loss. */
    readonly labelEncoding?: LabelEncoding;
    readonly featureScaler: Scaler;
    /** Regression: scaled → target units with `inverse`; classification: the identity. */
    readonly targetScaler: Scaler;
    readonly source: DataSourceDescription;
    /** One line for people: what was loaded and how it was split. */
    readonly summary: string;
}

export interface PrepareOptions {
    /** The last layer's units: the class count of a synthetic classification dataset. */
    readonly outputUnits?: number;
}

export type TextLoader = (path: string) => string;

type ModelData = Pick<ModelDescription, 'data' | 'compile'>;

/**
 * Prepares the data `model` trains on. `inputShape` is the model's input without the batch
 * dimension ([steps, features], a dimension may be null); `loadText` reads the CSV named by
 * `data(...)` (see node-loader.ts). Every problem with the data is a DataError.
 */
export function prepareDataset(model: ModelData, inputShape: readonly Dim[] | undefined, loadText: TextLoader, options: PrepareOptions = {}): PreparedDataset {
    const args = model.data?.args ?? {};
    const path = args.path;
    if (typeof path === 'string' && path !== '') return prepareCsv(model, args, path, inputShape, loadText);
    return prepareSynthetic(model, args, inputShape, options);
}

type Args = Readonly<Record<string, Value>>;

const DATA_DEFAULTS = Object.fromEntries(findStatementKind('data')!.args.map(a => [a.name, a.default])) as Record<string, Value>;

function arg(args: Args, name: string): Value {
    const value = args[name];
    return value === undefined ? DATA_DEFAULTS[name] ?? null : value;
}

function positiveInt(args: Args, name: string, file: string): number | undefined {
    const value = arg(args, name);
    if (value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new DataError({ file }, `${name}=${formatValue(value)} must be a positive whole number.`);
    }
    return value;
}

function scaleKind(args: Args, file: string): ScaleKind {
    const value = arg(args, 'scale');
    if (value === null) return 'minmax';
    if (!isScaleKind(value)) throw new DataError({ file }, `scale=${formatValue(value)} is not one of "minmax", "standard", "none".`);
    return value;
}

/** The steps and features the data must give, checked against the model's input. */
function resolveShape(inputShape: readonly Dim[] | undefined, lookback: number | undefined, features: number | undefined, file: string): [number, number] {
    if (inputShape && inputShape.length !== 2) {
        throw new DataError({ file }, `data(...) makes inputs of shape (steps, features), but the model's input has ${inputShape.length} dimension${inputShape.length === 1 ? '' : 's'} (${inputShape.map(d => d ?? 'None').join(', ')}).`);
    }
    const [steps, width] = inputShape ?? [null, null];
    const problems: string[] = [];
    if (lookback !== undefined && steps !== null && steps !== lookback) problems.push(`data makes windows of lookback=${lookback} rows but the input has ${steps} time steps`);
    if (features !== undefined && width !== null && width !== features) problems.push(`data gives ${features} feature${features === 1 ? '' : 's'} per step but the input's last dimension is ${width}`);
    if (problems.length > 0) throw new DataError({ file }, `the input shape does not fit the data: ${problems.join('; ')}.`);
    return [lookback ?? steps ?? 0, features ?? width ?? 0];
}

function prepareCsv(model: ModelData, args: Args, file: string, inputShape: readonly Dim[] | undefined, loadText: TextLoader): PreparedDataset {
    const featureValue = arg(args, 'features');
    const features = sequenceItems(featureValue);
    if (!features || features.length === 0 || !features.every((f): f is string => typeof f === 'string')) {
        throw new DataError({ file }, 'data(...) needs features=["column", ...]: the input columns of the CSV.');
    }
    const target = arg(args, 'target');
    if (typeof target !== 'string' || target === '') {
        throw new DataError({ file }, 'data(...) needs target="column": the column to predict.');
    }
    const horizon = positiveInt(args, 'horizon', file) ?? 1;
    const [lookback] = resolveShape(inputShape, positiveInt(args, 'lookback', file), features.length, file);
    if (lookback < 1) throw new DataError({ file }, 'data(...) needs lookback=N (rows per window), or an input shape with a fixed number of time steps.');
    const scale = scaleKind(args, file);
    const fractions = splitFractionsFromValue(arg(args, 'split'), file);

    let text: string;
    try {
        text = loadText(file);
    } catch (error) {
        if (error instanceof DataError) throw error;
        throw new DataError({ file }, `the file cannot be read: ${(error as Error).message}`);
    }
    const table = parseCsv(text, file);
    for (const feature of features) columnIndex(table, feature, 'feature');
    const targetIndex = columnIndex(table, target, 'target');
    const matrix = numericMatrix(table, features);

    const loss = lossName(model.compile?.args.loss);
    const task = targetTask(loss, table, targetIndex);
    const rows = table.rows.length;
    const total = windowCount(rows, lookback, horizon);
    const split = splitWindows(total, fractions, { file, rows, lookback, horizon });

    if (task === 'regression') {
        const values = numericColumn(table, target, 'target');
        return assemble({ matrix, lookback, horizon, scale, split, regression: values }, {
            kind: 'csv', file, rows, features, target
        });
    }
    const cells = table.rows.map(row => row[targetIndex]);
    const { classes, indices } = classColumn(cells, { file, column: target, rowNumbers: table.rowNumbers });
    return assemble({ matrix, lookback, horizon, scale, split, classes, indices, loss, place: { file, column: target } }, {
        kind: 'csv', file, rows, features, target
    });
}

/** Classification under a classification loss or for a text column; regression for numbers. */
function targetTask(loss: string | undefined, table: ReturnType<typeof parseCsv>, index: number): Task {
    if (isClassificationLoss(loss)) return 'classification';
    if (columnIsNumeric(table, index)) return 'regression';
    // Mostly numbers: a regression target with a few bad cells; numericColumn names the first.
    const { numeric, nonEmpty } = numericShare(table, index);
    return numeric * 2 > nonEmpty ? 'regression' : 'classification';
}

interface AssembleInput {
    readonly matrix: readonly (readonly number[])[];
    readonly lookback: number;
    readonly horizon: number;
    readonly scale: ScaleKind;
    readonly split: WindowSplit;
    /** Regression: the target column's values, one per row. */
    readonly regression?: ArrayLike<number>;
    /** Classification: class names and each row's class. */
    readonly classes?: readonly string[];
    readonly indices?: Int32Array;
    readonly loss?: string;
    readonly place?: { file: string; column: string };
}

/** What the source description says before the windows are cut: where the data came from. */
type SourceHead = Pick<SourceCommon, 'features' | 'target'>
    & (Omit<CsvSource, keyof SourceCommon> | Omit<SyntheticSource, keyof SourceCommon>);

function assemble(input: AssembleInput, head: SourceHead): PreparedDataset {
    const { matrix, lookback, horizon, scale, split } = input;
    const featureCount = matrix[0]?.length ?? 0;
    // The rows the training windows read: 0 .. last training window's last input row.
    const scalerRows = lastInputRow(split.train.to - 1, lookback) + 1;
    const featureScaler = fitScaler(scale, matrix.slice(0, scalerRows), featureCount);
    const scaled = featureScaler.transformRows(matrix);

    let target: Float32Array;
    let targetWidth = 1;
    let targetScaler: Scaler;
    let labelEncoding: LabelEncoding | undefined;
    if (input.regression) {
        const firstTarget = targetRow(0, lookback, horizon);
        const trainTargets = Array.prototype.slice.call(input.regression, firstTarget, targetRow(split.train.to - 1, lookback, horizon) + 1) as number[];
        targetScaler = fitColumnScaler(scale, trainTargets);
        target = targetScaler.transform(input.regression);
    } else {
        const encoded = encodeLabels(input.indices!, input.classes!.length, input.loss, input.place);
        target = encoded.y;
        targetWidth = encoded.width;
        labelEncoding = encoded.encoding;
        targetScaler = identityScaler(1);
    }
    const part = (range: WindowRange): DataPart => {
        const w = makeWindows(scaled, target, { lookback, horizon, from: range.from, to: range.to, targetWidth });
        return { x: w.x, y: w.y, n: w.n, targetRows: w.targetRows };
    };
    const sizes: SplitSizes = { train: split.train.n, validation: split.validation.n, test: split.test.n };
    const source = {
        ...head, lookback, horizon, scale, fractions: split.fractions, windows: split.total, split: sizes, scalerRows
    } as DataSourceDescription;
    const task: Task = input.regression ? 'regression' : 'classification';
    return {
        train: part(split.train),
        validation: part(split.validation),
        test: part(split.test),
        inputShape: [lookback, featureCount],
        targetWidth,
        task,
        ...(input.classes ? { classes: input.classes, labelEncoding } : {}),
        featureScaler,
        targetScaler,
        source,
        summary: summarize(source, task, input.classes)
    };
}

const count = (n: number) => n.toLocaleString('en-US');

function summarize(source: DataSourceDescription, task: Task, classes?: readonly string[]): string {
    const from = source.kind === 'csv'
        ? `${source.file}: ${count(source.rows)} rows`
        : `synthetic "${source.generator}" data (${source.reason === 'default' ? 'the model has no data(...); ' : ''}length ${count(source.length)}, seed ${source.seed})`;
    const what = task === 'regression'
        ? `predicting "${source.target}" ${source.horizon} step${source.horizon === 1 ? '' : 's'} ahead`
        : `classifying "${source.target}" ${source.horizon} step${source.horizon === 1 ? '' : 's'} ahead into ${classes!.length} classes`;
    const { train, validation, test } = source.split;
    return `${from}, ${source.features.length} feature${source.features.length === 1 ? '' : 's'}, ${what}: `
        + `${count(source.windows)} windows of ${source.lookback} rows, split ${count(train)} / ${count(validation)} / ${count(test)} `
        + `(train / validation / test, in time order), scaled "${source.scale}" on the training rows.`;
}

function prepareSynthetic(model: ModelData, args: Args, inputShape: readonly Dim[] | undefined, options: PrepareOptions): PreparedDataset {
    const file = SYNTHETIC_FILE;
    const reason = model.data ? 'data' : 'default';
    const kindValue = arg(args, 'synthetic');
    const generator: SyntheticKind = kindValue === null ? 'sine' : isSyntheticKind(kindValue) ? kindValue
        : (() => { throw new DataError({ file }, `synthetic=${formatValue(kindValue)} is not "sine" or "random_walk".`); })();
    const horizon = positiveInt(args, 'horizon', file) ?? 1;
    const length = positiveInt(args, 'length', file) ?? 2000;
    const seedValue = arg(args, 'seed');
    const seed = typeof seedValue === 'number' && Number.isInteger(seedValue) ? seedValue : 0;
    const featureNames = sequenceItems(arg(args, 'features'));
    const [steps, width] = resolveShape(inputShape, positiveInt(args, 'lookback', file), featureNames?.length || undefined, file);
    const lookback = steps || 10;
    const featureCount = width || 1;
    const scale = scaleKind(args, file);
    const fractions = splitFractionsFromValue(arg(args, 'split'), file);

    const table = generateSynthetic(generator, length, featureCount, seed);
    const total = windowCount(length, lookback, horizon);
    const split = splitWindows(total, fractions, { file, rows: length, lookback, horizon });
    const head = { kind: 'synthetic' as const, generator, length, rows: length, seed, reason: reason as 'data' | 'default', features: table.columns, target: table.columns[0] };
    const loss = lossName(model.compile?.args.loss);
    const series = table.rows.map(row => row[0]);
    if (!isClassificationLoss(loss)) {
        return assemble({ matrix: table.rows, lookback, horizon, scale, split, regression: series }, head);
    }
    // Classification: the class of the change of f0 over the horizon, in equal-count bins.
    const k = loss === 'binary_crossentropy' || loss === 'hinge' || loss === 'squared_hinge' ? 2 : Math.max(2, options.outputUnits ?? 2);
    const change = series.map((v, t) => (t >= horizon ? v - series[t - horizon] : 0));
    const sorted = [...change].sort((a, b) => a - b);
    const edges = Array.from({ length: k - 1 }, (_, i) => sorted[Math.floor((i + 1) * sorted.length / k)]);
    const indices = Int32Array.from(change, c => edges.filter(e => c >= e).length);
    const classes = k === 2 ? ['down', 'up'] : Array.from({ length: k }, (_, i) => `bin${i}`);
    return assemble({ matrix: table.rows, lookback, horizon, scale, split, classes, indices, loss, place: { file, column: head.target } },
        { ...head, target: `${head.target} change` });
}
