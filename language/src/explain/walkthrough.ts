/**
 * `rnn-lens explain`: a model explained layer by layer, as the course notebook's comments do:
 * what goes in, what comes out and why, how the parameters are counted with the numbers put
 * in, what the layer's arguments do at that point, then the totals and a check that they add
 * up. Markdown, assembled from the analysis and the pieces the hover uses (layer-sections.ts):
 * nothing here computes a shape or a count.
 */
import type { DocumentAnalysis, LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import { findLayerKind } from '../catalog/index.js';
import { formatCount, plural } from '../catalog/numbers.js';
import { formatShape, type Dim, type Shape } from '../catalog/shape.js';
import { formatSummary } from '../format/summary-table.js';
import { kerasVersionName } from '../model/keras-version.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import { layerCallText } from './layer-call.js';
import { modelProblems } from './problems.js';
import { UNKNOWN_INPUT, bulletList, countedLayers, paramSum, paramsMarkdown, shapeMarkdown, type ShapeWords } from './layer-sections.js';

/** Every model of the document (or the given ones), one after the other. */
export function explainDocument(analysis: DocumentAnalysis, models: readonly ModelAnalysis[] = analysis.models): string {
    return models.map(model => explainModel(model, analysis.diagnostics)).join('\n\n---\n\n');
}

/** `diagnostics`: the document's; those inside the model are told where they apply. */
export function explainModel(model: ModelAnalysis, diagnostics: readonly RnnDiagnostic[]): string {
    const problems = modelProblems(model, diagnostics);
    // Steps × features reads wrongly where a layer keeps its channels first: then only the numbers.
    const channelsFirst = model.layers.some(l => l.description.args.data_format === 'channels_first');
    const words: ShapeWords = channelsFirst ? () => undefined : shapeWords;
    return [
        introSection(model, words, problems.ofModel),
        ...model.layers.map(layer => layerSection(layer, words, problems.ofLayer(layer))),
        totalsSection(model)
    ].join('\n\n');
}

function introSection(model: ModelAnalysis, words: ShapeWords, problems: readonly RnnDiagnostic[]): string {
    const parts = [
        `# Model \`${model.name}\``,
        `A Keras \`Sequential\` model of ${plural(model.layers.length, 'layer')}, read from top to bottom: each layer takes the output of the one above it as its input. Shapes, counts and problems follow ${kerasVersionName(model.keras)}.`
    ];
    parts.push(model.input
        ? `**What goes in** \`${formatShape(model.input)}\`${wordsAfter(words, model.input, ': each sample is ')}. ${batchWords(model.input[0])}`
        : '**What goes in**: no input shape yet, so Keras cannot build the model. Give the first layer `input_shape=(steps, features)`, or start with `Input(shape=(steps, features))`.');
    parts.push(model.output
        ? `**What comes out** \`${formatShape(model.output)}\`${wordsAfter(words, model.output, ': ')}.`
        : '**What comes out**: unknown until the problems below are fixed.');
    if (problems.length > 0) parts.push(problemsMarkdown(problems));
    return parts.join('\n\n');
}

function layerSection(layer: LayerAnalysis, words: ShapeWords, problems: readonly RnnDiagnostic[]): string {
    const kind = findLayerKind(layer.kind)!;
    const parts = [`## ${layer.index + 1}. ${layer.name} (${layer.kind})`, `\`${layerCallText(layer.description)}\``, kind.summary];
    const inner = layer.description.inner && findLayerKind(layer.description.inner.kind);
    if (inner) parts.push(`**Inside** ${inner.name}: ${inner.summary}`);
    const outcome = layer.outcome;
    if (outcome && layer.input) {
        parts.push(shapeMarkdown(layer.input, outcome, words), ...paramsMarkdown(kind, outcome));
        if (outcome.notes.length > 0) parts.push(`**At this point**\n\n${bulletList(outcome.notes)}`);
    } else if (layer.input) {
        parts.push(`**Shape** \`${formatShape(layer.input)}\` → ?: Keras cannot build this layer on this input (see below), so the layers after it are unknown too.`);
    } else {
        parts.push(UNKNOWN_INPUT);
    }
    if (problems.length > 0) parts.push(problemsMarkdown(problems));
    return parts.join('\n\n');
}

function totalsSection(model: ModelAnalysis): string {
    const { total, trainable, nonTrainable } = model.totals;
    const layerSum = countedLayers(model).reduce((sum, l) => sum + l.count, 0);
    const addsUp = layerSum === total && trainable + nonTrainable === total;
    const parts = [
        '## Totals',
        `What ${kerasVersionName(model.keras)}'s \`model.summary()\` prints for it:`,
        `\`\`\`text\n${formatSummary(model)}\n\`\`\``
    ];
    if (countedLayers(model).length > 0) parts.push(`**Adding up the Param # column** ${paramSum(model)} parameters.`);
    parts.push(`**Check** ${formatCount(trainable)} trainable + ${formatCount(nonTrainable)} non-trainable = ${formatCount(trainable + nonTrainable)}` +
        (addsUp ? `, the same as the layers' sum: it adds up ✓` : `, but the layers add up to ${formatCount(layerSum)} ✗`));
    if (!model.complete) parts.push('_Some layers are unknown (see their problems above): these totals count only the layers whose parameters are known, so Keras would print more._');
    if (!model.exact) parts.push('_A count is beyond 2^53, so the numbers are approximate._');
    return parts.join('\n\n');
}

function problemsMarkdown(problems: readonly RnnDiagnostic[]): string {
    return `**Watch out**\n\n${bulletList(problems.map(d => `**${d.severity}** ${d.message} (\`${d.code}\`)`))}`;
}

/** A shape in the notebook's terms: `21 time steps × 9 features`, `30 values per sample`. */
export function shapeWords(shape: Shape): string | undefined {
    const dims = shape.slice(1);
    if (dims.length === 1) return `${count(dims[0], 'value')} per sample`;
    if (dims.length === 2) return `${count(dims[0], 'time step')} × ${count(dims[1], 'feature')}`;
    return undefined;
}

function batchWords(batch: Dim | undefined): string {
    return batch === null || batch === undefined
        ? 'The first `None` is the batch size: Keras leaves it open, so the model takes any number of samples at once.'
        : `The first ${batch} is the batch size, fixed by the model: it takes exactly ${plural(batch, 'sample')} at once.`;
}

function count(d: Dim, word: string): string {
    return d === null ? `any number of ${word}s` : plural(d, word);
}

function wordsAfter(words: ShapeWords, shape: Shape, lead: string): string {
    const said = words(shape);
    return said ? `${lead}${said}` : '';
}
