/**
 * Which model the training panel is for, and what a Train command does with the one panel there
 * is: open it, show it again, point it at another model, or ask first because that would stop a
 * training that is running. Pure, for tests.
 */
import { isActiveStatus, type RunStatus } from '../../../webview/src/index.js';

export interface PanelTarget {
    /** The .rnn document's URI, as vscode.Uri.toString() writes it (so that it compares with the editor's). */
    readonly uri: string;
    readonly model: string;
}

export function sameTarget(a: PanelTarget | undefined, b: PanelTarget | undefined): boolean {
    return a !== undefined && b !== undefined && a.uri === b.uri && a.model === b.model;
}

/**
 *   create     no panel yet: open one beside the editor
 *   same       the panel is on this model: show it (and train, unless a run is going on)
 *   switch     the panel is on another model and idle: point it at this one and train
 *   askToStop  the panel is training another model: ask before stopping it
 */
export type OpenDecision = 'create' | 'same' | 'switch' | 'askToStop';

export interface OpenPanelState {
    readonly target: PanelTarget;
    /** The status of the panel's last run, as its `progress` messages said; undefined before any. */
    readonly runStatus?: RunStatus;
}

export function decideOpen(current: OpenPanelState | undefined, requested: PanelTarget): OpenDecision {
    if (!current) return 'create';
    if (sameTarget(current.target, requested)) return 'same';
    return isActiveStatus(current.runStatus) ? 'askToStop' : 'switch';
}

/** The question asked before a second Train stops the first. */
export function stopQuestion(running: PanelTarget, requested: PanelTarget): string {
    return `"${running.model}" is training in the RNN Lens panel. Stop it and train "${requested.model}" instead?`;
}

/**
 * The model a panel restored after a restart was on: read from the page's saved state
 * (webview/src/panel/state.ts's PanelState: `uri`, `analysis.name`), which VS Code hands the
 * serializer as it is, so it is checked like any other input. Undefined when it names none.
 */
export function restoredTarget(state: unknown): PanelTarget | undefined {
    if (typeof state !== 'object' || state === null) return undefined;
    const { uri, analysis } = state as { uri?: unknown; analysis?: { name?: unknown } };
    const model = typeof analysis === 'object' && analysis !== null ? analysis.name : undefined;
    if (typeof uri !== 'string' || uri === '' || typeof model !== 'string' || model === '') return undefined;
    return { uri, model };
}
