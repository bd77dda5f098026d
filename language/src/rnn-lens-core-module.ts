/**
 * The language's core services (parser, AST, linker), without the LSP: what the CLI, training
 * and tests use to read `.rnn` text. The LSP module (lsp/) adds the editor features on top.
 */
import './polyfills/object-group-by.cjs';
import {
    EmptyFileSystem, createDefaultCoreModule, createDefaultSharedCoreModule, inject,
    type LangiumCoreServices, type LangiumSharedCoreServices
} from 'langium';
import { RnnLensGeneratedModule, RnnLensGeneratedSharedModule } from './generated/module.js';

export function createRnnLensCoreServices(): { shared: LangiumSharedCoreServices; RnnLens: LangiumCoreServices } {
    const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), RnnLensGeneratedSharedModule);
    const RnnLens = inject(createDefaultCoreModule({ shared }), RnnLensGeneratedModule);
    shared.ServiceRegistry.register(RnnLens);
    return { shared, RnnLens };
}
