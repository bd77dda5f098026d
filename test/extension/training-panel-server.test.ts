/**
 * What the host posts to the training panel, from the real language server (`rnn-lens lsp
 * --stdio`, spoken to over JSON-RPC as the extension's client does): the `model` message made
 * of the answer to `rnnLens/modelDescription` passes the panel's schema; a model with errors
 * cannot train and carries its errors with their ranges; a model that is gone is
 * `modelUnavailable` with the document's errors; the `train` options follow the settings; the
 * diagram is the server's `rnnLens/diagram` SVG, checked by the protocol, light or dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAnalysis } from '../../language/src/analysis/types.js';
import type { ThemeName } from '../../language/src/diagram/theme.js';
import { MODEL_DESCRIPTION_REQUEST } from '../../language/src/lsp/custom-requests.js';
import { documentErrors, type DiagnosticLike } from '../../client/src/panel/diagnostics.js';
import { diagramMessage } from '../../client/src/panel/diagram-message.js';
import { DIAGRAM_REQUEST, type DiagramResult, type NoSuchModel } from '../../language/src/lsp/model-view-protocol.js';
import { modelMessage, trainOptions, type ModelDescriptionResult } from '../../client/src/panel/model-messages.js';
import { MODEL_DESCRIPTION_REQUEST_NAME } from '../../client/src/panel/panel-ids.js';
import { parseHostMessage } from '../../webview/src/protocol/index.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const uri = 'file:///workspace/panel.rnn';
const TEXT = `let n_steps = 21
let n_features = 9

model SingleLSTM {
    Conv1D(filters=1, kernel_size=2, input_shape=(n_steps, n_features))
    MaxPooling1D(2)
    LSTM(30, activation="relu", recurrent_dropout=0.2)
    Dropout(0.1)
    Dense(1)
    compile(optimizer="adam", loss="mse", metrics=["mae"])
}

model Fitted {
    Input(shape=(n_steps, n_features))
    GRU(8)
    Dense(1)
    compile(optimizer="adam", loss="mse")
    fit(epochs=3, batch_size=16)
}

model BatchOnly {
    Input(shape=(n_steps, n_features))
    Dense(1)
    compile(optimizer="adam", loss="mse")
    fit(batch_size=8)
}

model Broken {
    Input(shape=(n_steps, n_features))
    LSTM(units=-4)
    Dense(1)
}
`;

let client: LspClient;
/** The document's diagnostics, numbered as VS Code numbers severities (the language client turns LSP's 1-4 into 0-3). */
let diagnostics: DiagnosticLike[] = [];

const describeModel = (model: string) => client.request<ModelDescriptionResult>(MODEL_DESCRIPTION_REQUEST_NAME, { uri, model });
const drawModel = (model: string, theme: ThemeName) => client.request<DiagramResult | NoSuchModel>(DIAGRAM_REQUEST, { uri, model, theme });

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initialize();
    const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: TEXT } });
    diagnostics = ((await published).diagnostics as Array<DiagnosticLike & { severity: number }>).map(d => ({ ...d, severity: d.severity - 1 }));
}, 60_000);

afterAll(async () => { await client?.shutdown(); });

describe('the panel\'s model, from the language server', () => {
    it('asks the request the server answers', () => {
        expect(MODEL_DESCRIPTION_REQUEST_NAME).toBe(MODEL_DESCRIPTION_REQUEST);
    });

    it('posts a trainable model that passes the panel\'s schema, with the default epochs where fit(...) names none', async () => {
        const target = { uri, model: 'SingleLSTM' };
        const update = modelMessage(target, await describeModel('SingleLSTM'), documentErrors(diagnostics));
        expect(update.type).toBe('model');
        if (update.type !== 'model') return;
        expect(parseHostMessage(update).ok).toBe(true);
        expect(update).toMatchObject({ uri, trainable: true, errors: [] });
        expect(update.analysis.layers.map(l => l.kind)).toEqual(['Conv1D', 'MaxPooling1D', 'LSTM', 'Dropout', 'Dense']);
        expect(update.analysis.totals.total).toBe(3_890);
        expect(trainOptions(update, { backend: 'wasm', defaultEpochs: 10 })).toEqual({ backend: 'wasm', epochs: 10 });
        expect(trainOptions(update, { backend: 'quantum', defaultEpochs: 0 })).toEqual({});
        const fitted = modelMessage({ uri, model: 'Fitted' }, await describeModel('Fitted'), []);
        expect(trainOptions(fitted, { backend: 'auto', defaultEpochs: 10 })).toEqual({ backend: 'auto' });
        // fit(...) without epochs=: the description holds Keras's default (1), the setting wins.
        const batchOnly = modelMessage({ uri, model: 'BatchOnly' }, await describeModel('BatchOnly'), []);
        expect(trainOptions(batchOnly, { backend: 'auto', defaultEpochs: 12 })).toEqual({ backend: 'auto', epochs: 12 });
    });

    it('posts a model with errors as not trainable, each error with its range for the panel\'s link', async () => {
        const update = modelMessage({ uri, model: 'Broken' }, await describeModel('Broken'), documentErrors(diagnostics));
        expect(update.type).toBe('model');
        if (update.type !== 'model') return;
        expect(update.trainable).toBe(false);
        expect(update.errors.length).toBeGreaterThan(0);
        const line = TEXT.split('\n').findIndex(l => l.includes('units=-4'));
        expect(update.errors.some(e => e.range.start.line === line)).toBe(true);
        expect(parseHostMessage(update).ok).toBe(true);
    });

    it('posts a model that is gone as unavailable, with the file\'s models and errors; a failed request says so', async () => {
        const errors = documentErrors(diagnostics);
        expect(errors.length).toBeGreaterThan(0);
        const update = modelMessage({ uri, model: 'Renamed' }, await describeModel('Renamed'), errors);
        expect(update).toMatchObject({ type: 'modelUnavailable', uri, model: 'Renamed', errors });
        expect(update.type === 'modelUnavailable' && update.message).toBe('There is no model named "Renamed" in the file (renamed or deleted?). The file\'s models: SingleLSTM, Fitted, BatchOnly, Broken. It has errors, which may hide it:');
        expect(parseHostMessage(update).ok).toBe(true);
        const failed = modelMessage({ uri, model: 'SingleLSTM' }, new Error('Connection got disposed.'), []);
        expect(failed).toEqual({ type: 'modelUnavailable', uri, model: 'SingleLSTM', message: 'The language server did not describe SingleLSTM: Connection got disposed.' });
    });

    it('refuses an answer that does not pass the schema rather than posting it', () => {
        const update = modelMessage({ uri, model: 'M' }, { analysis: { name: 'M', layers: 'none' }, errors: [], trainable: true }, []);
        expect(update.type).toBe('modelUnavailable');
        expect(update.type === 'modelUnavailable' && update.message).toMatch(/did not pass the panel's check \(malformed host-to-panel "model" message: analysis\./);
    });
});

describe('the panel\'s diagram', () => {
    it('is the server\'s SVG of the model, one box per layer, checked by the protocol, light or dark', async () => {
        const update = modelMessage({ uri, model: 'SingleLSTM' }, await describeModel('SingleLSTM'), []);
        const analysis = (update as { analysis: ModelAnalysis }).analysis;
        const light = diagramMessage('SingleLSTM', 'light', await drawModel('SingleLSTM', 'light'));
        const dark = diagramMessage('SingleLSTM', 'dark', await drawModel('SingleLSTM', 'dark'));
        if (!light.ok || !dark.ok) throw new Error('no diagram');
        expect([light.message.theme, dark.message.theme]).toEqual(['light', 'dark']);
        for (const { message } of [light, dark]) {
            expect(parseHostMessage(message).ok).toBe(true);
            expect([...message.svg.matchAll(/data-name="([^"]+)"/g)].map(m => m[1])).toEqual(analysis.layers.map(l => l.name));
        }
        // The themes differ in colours only.
        expect(light.message.svg).not.toBe(dark.message.svg);
        const shape = (svg: string) => svg.replace(/#[0-9a-fA-F]{3,8}\b/g, '#');
        expect(shape(light.message.svg)).toBe(shape(dark.message.svg));
    });

    it('marks the document\'s errors on the layer they are on', async () => {
        const drawn = diagramMessage('Broken', 'light', await drawModel('Broken', 'light'));
        if (!drawn.ok) throw new Error(drawn.reason);
        const codes = documentErrors(diagnostics).map(e => e.code);
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes) expect(drawn.message.svg).toContain(`✖ ${code}`);
    });

    it('is not posted for a model that is gone, a failed request, or an answer the protocol refuses', async () => {
        expect(diagramMessage('Gone', 'light', await drawModel('Gone', 'light'))).toEqual({ ok: false, reason: `There is no model named "Gone" in ${uri}.` });
        expect(diagramMessage('M', 'dark', new Error('Request cancelled'))).toEqual({ ok: false, reason: 'the language server did not draw M: Request cancelled' });
        const refused = diagramMessage('M', 'dark', { svg: '<script>alert(1)</script>', errors: [] });
        expect(refused.ok).toBe(false);
        expect(!refused.ok && refused.reason).toMatch(/did not pass the panel's check \(malformed host-to-panel "diagram" message: svg: /);
    });
});
