/**
 * One analysis per document version: the validator, inlay hints, hovers, code actions and the
 * custom requests all read it, so a keystroke is parsed once and analysed once; and within it,
 * only the models that changed are lowered and analysed again.
 */
import type { LangiumDocument } from 'langium';
import type { URI } from 'langium';
import type { DataSource } from '../analysis/data-checks.js';
import { analyzeDescription, type ModelAnalysisCache } from '../analysis/analyze.js';
import type { DiagnosticLevels } from '../analysis/diagnostic-levels.js';
import type { DocumentAnalysis } from '../analysis/types.js';
import type { Document } from '../generated/ast.js';
import { describeParsed } from '../describe.js';
import { LoweringCache } from '../model/lowering-cache.js';
import { effectiveKerasVersion, type KerasVersion } from '../model/keras-version.js';

/** Gives the data source for a document's `data(...)` files; absent in the browser. */
export type DataSourceFactory = (documentUri: URI) => DataSource | undefined;

/** The Keras version for documents without a `keras N` line: the `rnnLens.keras` setting. */
export type KerasDefault = () => KerasVersion | undefined;

export class AnalysisCache {
    private cache = new WeakMap<object, DocumentAnalysis>();
    /** `rnnLens.diagnostics` (lsp/document-validator.ts follows it); a change analyses documents again. */
    private levels: DiagnosticLevels = {};
    private levelsKey = '{}';
    /** Unchanged models are neither lowered nor analysed again (their AST nodes are kept by the parser). */
    private readonly lowered = new LoweringCache();
    private readonly analysed: ModelAnalysisCache = new WeakMap();

    constructor(private readonly dataSourceFor: DataSourceFactory | undefined, private readonly kerasDefault: KerasDefault = () => undefined) {}

    /** The diagnostic levels of the settings; false when they are the ones in use already. */
    useLevels(levels: DiagnosticLevels): boolean {
        const key = JSON.stringify(levels);
        if (key === this.levelsKey) return false;
        this.levels = levels;
        this.levelsKey = key;
        // Documents analysed at other levels are analysed again (their unchanged models come from the model cache).
        this.cache = new WeakMap();
        return true;
    }

    get(document: LangiumDocument): DocumentAnalysis {
        // The parse result is replaced on every change, so it keys the document's current version.
        const key = document.parseResult;
        const keras = this.kerasDefault();
        let analysis = this.cache.get(key);
        // A changed setting makes the kept analysis stale unless the file names its own version.
        if (analysis && !analysis.description.keras && analysis.keras !== effectiveKerasVersion(undefined, keras)) analysis = undefined;
        if (!analysis) {
            const description = describeParsed(document.parseResult as LangiumDocument<Document>['parseResult'], document.textDocument.getText(), this.lowered);
            analysis = analyzeDescription(description, { data: this.dataSourceFor?.(document.uri), cache: this.analysed, keras, levels: this.levels });
            this.cache.set(key, analysis);
        }
        return analysis;
    }
}
