/**
 * Curves and results: loss and validation loss (with each batch's loss under them) and one chart
 * per metric, drawn as the epochs come, with EarlyStopping and Stop marked; then the test
 * results in the target's units: for regression the errors and predicted against actual over the
 * test part, for classification scikit-learn's report and the confusion matrix, shaded.
 */
import { fmt, type ClassificationReport } from '../../../training/src/index.js';
import type { RunResult } from '../worker/worker-messages.js';
import { createLineChart, type LineChart } from './charts.js';
import { lossChart, metricCharts, predictionChart, runMarkers } from './curves-data.js';
import { h, replace, table } from './dom.js';
import type { RunState } from './state.js';

export class ResultsView {
    readonly element = h('div', { class: 'results' });
    private readonly curves = h('section', { attrs: { id: 'curves' } });
    private readonly results = h('section', { attrs: { id: 'results' } });
    private readonly charts = new Map<string, LineChart>();
    private prediction: LineChart | undefined;
    private shown: { history?: unknown; batchLoss?: unknown; result?: RunResult; run?: RunState } = {};

    constructor() {
        this.element.append(this.curves, this.results);
    }

    update(run: RunState | undefined): void {
        if (!run) {
            this.shown = {};
            replace(this.curves, []);
            replace(this.results, []);
            this.charts.forEach(c => c.destroy());
            this.charts.clear();
            return;
        }
        if (this.shown.history !== run.history || this.shown.batchLoss !== run.batchLoss || this.shown.result !== run.result) this.drawCurves(run);
        if (this.shown.result !== run.result) this.drawResults(run.result);
        this.shown = { history: run.history, batchLoss: run.batchLoss, result: run.result, run };
    }

    retheme(): void {
        this.charts.forEach(c => c.retheme());
        this.prediction?.retheme();
    }

    private chart(key: string): LineChart {
        let chart = this.charts.get(key);
        if (!chart) {
            chart = createLineChart('epoch');
            chart.element.dataset.chart = key;
            this.charts.set(key, chart);
        }
        return chart;
    }

    private drawCurves(run: RunState): void {
        if (this.curves.childElementCount === 0) this.curves.append(h('h2', { text: 'Curves' }), h('div', { class: 'charts' }));
        const holder = this.curves.lastElementChild as HTMLElement;
        const markers = runMarkers(run.result);
        const data = [lossChart(run.history, run.batchLoss), ...metricCharts(run.history)];
        data.forEach((d, i) => {
            const key = i === 0 ? 'loss' : d.title;
            const chart = this.chart(key);
            if (chart.element.parentElement !== holder) holder.append(chart.element);
            chart.update(d, markers);
        });
    }

    private drawResults(result: RunResult | undefined): void {
        this.prediction?.destroy();
        this.prediction = undefined;
        if (!result) return replace(this.results, []);
        const lines: (HTMLElement | null)[] = [h('h2', { text: 'Results' }), h('p', { text: runLine(result) })];
        const test = result.test;
        if (test?.task === 'regression') {
            lines.push(h('p', { class: 'metrics', attrs: { id: 'test-metrics' }, text: `Test, in the units of "${result.target}": MAE ${fmt(test.mae)}, RMSE ${fmt(test.rmse)} (always predicting the training mean: MAE ${fmt(test.baselineMae)}).` }));
            const data = predictionChart(result);
            if (data) {
                this.prediction = createLineChart('test window');
                this.prediction.element.dataset.chart = 'prediction';
                lines.push(this.prediction.element);
                queueMicrotask(() => this.prediction?.update(data));
            }
        } else if (test?.task === 'classification') {
            lines.push(
                h('p', { class: 'metrics', attrs: { id: 'test-metrics' }, text: `Test accuracy: ${(test.accuracy * 100).toFixed(1)}% of ${test.report.total} windows.` }),
                h('h3', { text: 'Classification report' }), reportTable(test.report),
                h('h3', { text: 'Confusion matrix (rows: true class, columns: predicted)' }), confusionTable(test.report)
            );
        } else {
            lines.push(h('p', { class: 'muted', text: 'The data has no test part: nothing to evaluate.' }));
        }
        const keras = Object.entries(result.testLogs);
        if (keras.length > 0) lines.push(h('p', { class: 'muted', text: `As Keras's evaluate reports them (scaled as in training): ${keras.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}.` }));
        replace(this.results, lines);
    }
}

function runLine(result: RunResult): string {
    const how = result.stoppedByUser ? ' (stopped by you: the results are for the weights so far)' : result.stoppedEarly ? ` (EarlyStopping${result.restoredBestEpoch ? `; the weights of epoch ${result.restoredBestEpoch} were restored` : ''})` : '';
    return `Trained ${result.model} on ${result.backend} for ${result.epochsRun} of ${result.epochs} epochs in ${result.seconds.toFixed(1)} s${how}: batch ${result.batchSize}, ${result.optimizer}, loss ${result.loss}.`;
}

const two = (x: number) => x.toFixed(2);

function reportTable(report: ClassificationReport): HTMLElement {
    const rows = [
        ...report.classes.map(c => [c.label, two(c.precision), two(c.recall), two(c.f1), String(c.support)]),
        ['accuracy', '', '', two(report.accuracy), String(report.total)],
        ['macro avg', two(report.macroAvg.precision), two(report.macroAvg.recall), two(report.macroAvg.f1), String(report.total)],
        ['weighted avg', two(report.weightedAvg.precision), two(report.weightedAvg.recall), two(report.weightedAvg.f1), String(report.total)]
    ];
    const element = table('report numeric', ['', 'precision', 'recall', 'f1-score', 'support'], rows);
    element.id = 'classification-report';
    return element;
}

/** Each cell shaded by its share of its true class (its row): the diagonal is what was right. */
function confusionTable(report: ClassificationReport): HTMLElement {
    const labels = report.classes.map(c => c.label);
    const element = table('confusion numeric', ['true \\ predicted', ...labels], report.confusionMatrix.map((row, i) => [labels[i], ...row.map(String)]));
    element.id = 'confusion-matrix';
    element.querySelectorAll('tbody tr').forEach((tr, i) => {
        const row = report.confusionMatrix[i];
        const total = row.reduce((a, b) => a + b, 0);
        tr.querySelectorAll('td').forEach((td, j) => {
            if (j === 0) return;
            const share = total > 0 ? row[j - 1] / total : 0;
            td.style.setProperty('--shade', `${Math.round(share * 70)}%`);
            td.classList.add('shaded');
            if (i === j - 1) td.classList.add('diagonal');
            td.title = `${row[j - 1]} of ${total} "${labels[i]}" predicted as "${labels[j - 1]}"`;
        });
    });
    return element;
}
