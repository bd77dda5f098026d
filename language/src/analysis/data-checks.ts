/**
 * Checks of `data(...)` against the CSV it names and the model it feeds: the file, the columns,
 * the input shape, the length, and whether the output can match the target.
 */
import { formatShape } from '../catalog/shape.js';
import { badCellMessage, formatPlace, type BadCell } from '../data/data-error.js';
import { findStatementKind } from '../catalog/statements.js';
import type { StatementDescription } from '../model/description.js';
import { diagnostic, type RnnDiagnostic } from '../model/diagnostic.js';
import { didYouMean, suggest } from '../model/suggest.js';
import { sequenceItems, type Value } from '../model/values.js';
import type { ModelAnalysis } from './types.js';

/** What the checks need to know of a CSV file. */
export interface DataTable {
    readonly columns: readonly string[];
    readonly rowCount: number;
    /** Per column: true when every non-empty cell is a number. */
    readonly numeric: readonly boolean[];
    /** For the non-numeric columns: the distinct values in order of first appearance. */
    readonly classes: Readonly<Record<string, readonly string[]>>;
    /** Per column: its first empty or non-numeric cell (spreadsheet row, header = 1); absent when none. */
    readonly badCells?: Readonly<Record<string, BadCell>>;
}

export type DataLookup =
    | { readonly ok: true; readonly table: DataTable }
    | { readonly ok: false; readonly reason: 'not-found' | 'unreadable'; readonly message: string };

/** Reads the files that `data(...)` names, relative to the `.rnn` file. */
export interface DataSource {
    read(path: string): DataLookup;
}

export function checkData(model: ModelAnalysis, source: DataSource | undefined): RnnDiagnostic[] {
    const data = model.description.data;
    if (!data || !source || !data.valid) return [];
    const path = data.args.path;
    if (typeof path !== 'string') return [];
    const lookup = source.read(path);
    if (!lookup.ok) {
        return [diagnostic('data-file-not-found', lookup.message, data.valueRanges.path ?? data.nameRange)];
    }
    const table = lookup.table;
    const result: RnnDiagnostic[] = [];
    const features = (sequenceItems(data.args.features) ?? []).filter((f): f is string => typeof f === 'string');
    features.forEach((feature, i) => {
        const range = data.itemRanges.features?.[i] ?? data.valueRanges.features;
        const problem = columnProblem(feature, table, range);
        if (problem) result.push(problem);
    });
    const target = data.args.target;
    if (typeof target === 'string') {
        const problem = columnProblem(target, table, data.valueRanges.target);
        if (problem) result.push(problem);
    }
    if (result.length > 0) return result;
    result.push(...badFeatureCells(path, features, table, data));
    result.push(...featureMismatch(model, data, features.length), ...tooShort(data, table));
    if (typeof target === 'string') result.push(...targetMismatch(model, target, table));
    return result;
}

function columnProblem(column: string, table: DataTable, range: StatementDescription['range']): RnnDiagnostic | undefined {
    if (table.columns.includes(column)) return undefined;
    const suggestions = suggest(column, table.columns);
    return diagnostic('data-column-not-found',
        `The CSV has no column "${column}".${didYouMean(suggestions)} Its columns are: ${table.columns.map(c => `"${c}"`).join(', ')}.`,
        range,
        suggestions.map((s, i) => ({ title: `Change to "${s}"`, edits: [{ range, newText: JSON.stringify(s) }], preferred: i === 0 })));
}

/**
 * A feature cell that is empty or not a number stops training at that row: said on the feature,
 * before Train, with the place training would give (`data.csv, row 102, column "b": ...`).
 */
function badFeatureCells(path: string, features: readonly string[], table: DataTable, data: StatementDescription): RnnDiagnostic[] {
    return features.flatMap((feature, i) => {
        const bad = table.badCells?.[feature];
        if (!bad) return [];
        const range = data.itemRanges.features?.[i] ?? data.valueRanges.features ?? data.nameRange;
        return [diagnostic('data-bad-cell', `${formatPlace({ file: path, row: bad.row, column: feature })}: ${badCellMessage(bad.cell, 'feature')}`, range)];
    });
}

function featureMismatch(model: ModelAnalysis, data: StatementDescription, featureCount: number): RnnDiagnostic[] {
    const input = model.description.input;
    if (!input || input.shape.length !== 2) return [];
    const [steps, width] = input.shape;
    const lookback = data.args.lookback;
    const problems: string[] = [];
    if (featureCount > 0 && width !== featureCount) problems.push(`data gives ${featureCount} feature${featureCount === 1 ? '' : 's'} per step but the input's last dimension is ${width ?? 'None'}`);
    if (typeof lookback === 'number' && steps !== null && steps !== lookback) problems.push(`data makes windows of lookback=${lookback} rows but the input has ${steps} time steps`);
    if (problems.length === 0) return [];
    const shape = `(${typeof lookback === 'number' ? lookback : steps ?? 'None'}, ${featureCount > 0 ? featureCount : width ?? 'None'})`;
    return [diagnostic('data-feature-mismatch',
        `The input shape ${formatShape([null, ...input.shape])} does not fit the data: ${problems.join('; ')}. Use ${shape}.`,
        input.valueRange ?? input.range,
        input.valueRange ? [{ title: `Change the input shape to ${shape}`, edits: [{ range: input.valueRange, newText: shape }], preferred: true }] : [])];
}

/** The fractions of `split`, or Keras-like defaults when it is not three numbers. */
function splitFractions(value: Value): number[] {
    const items = sequenceItems(value);
    const numbers = items?.filter((x): x is number => typeof x === 'number') ?? [];
    return numbers.length === items?.length && numbers.length > 0 ? numbers : (sequenceItems(findStatementKind('data')!.args.find(a => a.name === 'split')!.default) as number[]);
}

function tooShort(data: StatementDescription, table: DataTable): RnnDiagnostic[] {
    const lookback = typeof data.args.lookback === 'number' ? data.args.lookback : 1;
    const horizon = typeof data.args.horizon === 'number' ? data.args.horizon : 1;
    const windows = table.rowCount - lookback - horizon + 1;
    const fractions = splitFractions(data.args.split);
    const counts = fractions.map(f => Math.floor(Math.max(0, windows) * f));
    const names = ['training', 'validation', 'test'];
    const empty = fractions.map((f, i) => (f > 0 && counts[i] < 1 ? names[i] ?? `part ${i + 1}` : undefined)).filter(Boolean);
    if (windows >= 1 && empty.length === 0) return [];
    return [diagnostic('data-too-short',
        `The file has ${table.rowCount} rows: ${table.rowCount} − ${lookback} (lookback) − ${horizon} (horizon) + 1 = ${Math.max(0, windows)} windows, split ${fractions.join(' / ')} into ${counts.join(' / ')}; the ${empty.length > 0 ? empty.join(' and ') : 'training'} ${empty.length > 1 ? 'parts get' : 'part gets'} none. Use more rows or a shorter lookback.`,
        data.valueRanges.lookback ?? data.valueRanges.path ?? data.nameRange)];
}

function targetMismatch(model: ModelAnalysis, target: string, table: DataTable): RnnDiagnostic[] {
    const output = model.output;
    if (!output) return [];
    const index = table.columns.indexOf(target);
    const classes = table.numeric[index] ? undefined : table.classes[target];
    const last = output[output.length - 1];
    const range = model.layers[model.layers.length - 1]?.description.nameRange ?? model.description.nameRange;
    const mismatch = (message: string) => [diagnostic('output-target-mismatch', message, range)];
    if (output.length !== 2) {
        return mismatch(`The model outputs ${formatShape(output)}, a sequence, but data(...) gives one target per window. Remove return_sequences=True from the last recurrent layer, or add Flatten or GlobalAveragePooling1D before the last Dense.`);
    }
    if (!classes) {
        return last === 1 ? [] : mismatch(`The target "${target}" is one number per window, but the model outputs ${formatShape(output)}: ${last} values per sample. End with Dense(1).`);
    }
    const k = classes.length;
    const finalLayer = model.layers[model.layers.length - 1]?.description;
    const activation = finalLayer?.args.activation;
    const loss = model.description.compile?.args.loss;
    if (activation === 'sigmoid' && k > 2) {
        return mismatch(`The target "${target}" has ${k} classes (${classes.slice(0, 5).join(', ')}${k > 5 ? ', ...' : ''}), but a sigmoid output scores two classes. Use Dense(${k}, activation="softmax") with loss="sparse_categorical_crossentropy".`);
    }
    if (loss === 'binary_crossentropy') {
        return k === 2 && last === 1 ? [] : mismatch(`binary_crossentropy needs Dense(1, activation="sigmoid") and two classes; "${target}" has ${k} and the output is ${formatShape(output)}.`);
    }
    if (last !== k) {
        return mismatch(`The target "${target}" has ${k} classes (${classes.slice(0, 5).join(', ')}${k > 5 ? ', ...' : ''}), but the model outputs ${last} values per sample. End with Dense(${k}, activation="softmax").`);
    }
    return [];
}
