/**
 * The run part of the panel: the settings (epochs, batch size, learning rate, backend; filled
 * from fit/compile), Train / Stop / Save, and the progress: a bar over all batches, epoch and
 * batch, samples per second, time left, and the backend in use with the reason it was chosen.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeProgressBar } from '@vscode-elements/elements/dist/vscode-progress-bar/vscode-progress-bar.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { duration } from '../../../training/src/index.js';
import { BACKENDS, type BackendRequest } from '../protocol/index.js';
import { h, replace } from './dom.js';
import { isActive, parseInputs, trainBlocker, type Inputs, type PanelState } from './state.js';

export interface RunViewEvents {
    train(): void;
    stop(): void;
    save(): void;
    exportKeras(): void;
    inputs(inputs: Inputs): void;
}

const STATUS_TEXT: Record<string, string> = {
    idle: 'Ready', preparing: 'Preparing', training: 'Training', stopping: 'Stopping after this batch',
    done: 'Done', stopped: 'Stopped', failed: 'Failed'
};

export class RunView {
    readonly element = h('section', { attrs: { id: 'run' } });
    private readonly epochs = field('epochs', 'Epochs');
    private readonly batchSize = field('batch-size', 'Batch size');
    private readonly learningRate = field('learning-rate', 'Learning rate');
    private readonly backend = document.createElement('vscode-single-select') as VscodeSingleSelect;
    private readonly trainButton = button('train', 'Train', () => this.events.train());
    private readonly stopButton = button('stop', 'Stop', () => this.events.stop(), true);
    private readonly saveButton = button('save', 'Save model...', () => this.events.save(), true);
    private readonly exportButton = button('export-keras', 'Export to Keras', () => this.events.exportKeras(), true);
    private readonly blocker = h('p', { class: 'blocker', attrs: { id: 'blocker' } });
    private readonly status = h('p', { class: 'status', attrs: { id: 'status', role: 'status' } });
    private readonly bar = document.createElement('vscode-progress-bar') as VscodeProgressBar;
    private readonly progressText = h('p', { class: 'progress-text', attrs: { id: 'progress-text' } });
    private readonly backendText = h('p', { class: 'backend', attrs: { id: 'backend' } });
    private readonly problems = h('div', { class: 'problems', attrs: { id: 'problems' } });
    private inputsShown: Inputs | undefined;

    constructor(private readonly events: RunViewEvents) {
        this.backend.id = 'backend-select';
        this.backend.setAttribute('aria-label', 'Backend');
        for (const name of BACKENDS) {
            const option = document.createElement('vscode-option');
            option.value = name;
            option.textContent = name === 'auto' ? 'auto (fastest for the model)' : name;
            this.backend.append(option);
        }
        for (const input of [this.epochs.input, this.batchSize.input, this.learningRate.input, this.backend]) {
            input.addEventListener('input', () => this.events.inputs(this.readInputs()));
        }
        this.bar.id = 'progress';
        this.bar.max = 1;
        this.element.append(
            h('h2', { text: 'Training' }),
            h('div', { class: 'settings' }, [this.epochs.label, this.batchSize.label, this.learningRate.label, h('label', { class: 'field' }, [h('span', { text: 'Backend' }), this.backend])]),
            h('div', { class: 'buttons' }, [this.trainButton, this.stopButton, this.saveButton, this.exportButton]),
            this.blocker, this.status, this.bar, this.progressText, this.backendText, this.problems
        );
    }

    private readInputs(): Inputs {
        return {
            epochs: this.epochs.input.value, batchSize: this.batchSize.input.value, learningRate: this.learningRate.input.value,
            backend: (BACKENDS as readonly string[]).includes(this.backend.value) ? this.backend.value as BackendRequest : 'auto'
        };
    }

    update(state: PanelState): void {
        // The inputs are written only when the state's differ from what is shown (a new model,
        // a restore), never while the user types into them.
        if (this.inputsShown !== state.inputs) {
            const typed = this.readInputs();
            if (typed.epochs !== state.inputs.epochs) this.epochs.input.value = state.inputs.epochs;
            if (typed.batchSize !== state.inputs.batchSize) this.batchSize.input.value = state.inputs.batchSize;
            if (typed.learningRate !== state.inputs.learningRate) this.learningRate.input.value = state.inputs.learningRate;
            if (typed.backend !== state.inputs.backend) this.backend.value = state.inputs.backend;
            this.inputsShown = state.inputs;
        }
        const run = state.run;
        const active = isActive(run?.status);
        const parsed = parseInputs(state.inputs);
        const blocked = trainBlocker(state) ?? (parsed.ok ? undefined : parsed.message);
        this.trainButton.disabled = blocked !== undefined;
        this.trainButton.textContent = run && !active ? 'Train again' : 'Train';
        this.stopButton.disabled = !active || run?.status === 'stopping';
        this.saveButton.disabled = active || !run?.result;
        this.exportButton.disabled = !state.analysis || state.unavailable !== undefined;
        this.blocker.textContent = active ? '' : blocked ?? '';
        this.element.dataset.status = run?.status ?? 'idle';
        this.renderProgress(state);
    }

    private renderProgress(state: PanelState): void {
        const run = state.run;
        if (!run) {
            this.status.textContent = '';
            this.bar.hidden = true;
            this.progressText.textContent = '';
            this.backendText.textContent = '';
            replace(this.problems, []);
            return;
        }
        const changed = run.modelChanged && isActive(run.status) ? ' The .rnn file changed during this run: the next run uses the new model.' : '';
        this.status.textContent = `${STATUS_TEXT[run.status]}${run.note ? `: ${run.note}` : ''}${run.error ? `: ${run.error}` : ''}.${changed}`.replace(/\.\.$/, '.');
        const p = run.progress;
        this.bar.hidden = false;
        if (p) {
            const done = (p.epoch - 1) * p.batches + p.batch;
            this.bar.max = p.epochs * p.batches;
            this.bar.value = run.status === 'done' ? this.bar.max : done;
            this.bar.indeterminate = false;
            const rate = `${Math.round(p.samplesPerSecond).toLocaleString('en-US')} samples/s`;
            const left = isActive(run.status) ? ` · about ${duration(p.secondsLeft)} left` : '';
            this.progressText.textContent = `Epoch ${p.epoch}/${p.epochs} · batch ${p.batch}/${p.batches} · ${rate}${left}`;
        } else {
            this.bar.indeterminate = isActive(run.status);
            this.bar.hidden = !isActive(run.status);
            this.progressText.textContent = '';
        }
        this.backendText.textContent = run.backend ? `Backend: ${run.backend.name} (${run.backend.reason})` : '';
        replace(this.problems, run.problems?.length ? [h('ul', { class: 'error-list' }, run.problems.map(p => h('li', { text: `${p.layer}: ${p.message}` })))] : []);
    }
}

function field(id: string, text: string): { label: HTMLLabelElement; input: VscodeTextfield } {
    const input = document.createElement('vscode-textfield') as VscodeTextfield;
    input.id = id;
    input.setAttribute('aria-label', text);
    return { input, label: h('label', { class: 'field' }, [h('span', { text }), input]) };
}

function button(id: string, text: string, onClick: () => void, secondary = false): VscodeButton {
    const element = document.createElement('vscode-button') as VscodeButton;
    element.id = id;
    element.textContent = text;
    element.secondary = secondary;
    element.addEventListener('click', () => { if (!element.disabled) onClick(); });
    return element;
}
