/**
 * The panel's diagram (issue 9: "in the training panel, with a button to save it as SVG"): the
 * language server's `rnnLens/diagram` answer (the core's SVG, as `rnn-lens diagram` and Show
 * Diagram draw it, with the document's warnings and errors marked) as the `diagram` message,
 * checked by the protocol. The host keeps what it sent, so that Save SVG writes what the server
 * drew, never text from the page. Pure, for tests.
 */
import type { ThemeName } from '../../../language/src/index.js';
import type { DiagramResult, NoSuchModel } from '../../../language/src/lsp.js';
import { parseHostMessage, type HostMessage } from '../../../webview/src/index.js';

export type DiagramMessage = Extract<HostMessage, { type: 'diagram' }>;

export type DiagramAnswer = { readonly ok: true; readonly message: DiagramMessage } | { readonly ok: false; readonly reason: string };

export function diagramMessage(model: string, theme: ThemeName, answer: DiagramResult | NoSuchModel | Error): DiagramAnswer {
    if (answer instanceof Error) return { ok: false, reason: `the language server did not draw ${model}: ${answer.message}` };
    if ('error' in answer) return { ok: false, reason: answer.error };
    const checked = parseHostMessage({ type: 'diagram', model, theme, svg: answer.svg });
    if (!checked.ok) return { ok: false, reason: `the diagram of ${model} did not pass the panel's check (${checked.reason})` };
    return { ok: true, message: checked.message as DiagramMessage };
}
