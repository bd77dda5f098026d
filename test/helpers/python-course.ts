/**
 * The course's seven models as Keras code, made by `rnn-lens export` from examples/advanced_rnn_theory.rnn
 * (real Keras that runs), in the two styles the course and Keras's docs write: `Sequential([...])`,
 * and `model = Sequential()` + `model.add(...)`; and as notebook cells (constants in the first
 * cell, one model per cell, Markdown, a `!pip` line and a `%%bash` cell between).
 */
import { examplePath } from './editor-session.js';
import { runCli } from './cli-run.js';

export const COURSE_MODELS = ['SingleSimpleRNN', 'SingleLSTM', 'StackedLSTM', 'Monster1', 'SingleBidirectional', 'StackedBidirectional', 'Monster2'] as const;

export interface ModelCode {
    readonly name: string;
    /** The header: `import keras`, `from keras import layers` and the constants. */
    readonly header: readonly string[];
    /** The model's own lines (making it, compile, summary). */
    readonly body: readonly string[];
}

const exported = new Map<string, string>();

/** One model's code, in the style asked for. */
export function courseModelCode(name: string, style: 'list' | 'add'): ModelCode {
    if (!exported.has(name)) {
        const run = runCli('export', examplePath, '--model', name);
        if (run.status !== 0) throw new Error(`rnn-lens export --model ${name} failed: ${run.stderr}`);
        exported.set(name, run.stdout);
    }
    const lines = exported.get(name)!.split('\n');
    const start = lines.findIndex(l => l.startsWith('model = keras.Sequential(['));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('], name='));
    const header = lines.slice(lines.findIndex(l => l.startsWith('import keras')), start).filter(l => l.trim() !== '');
    const items = lines.slice(start + 1, end);
    const rest = lines.slice(end + 1).filter(l => l.trim() !== '');
    const body = style === 'list'
        ? lines.slice(start, end + 1).concat(rest)
        : [`model = keras.Sequential(${lines[end].slice('], '.length, -1)})`, ...joinItems(items).map(item => `model.add(${item})`), ...rest];
    return { name, header, body };
}

/** The list's items, each a layer call (one that spans lines is joined). */
function joinItems(items: readonly string[]): string[] {
    const joined: string[] = [];
    let open = '';
    for (const line of items) {
        open = open ? `${open} ${line.trim()}` : line.trim();
        const depth = [...open].reduce((d, c) => d + (c === '(' || c === '[' ? 1 : c === ')' || c === ']' ? -1 : 0), 0);
        if (depth === 0) {
            joined.push(open.replace(/,$/, ''));
            open = '';
        }
    }
    return joined;
}

/** All seven models in one Python file, alternating the styles, the header once. */
export function courseFile(): string {
    const codes = COURSE_MODELS.map((name, i) => courseModelCode(name, i % 2 === 0 ? 'add' : 'list'));
    const header = [...new Set(codes.flatMap(c => c.header))];
    return [...header, '', ...codes.flatMap(c => [...c.body, ''])].join('\n');
}

export interface Cell {
    readonly uri: string;
    readonly languageId: string;
    readonly kind: 1 | 2;
    readonly text: string;
}

/** The course as a notebook's cells: setup, then per model a Markdown cell and a code cell. */
export function courseCells(notebookUri: string): Cell[] {
    const codes = COURSE_MODELS.map(name => courseModelCode(name, 'add'));
    const header = [...new Set(codes.flatMap(c => c.header))];
    const cell = (i: number, kind: 1 | 2, languageId: string, text: string): Cell => ({ uri: `${notebookUri.replace(/^file:/, 'vscode-notebook-cell:')}#W${i}`, languageId, kind, text });
    const cells: Cell[] = [cell(0, 2, 'python', ['!pip install keras', ...header].join('\n')), cell(1, 2, 'python', '%%bash\necho "model = keras.Sequential()"\n')];
    codes.forEach((code, i) => {
        cells.push(cell(2 + 2 * i, 1, 'markdown', `## ${code.name}\n`));
        cells.push(cell(3 + 2 * i, 2, 'python', code.body.join('\n')));
    });
    return cells;
}
