/**
 * The classification report and confusion matrix, computed and printed as scikit-learn's
 * `classification_report` and `confusion_matrix` do (precision, recall, F1, support per class,
 * accuracy, macro and weighted averages; 0 where a ratio has no denominator).
 */

export interface ClassMetrics {
    readonly label: string;
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
    readonly support: number;
}

export interface ClassificationReport {
    readonly classes: readonly ClassMetrics[];
    readonly accuracy: number;
    readonly macroAvg: Omit<ClassMetrics, 'label'>;
    readonly weightedAvg: Omit<ClassMetrics, 'label'>;
    /** Rows: the true class; columns: the predicted class (scikit-learn's orientation). */
    readonly confusionMatrix: readonly (readonly number[])[];
    readonly total: number;
}

export function confusionMatrix(actual: readonly number[], predicted: readonly number[], classCount: number): number[][] {
    const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
    actual.forEach((a, i) => { matrix[a][predicted[i]]++; });
    return matrix;
}

export function classificationReport(actual: readonly number[], predicted: readonly number[], labels: readonly string[]): ClassificationReport {
    if (actual.length !== predicted.length) throw new Error(`classificationReport: ${actual.length} actual labels but ${predicted.length} predictions`);
    const matrix = confusionMatrix(actual, predicted, labels.length);
    const total = actual.length;
    const classes = labels.map((label, c) => {
        const tp = matrix[c][c];
        const predictedC = matrix.reduce((sum, row) => sum + row[c], 0);
        const support = matrix[c].reduce((a, b) => a + b, 0);
        const precision = ratio(tp, predictedC);
        const recall = ratio(tp, support);
        return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
    });
    const mean = (key: 'precision' | 'recall' | 'f1', weighted: boolean) =>
        weighted
            ? ratio(classes.reduce((s, c) => s + c[key] * c.support, 0), total)
            : classes.reduce((s, c) => s + c[key], 0) / Math.max(1, classes.length);
    const correct = matrix.reduce((sum, row, i) => sum + row[i], 0);
    return {
        classes,
        accuracy: ratio(correct, total),
        macroAvg: { precision: mean('precision', false), recall: mean('recall', false), f1: mean('f1', false), support: total },
        weightedAvg: { precision: mean('precision', true), recall: mean('recall', true), f1: mean('f1', true), support: total },
        confusionMatrix: matrix,
        total
    };
}

function ratio(a: number, b: number): number {
    return b === 0 ? 0 : a / b;
}

/** The report as scikit-learn prints it (digits=2): `{:>{width}s} ` then ` {:>9}` per column. */
export function formatClassificationReport(report: ClassificationReport): string {
    const width = Math.max(...report.classes.map(c => c.label.length), 'weighted avg'.length);
    const line = (name: string, cells: string[]) => `${name.padStart(width)} ${cells.map(c => ` ${c.padStart(9)}`).join('')}`;
    const numbers = (p: number, r: number, f: number, s: number) => [p.toFixed(2), r.toFixed(2), f.toFixed(2), String(s)];
    return [
        line('', ['precision', 'recall', 'f1-score', 'support']),
        '',
        ...report.classes.map(c => line(c.label, numbers(c.precision, c.recall, c.f1, c.support))),
        '',
        line('accuracy', ['', '', report.accuracy.toFixed(2), String(report.total)]),
        line('macro avg', numbers(report.macroAvg.precision, report.macroAvg.recall, report.macroAvg.f1, report.total)),
        line('weighted avg', numbers(report.weightedAvg.precision, report.weightedAvg.recall, report.weightedAvg.f1, report.total))
    ].join('\n');
}

/** The confusion matrix with class names, true classes as rows. */
export function formatConfusionMatrix(report: ClassificationReport): string {
    const labels = report.classes.map(c => c.label);
    const width = Math.max(...labels.map(l => l.length), ...report.confusionMatrix.flat().map(n => String(n).length), 4);
    const head = `${'true \\ predicted'.padEnd(width + 2)}${labels.map(l => l.padStart(width + 1)).join('')}`;
    return [head, ...report.confusionMatrix.map((row, i) => `${labels[i].padEnd(width + 2)}${row.map(n => String(n).padStart(width + 1)).join('')}`)].join('\n');
}
