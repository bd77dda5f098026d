/**
 * `data(...)` as Python: pandas loading, the windows, the chronological split and the scaling
 * fitted on the training part, with numpy and scikit-learn, exactly as `rnn-lens train` prepares
 * them (training/src/data/dataset.ts states the rules; the comments here repeat them).
 */
import { findStatementKind, type ModelDescription } from '../../../language/src/index.js';
import type { ExportValues } from '../../../language/src/parse.js';
import { isClassificationLoss, labelEncoding, lossName } from '../data/classification.js';

/** The names the data code defines: constants of the `.rnn` file with these names are renamed. */
export const DATA_SCRIPT_NAMES = [
    'np', 'pd', 'MinMaxScaler', 'StandardScaler', 'DATA_PATH', 'FEATURES', 'TARGET', 'LOOKBACK', 'HORIZON', 'SPLIT',
    'df', 'features', 'target', 'labels', 'classes', 'n_windows', 'fractions', 'counts', 'last', 'n_train', 'n_val', 'n_test',
    'train_rows', 'first', 'feature_scaler', 'target_scaler', 'windows', 'X_train', 'y_train', 'X_val', 'y_val', 'X_test', 'y_test',
    // Python's builtins that the data code calls.
    'len', 'range', 'int', 'list', 'dict', 'str', 'float', 'sum', 'max', 'enumerate', 'print', 'ValueError'
];

const SCALERS: Readonly<Record<string, string>> = { minmax: 'MinMaxScaler', standard: 'StandardScaler' };

export interface DataCode {
    readonly imports: readonly string[];
    readonly lines: readonly string[];
}

/** The data code of a model whose `data(...)` names a CSV file; undefined for synthetic data or none. */
export function dataCode(model: ModelDescription, values: ExportValues, rnnFile: string): DataCode | undefined {
    const data = model.data;
    if (!data || typeof data.args.path !== 'string') return undefined;
    const defaults = Object.fromEntries(findStatementKind('data')!.args.map(a => [a.name, a.default]));
    const setting = (name: string) => values.argumentOrValue(data, name, data.args[name] ?? defaults[name]);
    const lookback = data.given.includes('lookback') ? setting('lookback') : String(model.input?.shape[0] ?? 'None');
    const scaler = SCALERS[String(data.args.scale)];
    const loss = lossName(model.compile?.args.loss);
    const classification = isClassificationLoss(loss);
    const lines = [
        '# data(...): the windows RNN Lens trains on, made the same way as `rnn-lens train` makes them.',
        `DATA_PATH = ${setting('path')}  # relative to the folder of ${rnnFile}`,
        `FEATURES = ${setting('features')}`,
        `TARGET = ${setting('target')}`,
        `LOOKBACK = ${lookback}  # rows per window`,
        `HORIZON = ${setting('horizon')}  # the target is this many rows after a window's last row`,
        `SPLIT = ${setting('split')}  # train, validation, test fractions, in time order`,
        '',
        'df = pd.read_csv(DATA_PATH)',
        'features = df[FEATURES].to_numpy(dtype="float32")',
        'n_windows = len(df) - LOOKBACK - HORIZON + 1',
        '# The windows are split in time order; when the fractions add up to 1,',
        '# the last part keeps the windows that rounding down leaves over.',
        'fractions = (list(SPLIT) + [0, 0])[:3]',
        'counts = [int(n_windows * f + 1e-9) for f in fractions]',
        'if sum(fractions) >= 1 - 1e-9:',
        '    last = max(i for i, f in enumerate(fractions) if f > 0)',
        '    counts[last] += n_windows - sum(counts)',
        'n_train, n_val, n_test = counts',
        ...(scaler ? [
            '# The scalers are fitted on the rows the training windows read, never on validation or test rows.',
            'train_rows = n_train + LOOKBACK - 1',
            `feature_scaler = ${scaler}().fit(features[:train_rows])`,
            'features = feature_scaler.transform(features)'
        ] : []),
        ...(classification ? classificationTarget(labelEncoding(loss) === 'one-hot') : regressionTarget(scaler)),
        '',
        '',
        'def windows(start, stop):',
        '    """Windows start .. stop - 1: LOOKBACK rows of features each, and the target HORIZON rows after the last."""',
        '    x = np.array([features[w:w + LOOKBACK] for w in range(start, stop)], dtype="float32")',
        '    y = np.array([target[w + LOOKBACK - 1 + HORIZON] for w in range(start, stop)], dtype="float32")',
        '    return x.reshape(-1, LOOKBACK, features.shape[1]), y',
        '',
        '',
        'X_train, y_train = windows(0, n_train)',
        'X_val, y_val = windows(n_train, n_train + n_val)',
        'X_test, y_test = windows(n_train + n_val, n_train + n_val + n_test)'
    ];
    return {
        imports: ['import numpy as np', 'import pandas as pd', ...(scaler ? [`from sklearn.preprocessing import ${scaler}`] : [])],
        lines
    };
}

function regressionTarget(scaler: string | undefined): string[] {
    return [
        'target = df[[TARGET]].to_numpy(dtype="float32")',
        ...(scaler ? [
            'first = LOOKBACK - 1 + HORIZON  # the row of the first window\'s target',
            `target_scaler = ${scaler}().fit(target[first:first + n_train])`,
            'target = target_scaler.transform(target)'
        ] : []),
        'target = target[:, 0]'
    ];
}

function classificationTarget(oneHot: boolean): string[] {
    return [
        'labels = df[TARGET].astype(str)',
        'classes = list(dict.fromkeys(labels))  # numbered in order of first appearance, over the whole file',
        'try:',
        '    classes.sort(key=float)  # numeric labels (0/1 ...) in ascending order',
        'except ValueError:',
        '    pass',
        'target = labels.map({c: i for i, c in enumerate(classes)}).to_numpy()',
        ...(oneHot ? ['target = keras.utils.to_categorical(target, len(classes))'] : [])
    ];
}
