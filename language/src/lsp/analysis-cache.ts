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
import type { DocumentDescription } from '../model/description.js';
import { LoweringCache } from '../model/lowering-cache.js';
import type { KerasVersion } from '../model/keras-version.js';

/** Gives the data source for a document's `data(...)` files; absent in the browser. */
export type DataSourceFactory = (documentUri: URI) => DataSource | undefined;

/** What the analysis takes from the `rnnLens` settings (lsp/settings-refresh.ts gives it). */
export interface AnalysisSettings {
    /** `rnnLens.keras`: the version of documents without a `keras N` line. */
    readonly keras?: KerasVersion;
    /** `rnnLens.diagnostics`: each code's level. */
    readonly levels: DiagnosticLevels;
}

export class AnalysisCache {
    private cache = new WeakMap<object, DocumentAnalysis>();
    private settings: AnalysisSettings = { levels: {} };
    private settingsKey = JSON.stringify(this.settings);
    /** Unchanged models are neither lowered nor analysed again (their AST nodes are kept by the parser). */
    private readonly lowered = new LoweringCache();
    private readonly analysed: ModelAnalysisCache = new WeakMap();

    constructor(private readonly dataSourceFor: DataSourceFactory | undefined) {}

    /** The settings to analyse under from now on; false when they are the ones in use already. */
    useSettings(settings: AnalysisSettings): boolean {
        const key = JSON.stringify(settings);
        if (key === this.settingsKey) return false;
        this.settings = settings;
        this.settingsKey = key;
        // Documents analysed under other settings are analysed again (their unchanged models come from the model cache).
        this.cache = new WeakMap();
        return true;
    }

    /** `rnnLens.keras`: the version of documents that do not say theirs. */
    get kerasDefault(): KerasVersion | undefined {
        return this.settings.keras;
    }

    get(document: LangiumDocument): DocumentAnalysis {
        // The parse result is replaced on every change, so it keys the document's current version.
        return this.analyse(document.parseResult, document.uri,
            () => describeParsed(document.parseResult as LangiumDocument<Document>['parseResult'], document.textDocument.getText(), this.lowered));
    }

    /**
     * The analysis of a description under the current settings, for either door: `key` stands for
     * the text's version (a new object for each version), `describe` runs only when it is new.
     */
    analyse(key: object, uri: URI | undefined, describe: () => DocumentDescription): DocumentAnalysis {
        let analysis = this.cache.get(key);
        if (!analysis) {
            analysis = analyzeDescription(describe(), { data: uri && this.dataSourceFor?.(uri), cache: this.analysed, ...this.settings });
            this.cache.set(key, analysis);
        }
        return analysis;
    }
}
