/**
 * Messages from the extension host to the training panel, with their schemas. Every message the
 * panel receives is checked against these before anything reads it (parse.ts).
 *
 *   model            the model to show and train (on open, and after each edit of the .rnn file)
 *   modelUnavailable the model is gone (renamed, deleted) or the document cannot be analysed;
 *                    with the document's errors, when it has some, for the panel to link to
 *   dataFile         the text of the CSV that `data(path=...)` names, read by the host on request
 *   dataFileError    why that file cannot be read (missing, outside the workspace, ...)
 *   train            start training (the ▶ Train code lens, the editor-title button)
 *   stop             stop the training (the host asked before a second model reuses the panel)
 *   saveResult       how saving the trained model went
 *   diagram          the model's diagram as SVG (rendered by the host, in the VS Code theme's kind)
 */
import * as v from 'valibot';
import { ModelAnalysisSchema, RangeSchema } from './analysis-schema.js';

/** The backends the panel can train on; `auto` times a few batches on each and takes the fastest. */
export const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type BackendRequest = (typeof BACKENDS)[number];

/** The most text a data file may have: far beyond any CSV that trains in a browser. */
export const MAX_DATA_TEXT = 64 * 1024 * 1024;

/**
 * An error of the model, as the language server reports it (an LSP Diagnostic): the panel
 * shows the message and offers the range as a link. Other LSP fields (source, data with quick
 * fixes, ...) may come along and are not read.
 */
export const ModelErrorSchema = v.looseObject({
    message: v.string(),
    code: v.optional(v.union([v.string(), v.number()])),
    range: RangeSchema
});

/** A diagram's SVG: the largest models' diagrams stay far below this. */
export const MAX_DIAGRAM_SVG = 4 * 1024 * 1024;

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));

/** Settings for one run; each overrides what the panel's inputs (filled from fit/compile) say. */
export const RunOptionsSchema = v.strictObject({
    epochs: v.optional(v.pipe(positiveInt, v.maxValue(100_000))),
    batchSize: v.optional(v.pipe(positiveInt, v.maxValue(1_000_000))),
    learningRate: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0))),
    backend: v.optional(v.picklist(BACKENDS))
});

export const HostMessageSchema = v.variant('type', [
    v.strictObject({
        type: v.literal('model'),
        /** The .rnn document's URI, as the host names it (sent back with `reveal`). */
        uri: v.string(),
        analysis: ModelAnalysisSchema,
        errors: v.array(ModelErrorSchema),
        /** False while the model has errors or unknown shapes. */
        trainable: v.boolean()
    }),
    v.strictObject({
        type: v.literal('modelUnavailable'),
        uri: v.string(),
        model: v.string(),
        message: v.string(),
        errors: v.optional(v.array(ModelErrorSchema))
    }),
    v.strictObject({ type: v.literal('dataFile'), path: v.string(), text: v.pipe(v.string(), v.maxLength(MAX_DATA_TEXT)) }),
    v.strictObject({ type: v.literal('dataFileError'), path: v.string(), message: v.string() }),
    v.strictObject({ type: v.literal('train'), options: v.optional(RunOptionsSchema) }),
    v.strictObject({ type: v.literal('stop') }),
    v.strictObject({ type: v.literal('saveResult'), ok: v.boolean(), message: v.string() }),
    v.strictObject({
        type: v.literal('diagram'),
        model: v.string(),
        theme: v.picklist(['light', 'dark']),
        svg: v.pipe(v.string(), v.maxLength(MAX_DIAGRAM_SVG), v.startsWith('<svg '))
    })
]);

export type HostMessage = v.InferOutput<typeof HostMessageSchema>;
export type ModelError = v.InferOutput<typeof ModelErrorSchema>;
export type RunOptions = v.InferOutput<typeof RunOptionsSchema>;
export type ModelMessage = Extract<HostMessage, { type: 'model' }>;
