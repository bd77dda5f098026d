/**
 * Checking a message against its direction's schema. Whatever fails is dropped by the caller
 * and logged with the reason: an unknown type, or the first problems of a known one, each with
 * where it is (`analysis.layers.0.name: Invalid type: ...`).
 */
import * as v from 'valibot';
import { HostMessageSchema, type HostMessage } from './host-messages.js';
import { PanelMessageSchema, type PanelMessage } from './panel-messages.js';

export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

type MessageSchema = typeof HostMessageSchema | typeof PanelMessageSchema;

function knownTypes(schema: MessageSchema): string[] {
    return schema.options.map(option => option.entries.type.literal);
}

function parseWith<T>(schema: MessageSchema, direction: string, data: unknown): Parsed<T> {
    const result = v.safeParse(schema, data);
    if (result.success) return { ok: true, message: result.output as T };
    const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !knownTypes(schema).includes(type)) {
        const what = typeof type === 'string' ? `type "${type.slice(0, 60)}"` : typeof data === 'object' && data !== null ? 'no type' : `a ${data === null ? 'null' : typeof data}`;
        return { ok: false, reason: `unknown ${direction} message (${what}); known: ${knownTypes(schema).join(', ')}` };
    }
    const problems = result.issues.slice(0, 3).map(issue => `${v.getDotPath(issue) ?? '(message)'}: ${issue.message}`);
    return { ok: false, reason: `malformed ${direction} "${type}" message: ${problems.join('; ')}${result.issues.length > 3 ? ` (and ${result.issues.length - 3} more)` : ''}` };
}

/** A message the panel received from the host. */
export function parseHostMessage(data: unknown): Parsed<HostMessage> {
    return parseWith<HostMessage>(HostMessageSchema, 'host-to-panel', data);
}

/** A message the host received from the panel. */
export function parsePanelMessage(data: unknown): Parsed<PanelMessage> {
    return parseWith<PanelMessage>(PanelMessageSchema, 'panel-to-host', data);
}
