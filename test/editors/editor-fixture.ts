/**
 * What every real-editor test shares: a project folder outside the checkout holding the fixture
 * (two stacked LSTMs, the first without return_sequences=True) in a git repository, a home folder of its own for the
 * editor's user configuration, and what the editor must show, computed by the installed
 * `rnn-lens summary --json` (the CLI is the reference, as in the e2e tests).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCount } from '../../language/src/catalog/numbers.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { ROOT } from '../helpers/ensure-built.js';
import { cleanEnv, pathWith, run } from '../helpers/installed-cli.js';

export const EDITORS = join(ROOT, '.editors');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'editors', 'stacked.rnn');
export const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
/** The fixture's lines (0-based): the model's name, the LSTM without return_sequences, the one it breaks. */
export const LINES = { model: 1, firstLstm: 2, secondLstm: 3 } as const;
/** What the quick fix for missing-return-sequences makes of the fixture. */
export const FIXED_TEXT = FIXTURE_TEXT.replace('input_shape=(20, 3))', 'input_shape=(20, 3), return_sequences=True)');

export interface EditorWorld {
    /** The project folder (outside the checkout) with stacked.rnn, the editor's working directory. */
    readonly project: string;
    readonly file: string;
    /** A user's home: XDG_CONFIG_HOME is home/.config. */
    readonly home: string;
    /** The environment the editor starts in: this home, `rnn-lens` first on PATH, npm's variables left out. */
    readonly env: NodeJS.ProcessEnv;
    /** Writes a user configuration file (a path under home) with `text`. */
    config(path: string, text: string): string;
}

export function editorWorld(binDir: string, name: string): EditorWorld {
    const root = mkdtempSync(join(tmpdir(), `rnn-lens-${name}-`));
    const project = join(root, 'project');
    const home = join(root, 'home');
    mkdirSync(project);
    mkdirSync(home);
    // A project as users have them: a git repository (Neovim's root_markers, eglot's project.el).
    run('git', ['init', '--quiet', project]);
    const file = join(project, 'stacked.rnn');
    cpSync(FIXTURE, file);
    const env = cleanEnv({
        HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_STATE_HOME: join(home, '.local', 'state'), XDG_CACHE_HOME: join(home, '.cache'), PATH: pathWith(binDir)
    });
    return {
        project, file, home, env,
        config(path, text) {
            const target = join(home, path);
            mkdirSync(join(target, '..'), { recursive: true });
            writeFileSync(target, text);
            return target;
        }
    };
}

interface SummaryLayer { readonly outputShape: (number | null)[] | null; readonly params: number | null }
interface Summary { readonly models: { readonly layers: SummaryLayer[]; readonly totalParams: number }[] }

/** `rnn-lens summary --json` of `text`, by the installed command. */
export function summaryOf(binDir: string, text: string): Summary {
    const dir = mkdtempSync(join(tmpdir(), 'rnn-lens-summary-'));
    writeFileSync(join(dir, 'model.rnn'), text);
    const result = run('rnn-lens', ['summary', '--json', 'model.rnn'], { cwd: dir, env: cleanEnv({ PATH: pathWith(binDir) }) });
    return JSON.parse(result.stdout);
}

/** The hints each layer line must show (its shape, then its parameter count; none when unknown), by line; `hideBatch` as Neovim's README setting. */
export function expectedLayerHints(binDir: string, text: string, hideBatch = false): Map<number, string[]> {
    const [model] = summaryOf(binDir, text).models;
    const lines = new Map<number, string[]>();
    model.layers.forEach((layer, i) => {
        lines.set(LINES.firstLstm + i, layer.outputShape && layer.params !== null ? [formatShape(layer.outputShape, { hideBatch }), `${formatCount(layer.params)} params`] : []);
    });
    return lines;
}

/** The first LSTM's parameter count as the hover must show it: `4,608`. */
export function firstLstmParams(binDir: string): string {
    return formatCount(summaryOf(binDir, FIXTURE_TEXT).models[0].layers[0].params!);
}

export function totalParams(binDir: string, text: string): string {
    return formatCount(summaryOf(binDir, text).models[0].totalParams);
}
