/** The results of `rnn-lens train`: a table for people, one JSON object for tools. */
import {
    type PreparedDataset, engineText, formatClassificationReport, formatConfusionMatrix, type TrainResult, fmt
} from '../../training/src/index.js';

export function resultLines(result: TrainResult, data: PreparedDataset): string[] {
    const lines = ['', `Trained "${result.model}" for ${result.epochsRun} of ${result.epochs} epochs in ${result.seconds.toFixed(1)}s (batch ${result.batchSize}, ${result.optimizer}, loss ${result.loss})`];
    lines.push(`Engine: ${engineText(result)}; matrix products: ${result.products}`);
    if (result.stoppedByUser) lines.push('Stopped by you: the results below are for the weights so far.');
    if (result.stoppedEarly) lines.push(`EarlyStopping ended training${result.restoredBestEpoch ? `; the weights of epoch ${result.restoredBestEpoch} were restored` : ''}.`);
    if (Object.keys(result.testLogs).length > 0) {
        lines.push(`Test (${data.test.n} windows, scaled as in training): ${Object.entries(result.testLogs).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    }
    const test = result.test;
    if (test?.task === 'regression') {
        const target = data.source.kind === 'csv' ? `"${data.source.target}"` : 'the target';
        lines.push(`Test in the units of ${target}: MAE ${test.mae.toFixed(3)}, RMSE ${test.rmse.toFixed(3)} (predicting the training mean: MAE ${test.baselineMae.toFixed(3)})`);
    } else if (test?.task === 'classification') {
        lines.push('', formatClassificationReport(test.report), '', 'Confusion matrix (rows: true class, columns: predicted):', formatConfusionMatrix(test.report));
    }
    return lines;
}

export function resultJson(result: TrainResult, backend: string, data: PreparedDataset): Record<string, unknown> {
    const test = result.test;
    const json: Record<string, unknown> = {
        done: true,
        model: result.model,
        backend,
        engine: result.engine,
        threads: result.threads,
        products: result.products,
        params: result.params,
        epochs: result.epochsRun,
        stoppedEarly: result.stoppedEarly,
        stoppedByUser: result.stoppedByUser,
        test: {
            ...result.testLogs,
            ...(test?.task === 'regression' ? { maeUnits: test.mae, rmseUnits: test.rmse, baselineMaeUnits: test.baselineMae } : {}),
            ...(test?.task === 'classification' ? { accuracy: test.accuracy } : {})
        },
        data: data.summary
    };
    if (test?.task === 'classification') {
        json.classificationReport = test.report.classes.map(c => ({ ...c }));
        json.confusionMatrix = test.report.confusionMatrix;
    }
    return json;
}
