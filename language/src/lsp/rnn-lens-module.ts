/**
 * The language server's services: Langium's defaults, with RNN Lens's analysis behind the
 * validator, inlay hints, hovers and code actions. The Node and browser entry points (server/)
 * create them with their own connection and file system.
 */
import '../polyfills/object-group-by.cjs';
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { RnnLensGeneratedModule, RnnLensGeneratedSharedModule } from '../generated/module.js';
import { IncrementalDocumentFactory } from '../incremental/incremental-document-factory.js';
import { RnnLinker, RnnReferenceDescriptionProvider, RnnScopeComputation, RnnScopeProvider } from '../incremental/references.js';
import { AnalysisCache, type DataSourceFactory } from './analysis-cache.js';
import { RnnCodeActionProvider } from './code-actions.js';
import { RnnCodeLensProvider } from './code-lens.js';
import { RnnCompletionProvider } from './completion.js';
import { RnnSignatureHelpProvider } from './signature-help.js';
import { RnnConfigurationProvider } from './configuration.js';
import { RnnDocumentSymbolProvider } from './document-symbols.js';
import { followDiagnosticSettings, RnnDocumentValidator } from './document-validator.js';
import { RnnFormatter } from './formatter.js';
import { RnnHoverProvider } from './hover.js';
import { RnnInlayHintProvider } from './inlay-hints.js';
import { RnnSemanticTokenProvider } from './semantic-tokens.js';
import { kerasSetting } from './settings.js';
import { reanalyseOnKerasSetting } from './keras-setting.js';

export interface RnnLensAddedServices {
    readonly analysis: {
        readonly AnalysisCache: AnalysisCache;
    };
}

export type RnnLensServices = LangiumServices & RnnLensAddedServices;

export function createRnnLensModule(dataSourceFor: DataSourceFactory | undefined): Module<RnnLensServices, PartialLangiumServices & RnnLensAddedServices> {
    return {
        analysis: {
            AnalysisCache: services => new AnalysisCache(dataSourceFor,
                () => kerasSetting((services.shared.workspace.ConfigurationProvider as RnnConfigurationProvider).current()))
        },
        validation: {
            DocumentValidator: services => new RnnDocumentValidator(services.analysis.AnalysisCache)
        },
        references: {
            Linker: services => new RnnLinker(services),
            ScopeProvider: services => new RnnScopeProvider(services),
            ScopeComputation: services => new RnnScopeComputation(services)
        },
        workspace: {
            ReferenceDescriptionProvider: services => new RnnReferenceDescriptionProvider(services)
        },
        lsp: {
            InlayHintProvider: services => new RnnInlayHintProvider(services.analysis.AnalysisCache, services.shared.workspace.ConfigurationProvider),
            HoverProvider: services => new RnnHoverProvider(services.analysis.AnalysisCache),
            CodeActionProvider: () => new RnnCodeActionProvider(),
            CompletionProvider: services => new RnnCompletionProvider(services.analysis.AnalysisCache),
            SignatureHelp: () => new RnnSignatureHelpProvider(),
            CodeLensProvider: services => new RnnCodeLensProvider(services.analysis.AnalysisCache),
            DocumentSymbolProvider: services => new RnnDocumentSymbolProvider(services.analysis.AnalysisCache),
            SemanticTokenProvider: services => new RnnSemanticTokenProvider(services),
            Formatter: () => new RnnFormatter()
        }
    };
}

const RnnLensSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        ConfigurationProvider: services => new RnnConfigurationProvider(services),
        // Only the changed statements of a document are parsed again (incremental/).
        LangiumDocumentFactory: services => new IncrementalDocumentFactory(services)
    }
};

export interface RnnLensServicesContext extends DefaultSharedModuleContext {
    /** Reads `data(...)` files for a document; omitted where there is no file system (the browser). */
    readonly dataSourceFor?: DataSourceFactory;
}

export function createRnnLensServices(context: RnnLensServicesContext): { shared: LangiumSharedServices; RnnLens: RnnLensServices } {
    const shared = inject(createDefaultSharedModule(context), RnnLensGeneratedSharedModule, RnnLensSharedModule);
    const RnnLens = inject(createDefaultModule({ shared }), RnnLensGeneratedModule, createRnnLensModule(context.dataSourceFor));
    shared.ServiceRegistry.register(RnnLens);
    reanalyseOnKerasSetting(shared);
    followDiagnosticSettings(shared, RnnLens.analysis.AnalysisCache);
    return { shared, RnnLens };
}
