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
import type { ModelCodeExporter } from '../keras/export-target.js';
import { IncrementalDocumentFactory } from '../incremental/incremental-document-factory.js';
import { RnnLinker, RnnReferenceDescriptionProvider, RnnScopeComputation, RnnScopeProvider } from '../incremental/references.js';
import { AnalysisCache, type DataSourceFactory } from './analysis-cache.js';
import { ClientDiagnosticsValidator } from './client-diagnostics.js';
import { ClientProfile } from './client-profile.js';
import { ClientDocumentSymbolProvider } from './client-symbols.js';
import { RnnCodeActionProvider } from './code-actions.js';
import { RnnCodeLensProvider } from './code-lens.js';
import { RnnCompletionProvider } from './completion.js';
import { RnnSignatureHelpProvider } from './signature-help.js';
import { RnnConfigurationProvider } from './configuration.js';
import { RnnDocumentSymbolProvider } from './document-symbols.js';
import { RnnDocumentBuilder } from './document-builder.js';
import { RnnDocumentValidator } from './document-validator.js';
import { RnnFormatter } from './formatter.js';
import { RnnHoverProvider } from './hover.js';
import { RnnInlayHintProvider } from './inlay-hints.js';
import { RnnLanguageServer } from './language-server.js';
import { RnnSemanticTokenProvider } from './semantic-tokens.js';
import { refreshOnSettingsChange } from './settings-refresh.js';
import { RnnDocumentUpdateHandler, RnnNodeKindProvider, RnnWorkspaceManager, RnnWorkspaceSymbolProvider } from './workspace.js';
import { PythonDoor } from './python/python-door.js';
import { RnnServiceRegistry } from './python/python-registry.js';

export interface RnnLensAddedServices {
    readonly analysis: {
        readonly AnalysisCache: AnalysisCache;
    };
    readonly client: {
        /** What the connected client declared it can take: every feature that could send more asks it. */
        readonly Profile: ClientProfile;
    };
    readonly python: {
        /** Python files and notebooks: the second door into the same analysis (python/). */
        readonly Door: PythonDoor;
    };
    readonly keras: {
        /** Writes a model as Keras or tfjs code (`rnnLens/exportKeras`); undefined where none was given. */
        readonly ExportModelCode: ModelCodeExporter | undefined;
    };
}

export type RnnLensServices = LangiumServices & RnnLensAddedServices;

export function createRnnLensModule(
    dataSourceFor: DataSourceFactory | undefined, exportModelCode?: ModelCodeExporter
): Module<RnnLensServices, PartialLangiumServices & RnnLensAddedServices> {
    return {
        keras: {
            ExportModelCode: () => exportModelCode
        },
        analysis: {
            AnalysisCache: () => new AnalysisCache(dataSourceFor)
        },
        client: {
            Profile: services => new ClientProfile(services.shared)
        },
        python: {
            Door: services => new PythonDoor(services.shared.workspace.TextDocuments, services.analysis.AnalysisCache, services.client.Profile)
        },
        validation: {
            DocumentValidator: services => new ClientDiagnosticsValidator(new RnnDocumentValidator(services.analysis.AnalysisCache), services.client.Profile)
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
            HoverProvider: services => new RnnHoverProvider(services.analysis.AnalysisCache, services.client.Profile),
            CodeActionProvider: services => new RnnCodeActionProvider(services.analysis.AnalysisCache, services.client.Profile),
            CompletionProvider: services => new RnnCompletionProvider(services.analysis.AnalysisCache, services.client.Profile),
            SignatureHelp: services => new RnnSignatureHelpProvider(services.client.Profile),
            CodeLensProvider: services => new RnnCodeLensProvider(services.analysis.AnalysisCache, services.client.Profile),
            DocumentSymbolProvider: services => new ClientDocumentSymbolProvider(new RnnDocumentSymbolProvider(services.analysis.AnalysisCache), services.client.Profile),
            SemanticTokenProvider: services => new RnnSemanticTokenProvider(services),
            Formatter: () => new RnnFormatter()
        }
    };
}

const RnnLensSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    // Documents of language `python` are the Python door's, never Langium's.
    ServiceRegistry: services => new RnnServiceRegistry(services),
    lsp: {
        LanguageServer: services => new RnnLanguageServer(services),
        DocumentUpdateHandler: services => new RnnDocumentUpdateHandler(services),
        WorkspaceSymbolProvider: services => new RnnWorkspaceSymbolProvider(services),
        NodeKindProvider: () => new RnnNodeKindProvider()
    },
    workspace: {
        ConfigurationProvider: services => new RnnConfigurationProvider(services),
        // Only the open documents are built; the others' names are indexed in the background.
        WorkspaceManager: services => new RnnWorkspaceManager(services),
        // Only the changed statements of a document are parsed again (incremental/).
        LangiumDocumentFactory: services => new IncrementalDocumentFactory(services),
        // A document validated just before its build was cancelled still has its diagnostics published.
        DocumentBuilder: services => new RnnDocumentBuilder(services)
    }
};

export interface RnnLensServicesContext extends DefaultSharedModuleContext {
    /** Reads `data(...)` files for a document; omitted where there is no file system (the browser). */
    readonly dataSourceFor?: DataSourceFactory;
    /** The exporter (training/src/export/), which the language core cannot import itself. */
    readonly exportModelCode?: ModelCodeExporter;
}

export function createRnnLensServices(context: RnnLensServicesContext): { shared: LangiumSharedServices; RnnLens: RnnLensServices } {
    const shared = inject(createDefaultSharedModule(context), RnnLensGeneratedSharedModule, RnnLensSharedModule);
    const RnnLens = inject(createDefaultModule({ shared }), RnnLensGeneratedModule, createRnnLensModule(context.dataSourceFor, context.exportModelCode));
    shared.ServiceRegistry.register(RnnLens);
    refreshOnSettingsChange(shared, RnnLens.client.Profile, RnnLens.analysis.AnalysisCache);
    return { shared, RnnLens };
}
