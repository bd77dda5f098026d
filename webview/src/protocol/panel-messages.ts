/**
 * Messages from the training panel to the extension host, with their schemas. The host checks
 * each one (parse.ts) before acting on it: the panel runs web content, and the host reads files
 * and writes them on its word.
 *
 *   ready      the page has loaded: send the model (again, after a restore)
 *   readData   read the CSV that `data(path=...)` names, relative to the .rnn file
 *   progress   what training is doing, for the status-bar item while the panel is hidden
 *   reveal     show this range of the .rnn file (an error's link)
 *   saveModel  save the trained model (tfjs format) where the user chooses
 *   log        a line for the extension's output channel (dropped messages, the backend, errors)
 *   saveDiagram  save the diagram the host sent last as an SVG file where the user chooses
 *   exportKeras  run Export to Keras on the panel's model
 */
import * as v from 'valibot';
import { RangeSchema } from './analysis-schema.js';

export const RUN_STATUSES = ['idle', 'preparing', 'training', 'stopping', 'done', 'stopped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run that is still going (the host asks before it stops one; the panel will not start a second). */
export function isActiveStatus(status: RunStatus | undefined): boolean {
    return status === 'preparing' || status === 'training' || status === 'stopping';
}

/** A saved model's weights, base64: tfjs models of the panel's size stay far below this. */
export const MAX_WEIGHTS_BASE64 = 256 * 1024 * 1024;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const PanelMessageSchema = v.variant('type', [
    v.strictObject({ type: v.literal('ready') }),
    v.strictObject({ type: v.literal('readData'), path: v.pipe(v.string(), v.minLength(1)) }),
    v.strictObject({
        type: v.literal('progress'),
        model: v.string(),
        status: v.picklist(RUN_STATUSES),
        epoch: v.optional(count),
        epochs: v.optional(count),
        /** The batch under way in the current epoch (sent at most about once a second). */
        batch: v.optional(count),
        batches: v.optional(count)
    }),
    v.strictObject({ type: v.literal('reveal'), uri: v.string(), range: RangeSchema }),
    v.strictObject({
        type: v.literal('saveModel'),
        model: v.string(),
        /** model.json, as tfjs writes it, pointing at `weights.bin`. */
        modelJson: v.string(),
        /** weights.bin, base64. */
        weights: v.pipe(v.string(), v.maxLength(MAX_WEIGHTS_BASE64), v.base64())
    }),
    v.strictObject({ type: v.literal('log'), level: v.picklist(['info', 'warn', 'error']), message: v.string() }),
    // The host writes the SVG it rendered itself, never text from the page: the page names the model only.
    v.strictObject({ type: v.literal('saveDiagram'), model: v.pipe(v.string(), v.minLength(1)) }),
    v.strictObject({ type: v.literal('exportKeras'), model: v.pipe(v.string(), v.minLength(1)) })
]);

export type PanelMessage = v.InferOutput<typeof PanelMessageSchema>;
