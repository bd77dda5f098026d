/**
 * What a client's declared capabilities allow a server to send it, as the LSP 3.17 specification
 * says, written from the specification (not from the server's code): each check returns the
 * breaches it finds in one message, as readable lines ([] when the message is allowed).
 */

type Json = any;

/** Completion item kinds a client takes when it lists none (LSP: Text to Reference). */
const BASE_COMPLETION_KINDS = range(1, 18);
/** Symbol kinds a client takes when it lists none (LSP: File to Array). */
const BASE_SYMBOL_KINDS = range(1, 18);

export class ClientProfile {
    constructor(readonly params: Json) {}

    get caps(): Json {
        return this.params.capabilities ?? {};
    }

    /** The commands the client says it runs (RNN Lens's VS Code extension lists them), and the server's own. */
    commandAllowed(command: string, serverCommands: readonly string[]): boolean {
        const declared: string[] = this.params.initializationOptions?.editorCommands ?? [];
        return declared.includes(command) || serverCommands.includes(command);
    }
}

const at = (object: Json, path: string): Json => path.split('.').reduce((o, key) => (o === undefined || o === null ? undefined : o[key]), object);

/** Server → client requests: each needs the capability that announces it. */
export function checkServerRequest(profile: ClientProfile, method: string, params: Json): string[] {
    const caps = profile.caps;
    const problems: string[] = [];
    const needs = (path: string, what = method) => {
        if (at(caps, path) !== true) problems.push(`${what} sent, but the client did not declare ${path}`);
    };
    switch (method) {
        case 'client/registerCapability':
            for (const registration of params?.registrations ?? []) {
                const path = registrationCapability(registration.method);
                needs(`${path}.dynamicRegistration`, `client/registerCapability for ${registration.method}`);
            }
            break;
        case 'client/unregisterCapability': break;
        case 'workspace/configuration': needs('workspace.configuration'); break;
        case 'workspace/inlayHint/refresh': needs('workspace.inlayHint.refreshSupport'); break;
        case 'workspace/semanticTokens/refresh': needs('workspace.semanticTokens.refreshSupport'); break;
        case 'workspace/codeLens/refresh': needs('workspace.codeLens.refreshSupport'); break;
        case 'workspace/diagnostic/refresh': needs('workspace.diagnostics.refreshSupport'); break;
        case 'workspace/inlineValue/refresh': needs('workspace.inlineValue.refreshSupport'); break;
        case 'workspace/applyEdit': needs('workspace.applyEdit'); break;
        case 'workspace/workspaceFolders': needs('workspace.workspaceFolders'); break;
        case 'window/workDoneProgress/create': needs('window.workDoneProgress'); break;
        case 'window/showDocument': needs('window.showDocument.support'); break;
        case 'window/showMessageRequest': break;
        default: problems.push(`${method}: a server → client request the LSP does not define`);
    }
    return problems;
}

function registrationCapability(method: string): string {
    if (method.startsWith('workspace/')) return `workspace.${method.slice('workspace/'.length)}`;
    if (method.startsWith('textDocument/')) {
        const name = method.slice('textDocument/'.length);
        const synchronization = ['didOpen', 'didChange', 'didClose', 'didSave', 'willSave', 'willSaveWaitUntil'];
        return synchronization.includes(name) ? 'textDocument.synchronization' : `textDocument.${name.split('/')[0]}`;
    }
    return method;
}

/** Server → client notifications. */
export function checkServerNotification(profile: ClientProfile, method: string, params: Json): string[] {
    if (method !== 'textDocument/publishDiagnostics') {
        const known = ['window/logMessage', 'window/showMessage', 'telemetry/event', '$/logTrace', '$/progress', '$/cancelRequest'];
        return known.includes(method) ? [] : [`${method}: a notification the LSP does not define`];
    }
    const publish = at(profile.caps, 'textDocument.publishDiagnostics') ?? {};
    const problems: string[] = [];
    if (params?.version !== undefined && publish.versionSupport !== true) problems.push('publishDiagnostics.version without versionSupport');
    for (const d of params?.diagnostics ?? []) {
        const where = `diagnostic "${d.code}"`;
        if (d.data !== undefined && publish.dataSupport !== true) problems.push(`${where}: data without dataSupport`);
        if (d.relatedInformation !== undefined && publish.relatedInformation !== true) problems.push(`${where}: relatedInformation undeclared`);
        if (d.codeDescription !== undefined && publish.codeDescriptionSupport !== true) problems.push(`${where}: codeDescription undeclared`);
        for (const tag of d.tags ?? []) {
            if (!(publish.tagSupport?.valueSet ?? []).includes(tag)) problems.push(`${where}: tag ${tag} not in tagSupport`);
        }
    }
    return problems;
}

/** A response to one of the client's requests. */
export function checkResponse(profile: ClientProfile, method: string, result: Json, serverCommands: readonly string[]): string[] {
    const caps = profile.caps;
    const text = at(caps, 'textDocument') ?? {};
    const problems: string[] = [];
    const markdownAllowed = (formats: Json) => Array.isArray(formats) && formats.includes('markdown');
    const checkMarkup = (value: Json, formats: Json, where: string) => {
        if (value && typeof value === 'object' && value.kind === 'markdown' && !markdownAllowed(formats)) problems.push(`${where}: Markdown, but the client lists ${JSON.stringify(formats ?? [])}`);
    };
    const checkCommand = (command: Json, where: string) => {
        if (command && !profile.commandAllowed(command.command, serverCommands)) problems.push(`${where}: command ${command.command} the client does not run`);
    };
    switch (method) {
        case 'initialize': {
            const capabilities = result.capabilities ?? {};
            if (capabilities.renameProvider?.prepareProvider && text.rename?.prepareSupport !== true) problems.push('renameProvider.prepareProvider without the client\'s prepareSupport');
            if (capabilities.positionEncoding && !(caps.general?.positionEncodings ?? ['utf-16']).includes(capabilities.positionEncoding)) problems.push('a position encoding the client did not offer');
            break;
        }
        case 'textDocument/completion': {
            const completion = text.completion ?? {};
            const item = completion.completionItem ?? {};
            const items = Array.isArray(result) ? result : result?.items ?? [];
            if (result?.itemDefaults && !completion.completionList?.itemDefaults) problems.push('completion itemDefaults undeclared');
            for (const i of items) {
                const where = `completion "${i.label}"`;
                if (i.insertTextFormat === 2 && item.snippetSupport !== true) problems.push(`${where}: a snippet without snippetSupport`);
                if (i.textEdit?.insert !== undefined && item.insertReplaceSupport !== true) problems.push(`${where}: InsertReplaceEdit undeclared`);
                checkMarkup(i.documentation, item.documentationFormat, where);
                if (i.kind !== undefined && !(completion.completionItemKind?.valueSet ?? BASE_COMPLETION_KINDS).includes(i.kind)) problems.push(`${where}: kind ${i.kind} not in the client's value set`);
                if (i.preselect !== undefined && item.preselectSupport !== true) problems.push(`${where}: preselect undeclared`);
                if (i.labelDetails !== undefined && item.labelDetailsSupport !== true) problems.push(`${where}: labelDetails undeclared`);
                if (i.deprecated !== undefined && item.deprecatedSupport !== true) problems.push(`${where}: deprecated undeclared`);
                if (i.commitCharacters !== undefined && item.commitCharactersSupport !== true) problems.push(`${where}: commitCharacters undeclared`);
                if (i.insertTextMode !== undefined && !(item.insertTextModeSupport?.valueSet ?? []).includes(i.insertTextMode)) problems.push(`${where}: insertTextMode undeclared`);
                for (const tag of i.tags ?? []) if (!(item.tagSupport?.valueSet ?? []).includes(tag)) problems.push(`${where}: tag ${tag} undeclared`);
                checkCommand(i.command, where);
            }
            break;
        }
        case 'textDocument/hover':
            if (result) {
                checkMarkup(result.contents, text.hover?.contentFormat, 'hover');
                if (typeof result.contents === 'string' || Array.isArray(result.contents) || result.contents?.language !== undefined) {
                    // MarkedString is deprecated but allowed; its Markdown needs the same declaration.
                    if (!markdownAllowed(text.hover?.contentFormat)) problems.push('hover: a MarkedString (Markdown) to a client that takes no Markdown');
                }
            }
            break;
        case 'textDocument/signatureHelp': {
            const information = text.signatureHelp?.signatureInformation ?? {};
            for (const signature of result?.signatures ?? []) {
                checkMarkup(signature.documentation, information.documentationFormat, `signature ${signature.label}`);
                if (signature.activeParameter !== undefined && information.activeParameterSupport !== true) problems.push('signature.activeParameter undeclared');
                for (const parameter of signature.parameters ?? []) {
                    if (Array.isArray(parameter.label) && information.parameterInformation?.labelOffsetSupport !== true) problems.push(`signature ${signature.label}: parameter label offsets without labelOffsetSupport`);
                    checkMarkup(parameter.documentation, information.documentationFormat, `parameter of ${signature.label}`);
                }
            }
            break;
        }
        case 'textDocument/codeAction': {
            const codeAction = text.codeAction ?? {};
            for (const action of result ?? []) {
                if (typeof action.command === 'string') {
                    checkCommand(action, `command ${action.title}`);
                    continue;
                }
                const where = `code action "${action.title}"`;
                if (codeAction.codeActionLiteralSupport === undefined) problems.push(`${where}: a CodeAction literal without codeActionLiteralSupport`);
                if (action.isPreferred !== undefined && codeAction.isPreferredSupport !== true) problems.push(`${where}: isPreferred undeclared`);
                if (action.disabled !== undefined && codeAction.disabledSupport !== true) problems.push(`${where}: disabled undeclared`);
                if (action.data !== undefined && codeAction.dataSupport !== true) problems.push(`${where}: data undeclared`);
                const kinds: string[] = codeAction.codeActionLiteralSupport?.codeActionKind?.valueSet ?? [];
                if (action.kind && !kinds.some(k => action.kind === k || action.kind.startsWith(`${k}.`))) problems.push(`${where}: kind ${action.kind} not declared`);
                checkWorkspaceEdit(caps, action.edit, where, problems);
                checkCommand(action.command, where);
            }
            break;
        }
        case 'textDocument/documentSymbol': {
            const symbol = text.documentSymbol ?? {};
            const walk = (symbols: Json[]) => {
                for (const s of symbols ?? []) {
                    if (s.selectionRange !== undefined && symbol.hierarchicalDocumentSymbolSupport !== true) problems.push(`symbol ${s.name}: a DocumentSymbol without hierarchicalDocumentSymbolSupport`);
                    if (!(symbol.symbolKind?.valueSet ?? BASE_SYMBOL_KINDS).includes(s.kind)) problems.push(`symbol ${s.name}: kind ${s.kind} undeclared`);
                    if (s.tags !== undefined && !(s.tags as number[]).every(t => (symbol.tagSupport?.valueSet ?? []).includes(t))) problems.push(`symbol ${s.name}: tags undeclared`);
                    walk(s.children);
                }
            };
            walk(result ?? []);
            break;
        }
        case 'workspace/symbol':
            for (const s of result ?? []) {
                if (!(at(caps, 'workspace.symbol.symbolKind.valueSet') ?? BASE_SYMBOL_KINDS).includes(s.kind)) problems.push(`workspace symbol ${s.name}: kind ${s.kind} undeclared`);
                if (s.location && s.location.range === undefined && at(caps, 'workspace.symbol.resolveSupport') === undefined) problems.push(`workspace symbol ${s.name}: a location without range needs resolveSupport`);
            }
            break;
        case 'textDocument/codeLens':
            for (const lens of result ?? []) checkCommand(lens.command, `code lens "${lens.command?.title}"`);
            break;
        case 'textDocument/rename':
            checkWorkspaceEdit(caps, result, 'rename', problems);
            break;
        case 'textDocument/inlayHint':
            for (const hint of result ?? []) {
                if (Array.isArray(hint.label)) for (const part of hint.label) checkCommand(part.command, 'inlay hint part');
            }
            break;
        default:
            break;
    }
    return problems;
}

function checkWorkspaceEdit(caps: Json, edit: Json, where: string, problems: string[]): void {
    if (!edit) return;
    const workspaceEdit = at(caps, 'workspace.workspaceEdit') ?? {};
    if (edit.documentChanges !== undefined && workspaceEdit.documentChanges !== true) problems.push(`${where}: documentChanges undeclared`);
    if (edit.changeAnnotations !== undefined && workspaceEdit.changeAnnotationSupport === undefined) problems.push(`${where}: changeAnnotations undeclared`);
}

function range(from: number, to: number): number[] {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
