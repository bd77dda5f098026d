/**
 * The schema of a model's analysis as it crosses from the host to the panel (the `analysis` of
 * `rnnLens/modelDescription`, a ModelAnalysis in plain JSON). It checks every field the panel
 * shows and the training engine reads (names, kinds, arguments, shapes, parameter counts,
 * `compile`/`fit`/`data`), and lets other fields through: the analysis carries much more
 * (ranges, formulas, notes) that grows with the language core and that nothing here reads.
 */
import * as v from 'valibot';
import type { ModelAnalysis, Value } from '../../../language/src/index.js';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A Keras dimension: a size, or null (None) where it is unknown. */
const DimSchema = v.nullable(count);
export const ShapeSchema = v.array(DimSchema);

/** Values of the description, as in language/src/model/values.ts: numbers, strings, tuples, lists, calls. */
export const ValueSchema: v.GenericSchema<Value> = v.union([
    v.pipe(v.number(), v.finite()),
    v.string(),
    v.boolean(),
    v.null(),
    v.strictObject({ kind: v.literal('tuple'), items: v.array(v.lazy(() => ValueSchema)) }),
    v.strictObject({ kind: v.literal('list'), items: v.array(v.lazy(() => ValueSchema)) }),
    v.strictObject({
        kind: v.literal('call'),
        callee: v.string(),
        positional: v.array(v.lazy(() => ValueSchema)),
        keywords: v.record(v.string(), v.lazy(() => ValueSchema))
    })
]);

const ArgsSchema = v.record(v.string(), ValueSchema);

export const PositionSchema = v.strictObject({ line: count, character: count });
export const RangeSchema = v.strictObject({ start: PositionSchema, end: PositionSchema });

interface CheckedLayer { kind: string; args: Record<string, Value>; inner?: CheckedLayer }
const LayerDescriptionSchema: v.GenericSchema<CheckedLayer> = v.looseObject({
    kind: v.string(),
    args: ArgsSchema,
    inner: v.optional(v.lazy(() => LayerDescriptionSchema))
});

const StatementSchema = v.looseObject({ kind: v.picklist(['compile', 'fit', 'data']), args: ArgsSchema });

const ParamsSchema = v.strictObject({ trainable: count, nonTrainable: count });

const LayerAnalysisSchema = v.looseObject({
    index: count,
    name: v.string(),
    kind: v.string(),
    description: LayerDescriptionSchema,
    input: v.optional(ShapeSchema),
    output: v.optional(ShapeSchema),
    params: v.optional(ParamsSchema),
    training: v.optional(v.string())
});

const ModelAnalysisShape = v.looseObject({
    name: v.pipe(v.string(), v.minLength(1)),
    description: v.looseObject({
        name: v.string(),
        range: RangeSchema,
        input: v.optional(v.looseObject({ shape: ShapeSchema })),
        layers: v.array(LayerDescriptionSchema),
        compile: v.optional(StatementSchema),
        fit: v.optional(StatementSchema),
        data: v.optional(StatementSchema)
    }),
    input: v.optional(ShapeSchema),
    layers: v.array(LayerAnalysisSchema),
    totals: v.strictObject({ total: count, trainable: count, nonTrainable: count }),
    complete: v.boolean(),
    output: v.optional(ShapeSchema),
    exact: v.boolean()
});

/**
 * A ModelAnalysis, checked. The cast is what the check above vouches for: the fields it lets
 * through unchecked are the ones no reader of the panel uses.
 */
export const ModelAnalysisSchema = v.pipe(ModelAnalysisShape, v.transform(analysis => analysis as unknown as ModelAnalysis));
