/**
 * The training panel's message protocol, both ways: every message the host or the panel may
 * send passes its schema; unknown types and malformed messages are refused with a reason that
 * says what and where. The analysis in `model` is the real one of the notebook's models.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { parseHostMessage, parsePanelMessage, type HostMessage, type PanelMessage } from '../../webview/src/protocol/index.js';
import { ROOT } from '../helpers/ensure-built.js';

const notebook = analyzeText(readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8'));
const weather = analyzeText(readFileSync(join(ROOT, 'examples', 'seattle_weather.rnn'), 'utf8'));
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };

function modelOf(name: string) {
    const analysis = [...notebook.models, ...weather.models].find(m => m.name === name)!;
    return { type: 'model', uri: 'file:///w/a.rnn', analysis: json(analysis), errors: [], trainable: true } as const;
}

const reason = (result: ReturnType<typeof parseHostMessage> | ReturnType<typeof parsePanelMessage>) => (result.ok ? 'accepted' : result.reason);

describe('host → panel messages', () => {
    it('accepts every model of the examples as the host sends it (plain JSON)', () => {
        for (const model of [...notebook.models, ...weather.models]) {
            const result = parseHostMessage(modelOf(model.name));
            expect(reason(result), model.name).toBe('accepted');
        }
    });

    it('accepts each message type', () => {
        const messages: HostMessage[] = [
            { ...modelOf('SingleLSTM'), errors: [{ message: 'x', code: 'missing-return-sequences', range }], trainable: false },
            { type: 'modelUnavailable', uri: 'file:///w/a.rnn', model: 'M', message: 'gone' },
            { type: 'dataFile', path: 'data/a.csv', text: 'a,b\n1,2\n' },
            { type: 'dataFileError', path: '../a.csv', message: 'outside the workspace' },
            { type: 'train' },
            { type: 'train', options: { epochs: 3, batchSize: 16, learningRate: 0.01, backend: 'wasm' } },
            { type: 'stop' },
            { type: 'saveResult', ok: true, message: 'Saved to model/' }
        ];
        for (const message of messages) expect(reason(parseHostMessage(json(message))), message.type).toBe('accepted');
    });

    it('lets an LSP diagnostic through as a model error (its other fields are not read)', () => {
        const diagnostic = { message: 'm', code: 'x', range, severity: 1, source: 'rnn-lens', data: { fixes: [] } };
        expect(reason(parseHostMessage({ ...modelOf('SingleLSTM'), errors: [diagnostic] }))).toBe('accepted');
    });

    it.each([
        ['a string', 'model', /^unknown host-to-panel message \(a string\)/],
        ['null', null, /^unknown host-to-panel message \(a null\)/],
        ['no type', { uri: 'x' }, /^unknown host-to-panel message \(no type\)/],
        ['an unknown type', { type: 'runScript', code: 'x' }, /^unknown host-to-panel message \(type "runScript"\); known: model, modelUnavailable, dataFile/],
        ['an extra field', { type: 'stop', now: true }, /^malformed host-to-panel "stop" message: now: Invalid key/],
        ['a missing field', { type: 'dataFile', path: 'a.csv' }, /^malformed host-to-panel "dataFile" message: text: Invalid key/],
        ['epochs below 1', { type: 'train', options: { epochs: 0 } }, /options\.epochs: Invalid value/],
        ['a fractional batch size', { type: 'train', options: { batchSize: 2.5 } }, /options\.batchSize: Invalid integer/],
        ['an unknown backend', { type: 'train', options: { backend: 'webgpu' } }, /options\.backend: Invalid type: Expected \("auto" \| "webgl" \| "wasm" \| "cpu"\) but received "webgpu"/],
        ['a learning rate of 0', { type: 'train', options: { learningRate: 0 } }, /options\.learningRate: Invalid value/],
        ['an error without a range', { ...modelOf('SingleLSTM'), errors: [{ message: 'm' }] }, /errors\.0\.range: Invalid key/]
    ])('refuses %s', (_, message, expected) => {
        expect(reason(parseHostMessage(message))).toMatch(expected);
    });

    it('refuses analyses that the panel or the engine would misread', () => {
        const good = modelOf('SingleSimpleRNN');
        const broken = (edit: (analysis: any) => void) => {
            const message = json(good) as any;
            edit(message.analysis);
            return reason(parseHostMessage(message));
        };
        expect(broken(a => { a.layers[0].name = 5; })).toMatch(/analysis\.layers\.0\.name: Invalid type/);
        expect(broken(a => { a.layers[2].output = [null, 'thirty']; })).toMatch(/analysis\.layers\.2\.output\.1/);
        expect(broken(a => { a.totals.total = -1; })).toMatch(/analysis\.totals\.total: Invalid value/);
        expect(broken(a => { a.description.layers[0].args.filters = { kind: 'set', items: [] }; })).toMatch(/analysis\.description\.layers\.0\.args\.filters/);
        expect(broken(a => { a.description.compile.args.optimizer = { kind: 'call', callee: 'Adam' }; })).toMatch(/analysis\.description\.compile\.args\.optimizer/);
        expect(broken(a => { delete a.complete; })).toMatch(/analysis\.complete: Invalid key/);
        expect(broken(a => { a.name = ''; })).toMatch(/analysis\.name: Invalid length/);
        expect(broken(a => { a.layers[0].params.trainable = 1.5; })).toMatch(/analysis\.layers\.0\.params\.trainable: Invalid integer/);
    });

    it('reports at most three problems of one message, and how many more there are', () => {
        const message = { ...modelOf('SingleLSTM'), uri: 1, errors: 'none', trainable: 'yes', analysis: 7 };
        expect(reason(parseHostMessage(message))).toMatch(/: .*; .*; .* \(and 1 more\)$/);
    });
});

describe('panel → host messages', () => {
    it('accepts each message type', () => {
        const messages: PanelMessage[] = [
            { type: 'ready' },
            { type: 'readData', path: 'data/a.csv' },
            { type: 'progress', model: 'M', status: 'training', epoch: 2, epochs: 10 },
            { type: 'progress', model: 'M', status: 'stopped' },
            { type: 'reveal', uri: 'file:///w/a.rnn', range },
            { type: 'saveModel', model: 'M', modelJson: '{"format":"layers-model"}', weights: 'AAECAw==' },
            { type: 'log', level: 'warn', message: 'Dropped a message' }
        ];
        for (const message of messages) expect(reason(parsePanelMessage(json(message))), message.type).toBe('accepted');
    });

    it.each([
        ['an unknown type', { type: 'writeFile', path: '/etc/passwd' }, /^unknown panel-to-host message \(type "writeFile"\)/],
        ['an empty data path', { type: 'readData', path: '' }, /path: Invalid length/],
        ['an unknown status', { type: 'progress', model: 'M', status: 'exploded' }, /status: Invalid type: Expected \("idle" \|/],
        ['a negative position', { type: 'reveal', uri: 'u', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }, /range\.start\.line: Invalid value/],
        ['weights that are not base64', { type: 'saveModel', model: 'M', modelJson: '{}', weights: 'not base64!' }, /weights: Invalid Base64/],
        ['an unknown log level', { type: 'log', level: 'debug', message: 'x' }, /level: Invalid type: Expected \("info" \| "warn" \| "error"\)/],
        ['an extra field', { type: 'ready', version: 2 }, /version: Invalid key/]
    ])('refuses %s', (_, message, expected) => {
        expect(reason(parsePanelMessage(message))).toMatch(expected);
    });
});
