/**
 * The webview API VS Code gives the page (`acquireVsCodeApi`, callable once), typed with the
 * panel's messages and saved state. Outgoing messages are checked against the protocol's schema
 * here too, so that a bug on this side shows in the console instead of being dropped silently
 * by the host.
 */
import { parsePanelMessage, type PanelMessage } from '../protocol/index.js';
import type { PanelState } from './state.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface PanelHost {
    post(message: PanelMessage): void;
    log(level: 'info' | 'warn' | 'error', message: string): void;
    savedState(): unknown;
    saveState(state: PanelState): void;
}

export function connectToHost(): PanelHost {
    const api = acquireVsCodeApi();
    const post = (message: PanelMessage) => {
        const checked = parsePanelMessage(message);
        if (!checked.ok) {
            console.error(`[rnn-lens panel] not sent: ${checked.reason}`);
            return;
        }
        api.postMessage(message);
    };
    return {
        post,
        log(level, message) {
            console[level](`[rnn-lens panel] ${message}`);
            post({ type: 'log', level, message });
        },
        savedState: () => api.getState(),
        saveState: state => api.setState(state)
    };
}
