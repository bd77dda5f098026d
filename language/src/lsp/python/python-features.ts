/**
 * What the Python door answers: inlay hints, hovers (on layer, argument and model names), quick
 * fixes and code lenses, each made by the same function as for `.rnn` (it reads the analysis and
 * its ranges), with places mapped between the client's document (a file, or a notebook's cell) and
 * the program. The protocol guard sends a Python document's request here (its method prefixed,
 * PYTHON_METHOD); requests of other features get no result for Python.
 */
import type { ConfigurationProvider } from 'langium';
import type {
    CodeAction, CodeActionParams, CodeLens, CodeLensParams, Connection, Hover, HoverParams, InlayHint, InlayHintParams, TextEdit, WorkspaceEdit
} from 'vscode-languageserver';
import { quickFixActions } from '../code-actions.js';
import { modelLenses, type ModelCommand } from '../code-lens.js';
import type { ClientProfile } from '../client-profile.js';
import { argumentHoverAt, layerHoverAt } from '../hover.js';
import { inlayHintsOf } from '../inlay-hints.js';
import { modelMarkdown } from '../../explain/hover-markdown.js';
import { emptyRangeAt, rangeContains, type SourceRange } from '../../model/source.js';
import type { TextEdit as CoreEdit } from '../../model/diagnostic.js';
import { inlayHintSettings } from '../settings.js';
import type { PythonDoor } from './python-door.js';
import type { PythonProgram } from './python-program.js';

/** The document requests the Python door serves. */
export const PYTHON_FEATURES = ['textDocument/hover', 'textDocument/inlayHint', 'textDocument/codeAction', 'textDocument/codeLens'] as const;

/** The method a Python document's request is renamed to by the guard, so that it reaches the door's handler. */
export function pythonMethod(method: string): string {
    return `rnnLens/python/${method}`;
}

/** Above each model of a Python file or notebook; ▶ Train opens the training panel on it, Open as .rnn imports the code. */
export const PYTHON_MODEL_COMMANDS: readonly ModelCommand[] = [
    { title: 'Summary', command: 'rnnLens.showSummary' },
    { title: 'Explain', command: 'rnnLens.explain' },
    { title: 'Diagram', command: 'rnnLens.showDiagram' },
    { title: '▶ Train', command: 'rnnLens.train' },
    { title: 'Open as .rnn', command: 'rnnLens.importKeras' }
];

export function registerPythonFeatures(connection: Connection, door: PythonDoor, client: ClientProfile, configuration: ConfigurationProvider): void {
    connection.onRequest(pythonMethod('textDocument/inlayHint'), async (params: InlayHintParams): Promise<InlayHint[] | null> => {
        const settings = await inlayHintSettings(configuration);
        const found = await door.heldAnalysisOf(params.textDocument.uri);
        const range = found?.program.fromCell(params.textDocument.uri, params.range);
        if (!found || !range) return null;
        const { program, analysis } = found;
        // After the line that makes the model (`model = Sequential()  3,840 params`).
        const hints = inlayHintsOf(analysis, range, settings, model => program.lineEnd(model.description.nameRange.end.line));
        return hints.flatMap(hint => {
            const place = program.toCell(emptyRangeAt(hint.position));
            return place.uri === params.textDocument.uri ? [{ ...hint, position: place.range.start }] : [];
        });
    });

    connection.onRequest(pythonMethod('textDocument/hover'), async (params: HoverParams): Promise<Hover | null> => {
        const uri = params.textDocument.uri;
        const found = await door.heldAnalysisOf(uri);
        const position = found?.program.fromCell(uri, emptyRangeAt(params.position))?.start;
        if (!found || !position) return null;
        const { program, analysis } = found;
        const hover = (markdown: string, range: SourceRange): Hover => ({ contents: client.hoverContent(markdown), range: program.toCell(range).range });
        const callee = (range: SourceRange) => calleeText(program, range);
        const layer = layerHoverAt(analysis, position, callee) ?? argumentHoverAt(analysis, position, callee);
        if (layer) return hover(layer.markdown, layer.range);
        const model = analysis.models.find(m => rangeContains(m.description.nameRange, emptyRangeAt(position)));
        return model ? hover(modelMarkdown(model), model.description.nameRange) : null;
    });

    connection.onRequest(pythonMethod('textDocument/codeAction'), async (params: CodeActionParams): Promise<CodeAction[] | null> => {
        const uri = params.textDocument.uri;
        const found = await door.heldAnalysisOf(uri);
        if (!found) return null;
        const { program } = found;
        // The client's diagnostics are in its document's coordinates, the analysis's in the program's;
        // each action names the diagnostic as the client sent it.
        const analysis = () => found.analysis;
        const sent = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
        return sent.flatMap(diagnostic => {
            const range = program.fromCell(uri, diagnostic.range);
            if (!range) return [];
            return quickFixActions([{ ...diagnostic, range, data: undefined }], analysis, client, edits => cellEdit(program, edits))
                .map(action => ({ ...action, diagnostics: [diagnostic] }));
        });
    });

    connection.onRequest(pythonMethod('textDocument/codeLens'), async (params: CodeLensParams): Promise<CodeLens[] | null> => {
        const uri = params.textDocument.uri;
        const found = await door.heldAnalysisOf(uri);
        if (!found) return null;
        return modelLenses(found.analysis, PYTHON_MODEL_COMMANDS, client, model => {
            const place = found.program.toCell(model.description.nameRange);
            return place.uri === uri ? place : undefined;
        });
    });
}

/** A fix's edits, each in the document (cell) it falls in. */
function cellEdit(program: PythonProgram, edits: readonly CoreEdit[]): WorkspaceEdit {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of edits) {
        const place = program.toCell(edit.range);
        (changes[place.uri] ??= []).push({ range: place.range, newText: edit.newText });
    }
    return { changes };
}

/** The layer's name as written, without its module (`layers.MaxPool1D` → `MaxPool1D`), for the alias note. */
function calleeText(program: PythonProgram, range: SourceRange): string {
    if (range.start.line !== range.end.line) return '';
    return program.lineText(range.start.line).slice(range.start.character, range.end.character).split('.').pop() ?? '';
}
