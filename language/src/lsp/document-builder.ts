/**
 * Langium's document builder, except that a validated document's listeners always hear of it.
 * Langium 4.3 checks for cancellation before each document-phase listener: a build cancelled (by
 * the next didOpen or didChange) just after a document was validated leaves that document
 * Validated and complete, so no later build validates it again, and the listener that publishes
 * its diagnostics (addDiagnosticsHandler) never runs. Two files opened at once often lost the
 * first one's diagnostics for good (test/protocol/open-together.test.ts).
 */
import { DefaultDocumentBuilder, DocumentState, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';

export class RnnDocumentBuilder extends DefaultDocumentBuilder {
    protected override notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        return super.notifyDocumentPhase(document, state, state === DocumentState.Validated ? CancellationToken.None : cancelToken);
    }
}
