/**
 * The requests behind Explain Model, Show Diagram, Export to Keras and Import from Keras, asked
 * of the real language server (`rnn-lens lsp --stdio`) over JSON-RPC: each answers what the
 * command line prints for the same input (one implementation), follows edits of an open
 * document, works on an untitled one, and answers bad input with a message, not a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliSuite, runCli } from '../helpers/cli-run.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';
import { parseXml, type XmlElement } from '../helpers/xml-tree.js';

const theoryPath = join(ROOT, 'examples', 'advanced_rnn_theory.rnn');
const theoryUri = pathToFileURL(theoryPath).href;
const theory = readFileSync(theoryPath, 'utf8');
const weatherPath = join(ROOT, 'examples', 'seattle_weather.rnn');
const weatherUri = pathToFileURL(weatherPath).href;
const untitledUri = 'untitled:Untitled-7';
let client: LspClient;
const files = cliSuite('rnn-lens-views-');

function open(uri: string, text: string, version = 1): Promise<unknown> {
    const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version, text } });
    return published;
}

function elements(root: XmlElement, predicate: (e: XmlElement) => boolean): XmlElement[] {
    return [...(predicate(root) ? [root] : []), ...root.children.flatMap(c => elements(c, predicate))];
}

const layerBoxes = (svg: string) => elements(parseXml(svg), e => e.name === 'g' && e.attributes.class === 'layer');

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    // As the VS Code extension starts it: the CodeLens commands are the extension's, declared in its initializationOptions.
    await client.initializeAs('vscode');
    await open(theoryUri, theory);
}, 120_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('rnnLens/explain', () => {
    it('answers the walk-through `rnn-lens explain` prints for the model', async () => {
        const result = await client.request('rnnLens/explain', { uri: theoryUri, model: 'SingleLSTM' });
        const cli = runCli('explain', theoryPath, '--model', 'SingleLSTM');
        expect(cli.status).toBe(0);
        expect(result.markdown.trimEnd()).toBe(cli.stdout.trimEnd());
        expect(result.markdown).toContain('# Model `SingleLSTM`');
        expect(result.markdown).toContain('3,890');
        expect(result.errors).toEqual([]);
    });

    it('says which models there are when the one asked for is not there', async () => {
        const result = await client.request('rnnLens/explain', { uri: theoryUri, model: 'Nope' });
        expect(result.error).toContain('"Nope"');
        expect(result.models).toContain('StackedLSTM');
        expect(result.models).toHaveLength(7);
        const bad = await client.request('rnnLens/explain', { model: 'SingleLSTM' });
        expect(bad.error).toMatch(/names no document/);
        expect((await client.request('rnnLens/diagram', null)).error).toMatch(/names no document/);
        // A file that is not there: an error answer, and the server goes on.
        await expect(client.request('rnnLens/explain', { uri: 'file:///no/such/file.rnn', model: 'M' })).rejects.toThrow();
        expect(client.alive).toBe(true);
        expect((await client.request('rnnLens/explain', { uri: theoryUri, model: 'SingleLSTM' })).markdown).toContain('SingleLSTM');
    });
});

describe('rnnLens/diagram', () => {
    it('answers the SVG `rnn-lens diagram` writes, in the theme asked for, one box per layer', async () => {
        for (const theme of ['light', 'dark'] as const) {
            const result = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'StackedBidirectional', theme });
            const cli = runCli('diagram', theoryPath, '--model', 'StackedBidirectional', '--theme', theme);
            expect(result.svg.trimEnd()).toBe(cli.stdout.trimEnd());
            expect(layerBoxes(result.svg).map(g => g.attributes['data-kind'])).toEqual(['Bidirectional', 'Bidirectional', 'Dropout', 'Dense']);
        }
        const light = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'StackedBidirectional', theme: 'light' });
        const unknownTheme = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'StackedBidirectional', theme: 'purple' });
        expect(unknownTheme.svg).toBe(light.svg);
        const dark = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'StackedBidirectional', theme: 'dark' });
        expect(dark.svg).not.toBe(light.svg);
    });

    it('follows an edit at once, without waiting for the diagnostics, and shows its errors', async () => {
        const line = theory.split('\n').findIndex(l => l.includes('model SingleLSTM'));
        const lines = theory.split('\n');
        const denseLine = lines.findIndex((l, i) => i > line && l.includes('Dense(1)'));
        const edited = lines.map((l, i) => (i === denseLine ? l.replace('Dense(1)', 'Dense(3)') : l)).join('\n');
        client.notify('textDocument/didChange', { textDocument: { uri: theoryUri, version: 2 }, contentChanges: [{ text: edited }] });
        const after = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'SingleLSTM', theme: 'light' });
        expect(layerBoxes(after.svg).at(-1)!.children.map(c => c.text)).toContain('93 params');
        const explained = await client.request('rnnLens/explain', { uri: theoryUri, model: 'SingleLSTM' });
        expect(explained.markdown).toContain('(None, 3)');

        const broken = edited.split('\n').map((l, i) => (i === denseLine ? l.replace('Dense(3)', 'Dense(units=-1)') : l)).join('\n');
        client.notify('textDocument/didChange', { textDocument: { uri: theoryUri, version: 3 }, contentChanges: [{ text: broken }] });
        const withError = await client.request('rnnLens/diagram', { uri: theoryUri, model: 'SingleLSTM' });
        expect(withError.errors).toHaveLength(1);
        expect(withError.errors[0]).toMatch(new RegExp(`^${denseLine + 1}:\\d+ invalid-argument `));
        expect(parseXml(withError.svg).name).toBe('svg');

        const restored = client.waitFor('textDocument/publishDiagnostics', p => p.uri === theoryUri && p.diagnostics.every((d: any) => d.severity !== 1));
        client.notify('textDocument/didChange', { textDocument: { uri: theoryUri, version: 4 }, contentChanges: [{ text: theory }] });
        await restored;
    });
});

describe('rnnLens/exportKeras', () => {
    it('answers the script `rnn-lens export` prints, data loading included, and the tfjs code', async () => {
        await open(weatherUri, readFileSync(weatherPath, 'utf8'));
        const keras = await client.request('rnnLens/exportKeras', { uri: weatherUri, model: 'TempForecast' });
        const cli = runCli('export', weatherPath, '--model', 'TempForecast');
        expect(cli.status).toBe(0);
        expect(keras).toMatchObject({ model: 'TempForecast', target: 'keras' });
        expect(keras.code.trimEnd()).toBe(cli.stdout.trimEnd());
        expect(keras.code).toContain('seattle_weather.rnn');
        expect(keras.code).toContain('pd.read_csv');

        const tfjs = await client.request('rnnLens/exportKeras', { uri: weatherUri, model: 'TempForecast', target: 'tfjs' });
        expect(tfjs.code.trimEnd()).toBe(runCli('export', weatherPath, '--model', 'TempForecast', '--to', 'tfjs').stdout.trimEnd());
    });

    it('exports an untitled document, and refuses a model with errors, naming them', async () => {
        const text = 'model Small {\n    LSTM(4, input_shape=(5, 2))\n    Dense(1)\n}\n\nmodel Bad {\n    LSTM(30, input_shape=(10, 3))\n    Dense(units=-1)\n}\n';
        await open(untitledUri, text);
        const small = await client.request('rnnLens/exportKeras', { uri: untitledUri, model: 'Small' });
        expect(small.code).toContain('layers.LSTM(4');
        expect(small.code).toContain('Untitled-7');
        const bad = await client.request('rnnLens/exportKeras', { uri: untitledUri, model: 'Bad' });
        expect(bad.error).toContain('"Bad" has errors');
        expect(bad.problems).toEqual([expect.stringMatching(/^8:\d+ invalid-argument Dense's "units" must be an integer/)]);
        expect((await client.request('rnnLens/exportKeras', { uri: untitledUri, model: 'Nope' })).error).toContain('"Nope"');
        expect((await client.request('rnnLens/exportKeras', { uri: untitledUri, model: 'Small', target: 'onnx' })).error).toContain('keras or tfjs');
    });
});

describe('rnnLens/importKeras', () => {
    const python = 'from tensorflow.keras import Sequential\nfrom tensorflow.keras.layers import LSTM, Dense\nsteps = 21\nmodel = Sequential()\nmodel.add(LSTM(30, input_shape=(steps, 9)))\nmodel.add(Dense(1))\nfn = Sequential([MyLayer(3)])\n';

    it('answers the .rnn document `rnn-lens import` prints, with its warnings and their lines', async () => {
        const result = await client.request('rnnLens/importKeras', { text: python, kind: 'py', fileName: 'm.py' });
        expect(result.models).toEqual(['model_1', 'fn']);
        expect(result.text).toContain('let steps = 21');
        expect(result.warnings.some((w: any) => w.where === 'line 7')).toBe(true);
        const path = files.file('m.py', python);
        const cli = runCli('import', path);
        expect(result.text.trimEnd()).toBe(cli.stdout.replaceAll(path, 'm.py').trimEnd());
        expect(cli.stderr).toContain(`${path}: line 7: warning: `);
    });

    it('reads a notebook\'s code cells, naming cells in its warnings', async () => {
        const notebook = JSON.stringify({ cells: [
            { cell_type: 'markdown', source: '# Models' },
            { cell_type: 'code', source: ['%matplotlib inline\n', 'import keras\n', 'm = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])\n', 'n = keras.Sequential([Custom()])'] }
        ] });
        const result = await client.request('rnnLens/importKeras', { text: notebook, kind: 'ipynb', fileName: 'course.ipynb' });
        expect(result.models[0]).toBe('m');
        expect(result.text).toContain('Imported from course.ipynb');
        expect(result.warnings.map((w: any) => w.where)).toContain('cell 2, line 4');
    });

    it('says where Python does not parse, and what is wrong with the request, without crashing', async () => {
        const broken = await client.request('rnnLens/importKeras', { text: 'import keras\nm = keras.Sequential()\nm.add(keras.layers.LSTM(30,\n', kind: 'py', fileName: 'broken.py' });
        expect(broken.error).toMatch(/^broken\.py is not valid Python: line 3, column 6: /);
        expect((await client.request('rnnLens/importKeras', { text: '{', kind: 'ipynb', fileName: 'x.ipynb' })).error).toContain('x.ipynb is not a notebook');
        expect((await client.request('rnnLens/importKeras', { kind: 'py' })).error).toContain('no code');
        expect((await client.request('rnnLens/importKeras', { text: 'x = 1', kind: 'r' })).error).toContain('py or ipynb');
        expect(client.alive).toBe(true);
    });
});

describe('the CodeLens', () => {
    it('offers Explain and Diagram on each model, naming the document and the model', async () => {
        const lenses: any[] = await client.request('textDocument/codeLens', { textDocument: { uri: theoryUri } });
        const onStacked = lenses.filter(l => l.command.arguments[1] === 'StackedLSTM').map(l => [l.command.title, l.command.command]);
        expect(onStacked).toEqual([
            ['▶ Train', 'rnnLens.train'],
            ['Summary', 'rnnLens.showSummary'],
            ['Explain', 'rnnLens.explain'],
            ['Diagram', 'rnnLens.showDiagram'],
            ['Export to Keras', 'rnnLens.exportKeras']
        ]);
        expect(lenses.every(l => l.command.arguments[0] === theoryUri)).toBe(true);
    });
});
