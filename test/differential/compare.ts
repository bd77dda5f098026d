/**
 * The differential test's arithmetic: RNN Lens's analysis of every generated stack held against
 * what real Keras said about it (test/fixtures/keras-differential/keras{2,3}.json), stack by stack,
 * and the figures: models exact / models Keras builds, broken models caught / models Keras refuses.
 */
import type { DocumentAnalysis, ModelAnalysis } from '../../language/src/analysis/types.js';
import type { Shape } from '../../language/src/catalog/shape.js';
import type { RnnDiagnostic } from '../../language/src/model/diagnostic.js';
import type { SourceRange } from '../../language/src/model/source.js';

type KerasShape = Array<number | null> | Array<Array<number | null>>;
/** [name, output shape, params, trainable, non-trainable], as ground_truth.py writes it. */
type KerasLayer = [string, KerasShape, number, number, number];

export type KerasResult =
    | { readonly built: true; readonly layers: readonly KerasLayer[]; readonly totals: readonly [number, number, number] }
    | { readonly built: false; readonly error?: string; readonly unbuilt?: boolean };

export interface GroundTruth {
    /** The Keras that answered: `3.15.1`, `tf_keras 2.21.0 (TensorFlow 2.21.0)`. */
    readonly keras: string;
    readonly target: 2 | 3;
    readonly results: Readonly<Record<string, KerasResult>>;
}

/** How RNN Lens's answer on one stack stands against Keras's. */
export type Verdict =
    | 'exact'          // Keras builds it; RNN Lens: no error, every shape and count equal
    | 'wrong-numbers'  // Keras builds it; RNN Lens: no error, but a shape or a count differs
    | 'false-error'    // Keras builds it; RNN Lens reports an error
    | 'caught'         // Keras refuses it; RNN Lens reports an error
    | 'missed'         // Keras refuses it; RNN Lens reports none
    | 'unbuilt';       // Keras neither builds nor refuses it (no shapes): not counted

export interface StackOutcome {
    readonly id: string;
    readonly verdict: Verdict;
    /** For anything but exact and caught: what differs, in a few words. */
    readonly detail?: string;
    /** True when every layer name equals Keras's (a fresh session's numbering). */
    readonly namesEqual?: boolean;
}

export interface Figures {
    readonly built: number;
    readonly exact: number;
    readonly wrongNumbers: number;
    readonly falseErrors: number;
    readonly refused: number;
    readonly caught: number;
    readonly missed: number;
    readonly unbuilt: number;
    /** Exact models whose layer names differ from Keras's. */
    readonly nameMismatches: number;
}

function within(inner: SourceRange, outer: SourceRange): boolean {
    const before = (a: SourceRange['start'], b: SourceRange['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function shapeText(shape: KerasShape | Shape | undefined): string {
    if (shape === undefined) return '?';
    return JSON.stringify(shape).replace(/null/g, 'None').replace(/\[/g, '(').replace(/\]/g, ')');
}

function sameShape(keras: KerasShape, lens: Shape | undefined): boolean {
    if (!lens || keras.length !== lens.length) return false;
    return keras.every((d, i) => d === lens[i]);
}

/** The first difference between Keras's built model and RNN Lens's analysis, or undefined. */
function firstDifference(keras: Extract<KerasResult, { built: true }>, model: ModelAnalysis): string | undefined {
    if (keras.layers.length !== model.layers.length) {
        return `${model.layers.length} layers, Keras ${keras.layers.length}`;
    }
    for (let i = 0; i < keras.layers.length; i++) {
        const [, shape, params, trainable, nonTrainable] = keras.layers[i];
        const lens = model.layers[i];
        const where = `layer ${i + 1} ${lens.kind}`;
        if (!sameShape(shape, lens.output)) return `${where}: shape ${shapeText(lens.output)}, Keras ${shapeText(shape)}`;
        const t = lens.params?.trainable;
        const n = lens.params?.nonTrainable;
        if (t === undefined || n === undefined || t + n !== params) return `${where}: ${t === undefined ? '?' : t + (n ?? 0)} params, Keras ${params}`;
        if (t !== trainable || n !== nonTrainable) return `${where}: trainable ${t}/${n}, Keras ${trainable}/${nonTrainable}`;
    }
    const [total, trainable, nonTrainable] = keras.totals;
    const totals = model.totals;
    if (totals.total !== total || totals.trainable !== trainable || totals.nonTrainable !== nonTrainable) {
        return `totals ${totals.total}/${totals.trainable}/${totals.nonTrainable}, Keras ${total}/${trainable}/${nonTrainable}`;
    }
    return undefined;
}

function errorsOf(model: ModelAnalysis, diagnostics: readonly RnnDiagnostic[]): RnnDiagnostic[] {
    return diagnostics.filter(d => d.severity === 'error' && within(d.range, model.description.range));
}

/** Every stack of the ground truth, judged against the analysis of the document holding them all. */
export function judge(truth: GroundTruth, analysis: DocumentAnalysis): StackOutcome[] {
    const models = new Map(analysis.models.map(m => [m.name, m]));
    return Object.entries(truth.results).map(([id, keras]): StackOutcome => {
        const model = models.get(id);
        if (!model) return { id, verdict: keras.built ? 'false-error' : 'caught', detail: 'no such model in the analysed document' };
        const errors = errorsOf(model, analysis.diagnostics);
        const errorText = errors.length > 0 ? `${errors[0].code}: ${errors[0].message.slice(0, 140)}` : undefined;
        if (!keras.built) {
            if (keras.unbuilt) return { id, verdict: 'unbuilt', detail: errorText ?? 'RNN Lens: no error' };
            return errors.length > 0
                ? { id, verdict: 'caught' }
                : { id, verdict: 'missed', detail: `Keras: ${keras.error ?? '?'}` };
        }
        if (errors.length > 0) return { id, verdict: 'false-error', detail: errorText };
        const difference = firstDifference(keras, model);
        if (difference) return { id, verdict: 'wrong-numbers', detail: difference };
        const namesEqual = keras.layers.every(([name], i) => model.layers[i].name === name);
        return { id, verdict: 'exact', namesEqual };
    });
}

export function figures(outcomes: readonly StackOutcome[]): Figures {
    const n = (v: Verdict) => outcomes.filter(o => o.verdict === v).length;
    const exact = n('exact');
    const wrongNumbers = n('wrong-numbers');
    const falseErrors = n('false-error');
    const caught = n('caught');
    const missed = n('missed');
    return {
        built: exact + wrongNumbers + falseErrors,
        exact,
        wrongNumbers,
        falseErrors,
        refused: caught + missed,
        caught,
        missed,
        unbuilt: n('unbuilt'),
        nameMismatches: outcomes.filter(o => o.verdict === 'exact' && o.namesEqual === false).length
    };
}

function percent(part: number, whole: number): string {
    return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The figures in two lines, for the test's output and the notes. */
export function figuresText(label: string, f: Figures): string {
    return `${label}: exact ${f.exact}/${f.built} built (${percent(f.exact, f.built)}; ${f.wrongNumbers} wrong numbers, ${f.falseErrors} false errors), ` +
        `caught ${f.caught}/${f.refused} refused (${percent(f.caught, f.refused)}; ${f.missed} missed), ` +
        `${f.unbuilt} left unbuilt by Keras, ${f.nameMismatches} exact models with other layer names`;
}

/** Whatever is not exact or caught, one line a stack. */
export function mismatchLines(outcomes: readonly StackOutcome[]): string[] {
    return outcomes
        .filter(o => o.verdict !== 'exact' && o.verdict !== 'caught')
        .map(o => `${o.id} ${o.verdict}${o.detail ? `: ${o.detail}` : ''}`);
}
