/**
 * The model part of the panel: its name, its errors (each a link to its place in the .rnn file),
 * the Keras summary table, how RNN Lens trains the layers stock tfjs would train otherwise, and
 * the data it trains on.
 */
import { type ModelAnalysis, formatCount, formatShape } from '../../../language/src/index.js';
import type { ModelError } from '../protocol/index.js';
import type { DataInfo } from '../worker/worker-messages.js';
import { h, replace, table } from './dom.js';
import type { DataState, PanelState } from './state.js';

export interface ModelViewEvents {
    reveal(error: ModelError): void;
}

export class ModelView {
    readonly element = h('div', { class: 'model' });
    private readonly title = h('h1');
    private readonly errors = h('section', { attrs: { id: 'errors', role: 'alert' } });
    private readonly summary = h('section', { attrs: { id: 'summary' } });
    private readonly data = h('section', { attrs: { id: 'data' } });
    private shown: { analysis?: ModelAnalysis; errors?: readonly ModelError[]; data?: DataState; unavailable?: string } = {};

    constructor(private readonly events: ModelViewEvents) {
        this.element.append(this.title, this.errors, this.summary, this.data);
    }

    update(state: PanelState): void {
        const shown = this.shown;
        if (shown.analysis === state.analysis && shown.errors === state.errors && shown.data === state.data && shown.unavailable === state.unavailable) return;
        this.shown = { analysis: state.analysis, errors: state.errors, data: state.data, unavailable: state.unavailable };
        this.title.textContent = state.analysis ? state.analysis.name : 'RNN Lens: training';
        this.renderErrors(state);
        if (shown.analysis !== state.analysis) replace(this.summary, state.analysis ? [h('h2', { text: 'Summary' }), summaryTable(state.analysis), ...trainingNotes(state.analysis)] : []);
        replace(this.data, state.analysis ? [h('h2', { text: 'Data' }), ...dataLines(state.data)] : []);
    }

    private renderErrors(state: PanelState): void {
        const unavailable = state.unavailable ? h('p', { class: 'error', text: state.unavailable }) : null;
        if (state.errors.length === 0) return replace(this.errors, [unavailable]);
        const items = state.errors.map(error => {
            const where = `line ${error.range.start.line + 1}, column ${error.range.start.character + 1}`;
            const link = h('a', {
                text: where,
                attrs: { href: '#', title: 'Show this in the .rnn file', 'data-line': String(error.range.start.line) },
                on: { click: event => { event.preventDefault(); this.events.reveal(error); } }
            });
            return h('li', {}, [link, `: ${error.message}`, error.code !== undefined ? h('span', { class: 'code', text: ` (${error.code})` }) : null]);
        });
        replace(this.errors, [
            unavailable,
            h('p', { class: 'error', text: `${state.analysis?.name ?? 'The model'} cannot be trained until ${state.errors.length === 1 ? 'this error is' : `these ${state.errors.length} errors are`} fixed:` }),
            h('ul', { class: 'error-list' }, items)
        ]);
    }
}

/** Keras's `model.summary()` as a table: Layer (type), Output Shape, Param #, and the totals. */
export function summaryTable(model: ModelAnalysis): HTMLElement {
    const rows = model.layers.map(layer => [
        `${layer.name} (${layer.kind})`,
        layer.output ? formatShape(layer.output) : '?',
        layer.params ? formatCount(layer.params.trainable + layer.params.nonTrainable) : '?'
    ]);
    const { total, trainable, nonTrainable } = model.totals;
    return h('div', {}, [
        table('summary', ['Layer (type)', 'Output Shape', 'Param #'], rows),
        h('p', { class: 'totals', text: `Total params: ${formatCount(total)} · Trainable: ${formatCount(trainable)} · Non-trainable: ${formatCount(nonTrainable)}${model.complete ? '' : ' (layers marked ? are unknown)'}` })
    ]);
}

/**
 * The analysis's training notes (LayerAnalysis.training): where tfjs alone would train something
 * other than Keras, and what RNN Lens does instead. Said before training, not as a problem.
 */
export function trainingNotes(model: ModelAnalysis): HTMLElement[] {
    const noted = model.layers.filter(layer => layer.training);
    if (noted.length === 0) return [];
    return [h('div', { class: 'training-notes', attrs: { id: 'training-notes' } }, [
        h('h3', { text: 'How RNN Lens trains it' }),
        h('ul', {}, noted.map(layer => h('li', {}, [h('span', { class: 'code', text: `${layer.name} (${layer.kind})` }), `: ${layer.training}`])))
    ])];
}

function dataLines(data: DataState | undefined): HTMLElement[] {
    if (data?.error) return [h('p', { class: 'error', text: data.error })];
    const info = data?.info;
    if (!info) return [h('p', { class: 'muted', text: data?.path ? `Reading ${data.path}...` : 'Preparing the data...' })];
    return [h('p', { text: headline(info) }), splitTable(info), h('p', { class: 'muted', text: info.summary })];
}

function headline(info: DataInfo): string {
    const source = info.source;
    const what = info.task === 'classification' ? `classifying "${source.target}" into ${info.classes?.length ?? 0} classes` : `predicting "${source.target}"`;
    const features = `${source.features.length} feature${source.features.length === 1 ? '' : 's'}`;
    if (source.kind === 'csv') return `${source.file}: ${formatCount(source.rows)} rows, ${features}, ${what} ${source.horizon} step${source.horizon === 1 ? '' : 's'} ahead.`;
    const why = source.reason === 'default' ? 'The model has no data(...): it trains on the synthetic default, ' : 'Synthetic data, ';
    return `${why}"${source.generator}" (${formatCount(source.length)} steps, seed ${source.seed}), ${features}, ${what}.`;
}

function splitTable(info: DataInfo): HTMLElement {
    return h('div', {}, [
        table('split', ['Part (in time order)', `Windows of ${info.source.lookback} rows`], [
            ['train', formatCount(info.train)],
            ['validation', formatCount(info.validation)],
            ['test', formatCount(info.test)]
        ])
    ]);
}
