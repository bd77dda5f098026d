/**
 * The status-bar item's text while the panel is hidden (issue 6: "a status-bar item shows the
 * epoch while the panel is hidden"): the model and its epoch while it trains, and how the run
 * ended when it ended out of sight, until the panel is seen again. Pure, for tests.
 */
import { type PanelMessage, isActiveStatus } from '../../../webview/src/index.js';

export type ProgressMessage = Extract<PanelMessage, { type: 'progress' }>;

export interface StatusText {
    readonly text: string;
    readonly tooltip: string;
}

/** Undefined: no item. `endedUnseen`: the run ended while the panel was hidden and it has not been shown since. */
export function progressStatus(progress: ProgressMessage | undefined, panelVisible: boolean, endedUnseen: boolean): StatusText | undefined {
    if (!progress || panelVisible) return undefined;
    const { model, status } = progress;
    const known = progress.epochs !== undefined && progress.epoch !== undefined && progress.epochs > 0;
    // `epoch` counts the epochs finished: during a run the one under way is the next.
    const epochs = known ? `epoch ${progress.epoch}/${progress.epochs}` : '';
    const tooltip = 'RNN Lens training: click to show the panel';
    if (isActiveStatus(status)) {
        const batch = progress.batch !== undefined && progress.batches ? ` · batch ${progress.batch}/${progress.batches}` : '';
        const current = known ? `epoch ${Math.min(progress.epoch! + 1, progress.epochs!)}/${progress.epochs}${batch}` : '';
        const doing = status === 'preparing' ? 'preparing' : status === 'stopping' ? `stopping${current ? ` (${current})` : ''}` : current || 'training';
        return { text: `$(sync~spin) ${model}: ${doing}`, tooltip };
    }
    if (!endedUnseen) return undefined;
    switch (status) {
        case 'done': return { text: `$(check) ${model}: trained${epochs ? ` (${epochs})` : ''}`, tooltip };
        case 'stopped': return { text: `$(debug-stop) ${model}: stopped${epochs ? ` at ${epochs}` : ''}`, tooltip };
        case 'failed': return { text: `$(error) ${model}: training failed`, tooltip };
        default: return undefined;
    }
}
