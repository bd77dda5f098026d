/**
 * The Python door: Python files and notebook cells → the same DocumentDescription (and
 * analysis) that `.rnn` files lower to, with every range in the Python source. The binding,
 * evaluation and lowering of models are the `.rnn` door's own (model/bind.ts, evaluate.ts,
 * lower-model.ts); this door only reads Python into their syntax records (model/syntax.ts).
 *
 * API (stable; the language server and the CLI use only this):
 *
 *   describePython(text, options?)        → PythonDescription       a `.py` file
 *   describeNotebook(cells, options?)     → NotebookDescription     a notebook's cells, in order
 *   analyzePython(text, options?)         → PythonAnalysis          describe + analyse
 *   analyzeNotebook(cells, options?)      → NotebookAnalysis
 *   readNotebookJson(json, fileName)      → PythonCell[]            a `.ipynb` file's cells (throws NotebookJsonError naming the file)
 *   new ChunkParseCache()                 one per open document: pass it as `options.cache` on every call
 *
 *  - Ranges are LSP positions (0-based line, UTF-16 character). For a `.py` file they are in
 *    the file. For a notebook they are in "program" coordinates (the code cells' lines one
 *    after the other, every cell counted, also markdown ones); `map.toCellRange(range)` gives
 *    `{ cell, range }` with `cell` the index in the cells given and `range` in that cell's text,
 *    and `map.fromCell(cell, position)` goes back (a hover or a code action asked in a cell).
 *    Diagnostics' quick fixes (`fixes[].edits[].range`) are ranges like any other: map them too.
 *  - Models are named as `rnn-lens import` names them: after their variable, or
 *    `Sequential(name=...)`, numbered (`model_1`, `model_2`) when a name is used twice.
 *    `pyNames[i]` is the Python variable of `description.models[i]`.
 *  - Python with no Keras Sequential model gives an empty description: no models, no
 *    diagnostics. A model the door cannot follow all the way gets one `not-followed`
 *    information diagnostic on its variable, saying where and why; the shapes after that
 *    point are unknown (no hints there), never wrong.
 *  - Keras version: `options.keras` when given (the editor setting, the CLI's --keras: it
 *    overrides the code); else Keras 2 when the code imports tf_keras or sets
 *    TF_USE_LEGACY_KERAS before importing Keras; else Keras 3. `description.keras` holds it.
 *  - Never throws on any text. `options.cache` (a ChunkParseCache, one per document) keeps the
 *    parsed top-level statements, their conversions and the lowered models between calls, so
 *    that an edit re-reads only what changed: the models of unchanged code keep their
 *    ModelDescription objects (and analyzePython/analyzeNotebook their analyses, kept in
 *    `cache.analysis`, which a caller of analyzeDescription may pass as its `cache`). Without
 *    it a shared cache is used.
 *  - Where a model cannot be followed, its stack holds an unknown layer of kind
 *    `(not followed)` (NOT_FOLLOWED) at that place, with `valid: false`; `model.inputUnknown` is
 *    true when its input shape could not be read (no missing-input-shape then).
 *  - Quick fixes edit only the call they fix; one that puts a layer first writes
 *    `model.add(Input(...))` or a list item, as the code is written (LayerDescription.insertion).
 */
import { analyzeDescription, type AnalysisOptions } from '../analysis/analyze.js';
import { findLayerKind } from '../catalog/index.js';
import type { DocumentAnalysis } from '../analysis/types.js';
import { modelNames } from '../keras/import-render.js';
import type { ConstantDescription, DocumentDescription, ModelDescription } from '../model/description.js';
import { diagnostic, type RnnDiagnostic } from '../model/diagnostic.js';
import type { KerasVersion } from '../model/keras-version.js';
import { lowerModel } from '../model/lower-model.js';
import { compareRanges, type SourceRange } from '../model/source.js';
import type { SyntaxModelCall } from '../model/syntax.js';
import { splitTopLevel } from './chunks.js';
import { ChunkParseCache, sharedChunkCache } from './parse-cache.js';
import { cellUnits, fileUnits, NotebookMap, type ProgramUnit, type PythonCell } from './program.js';
import { ModelReader, type PyModel } from './read-models.js';
import { identityOf } from './python-syntax.js';

export { ChunkParseCache } from './parse-cache.js';
export { NOT_FOLLOWED } from './read-models.js';
export { NotebookMap, type CellPosition, type CellRange, type PythonCell } from './program.js';
export { readNotebookJson, NotebookJsonError } from './notebook-json.js';

export interface PythonOptions {
    /** The Keras version to follow whatever the code says (a setting); absent: from the code, else 3. */
    readonly keras?: KerasVersion;
    readonly cache?: ChunkParseCache;
}

export interface PythonDescription {
    readonly description: DocumentDescription;
    /** The Python variable of each model, in the order of `description.models`. */
    readonly pyNames: readonly string[];
}

export interface NotebookDescription extends PythonDescription {
    readonly map: NotebookMap;
}

export interface PythonAnalysis extends PythonDescription {
    readonly analysis: DocumentAnalysis;
}

export interface NotebookAnalysis extends NotebookDescription {
    readonly analysis: DocumentAnalysis;
}

export type PythonAnalysisOptions = PythonOptions & Omit<AnalysisOptions, 'keras' | 'cache'>;

export function describePython(text: string, options: PythonOptions = {}): PythonDescription {
    return describeUnits(fileUnits(text), options);
}

export function describeNotebook(cells: readonly PythonCell[], options: PythonOptions = {}): NotebookDescription {
    const units = cellUnits(cells);
    const map = new NotebookMap(units);
    return { ...describeUnits(units, { ...options, where: line => map.where(line) }), map };
}

export function analyzePython(text: string, options: PythonAnalysisOptions = {}): PythonAnalysis {
    const described = describePython(text, options);
    return { ...described, analysis: analyzeDescription(described.description, analysisOptions(options)) };
}

export function analyzeNotebook(cells: readonly PythonCell[], options: PythonAnalysisOptions = {}): NotebookAnalysis {
    const described = describeNotebook(cells, options);
    return { ...described, analysis: analyzeDescription(described.description, analysisOptions(options)) };
}

/** The analysis options, with the models' analyses kept in the document's cache. */
function analysisOptions(options: PythonAnalysisOptions): AnalysisOptions {
    const { keras: _keras, cache, ...rest } = options;
    return { ...rest, cache: (cache ?? sharedChunkCache).analysis };
}

const EMPTY: PythonDescription = { description: { constants: [], models: [], diagnostics: [] }, pyNames: [] };

function describeUnits(units: readonly ProgramUnit[], options: PythonOptions & { where?: (line: number) => string }): PythonDescription {
    const cache = options.cache ?? sharedChunkCache;
    const reader = new ModelReader();
    for (const unit of units) {
        for (const chunk of splitTopLevel(unit.text)) {
            const text = unit.text.slice(chunk.from, chunk.to);
            if (text.trim() === '') continue;
            const parsed = cache.parse(text);
            try {
                reader.statements(parsed.statements, { unit, base: chunk.from }, parsed.broken, text);
            } catch {
                // A shape of recovered syntax the reader did not foresee: the chunk counts as broken, the rest is still read.
                reader.statements([], { unit, base: chunk.from }, true, text);
            }
        }
    }
    if (reader.models.length === 0) return EMPTY;
    const diagnostics: RnnDiagnostic[] = [];
    const names = modelNames(reader.models);
    const where = options.where ?? (line => `line ${line + 1}`);
    const models = reader.models.map(model => {
        const name = names.get(model)!;
        const key = modelKey(model, name, where);
        const lowered = cache.lowerModel(key, () => {
            const own: RnnDiagnostic[] = [];
            return { description: describeModel(model, name, own, where), diagnostics: own };
        });
        diagnostics.push(...lowered.diagnostics);
        return lowered.description;
    });
    cache.nextGeneration();
    diagnostics.sort((a, b) => compareRanges(a.range, b.range));
    const found = reader.version.found;
    const version: KerasVersion = options.keras ?? found?.version ?? 3;
    const at = found && options.keras === undefined ? found.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const constants: ConstantDescription[] = reader.constants;
    return {
        description: { constants, models, diagnostics, keras: { version, range: at } },
        pyNames: reader.models.map(m => m.pyName)
    };
}

/** What a model's lowering depends on: kept conversions by identity (python-syntax.ts), the rest as JSON. */
function modelKey(model: PyModel, name: string, where: (line: number) => string): string {
    const calls = [model.input, ...model.layers, model.compile, model.fit].map(c => (c === undefined ? '-' : c.unfollowed ? JSON.stringify(c) : identityOf(c)));
    return JSON.stringify([name, model.pyName, model.nameRange, model.start, model.end, model.stop ?? null, where(model.nameRange.start.line), calls]);
}

function describeModel(model: PyModel, name: string, diagnostics: RnnDiagnostic[], where: (line: number) => string): ModelDescription {
    let stop = model.stop;
    const calls: SyntaxModelCall[] = [...(model.input ? [model.input] : []), ...model.layers, ...(model.compile ? [model.compile] : []), ...(model.fit ? [model.fit] : [])];
    const description = lowerModel(
        { name, range: { start: model.start, end: model.end }, nameRange: model.nameRange, calls, bodyStart: model.start },
        {
            constants: new Map(), allConstants: new Map(),
            report: d => diagnostics.push(d),
            unknown: (range, why) => { if (!stop || compareRanges(range, stop.range) < 0) stop = { range, why }; }
        });
    if (!stop) return { ...description, buildsWhenCalled: true };
    diagnostics.push(notFollowed(model, stop, where));
    const stopAt = stop.range.start;
    const firstKnown = description.layers.find(l => findLayerKind(l.kind));
    const beforeFirst = !firstKnown || compareRanges({ start: stopAt, end: stopAt }, { start: firstKnown.range.end, end: firstKnown.range.end }) <= 0;
    return { ...description, buildsWhenCalled: true, ...(!description.input && beforeFirst ? { inputUnknown: true } : {}) };
}

function notFollowed(model: PyModel, stop: { readonly range: SourceRange; readonly why: string }, where: (line: number) => string) {
    return diagnostic('not-followed',
        `RNN Lens follows model "${model.pyName}" up to ${where(stop.range.start.line)}: there ${stop.why}, so its shapes from there on are not shown.`,
        model.nameRange);
}
