/**
 * Every message from the training panel's page goes through here: checked against the
 * protocol's schema (webview/src/protocol), dropped and logged when it is unknown or malformed,
 * else handed to the handler for its type. A handler that fails is logged, never thrown into
 * VS Code's message loop. Pure (no vscode import), for tests.
 */
import { parsePanelMessage, type PanelMessage } from '../../../webview/src/index.js';

export type PanelMessageType = PanelMessage['type'];

/** One handler per message type: TypeScript makes sure none is forgotten when the protocol grows. */
export type PanelMessageHandlers = {
    readonly [K in PanelMessageType]: (message: Extract<PanelMessage, { type: K }>) => void | Promise<void>;
};

export type LogLevel = 'info' | 'warn' | 'error';
export type PanelLog = (level: LogLevel, event: string) => void;

/** The type of the message handled, or undefined when it was dropped. */
export async function routePanelMessage(data: unknown, handlers: PanelMessageHandlers, log: PanelLog): Promise<PanelMessageType | undefined> {
    const parsed = parsePanelMessage(data);
    if (!parsed.ok) {
        log('warn', `dropped a message from the page: ${parsed.reason}`);
        return undefined;
    }
    const message = parsed.message;
    const handler = handlers[message.type] as (message: PanelMessage) => void | Promise<void>;
    try {
        await handler(message);
    } catch (error) {
        log('error', `handling "${message.type}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return message.type;
}
