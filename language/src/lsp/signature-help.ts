/** Signature help for calls, as Python editors show it: every argument with its default. */
import type { LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams, ParameterInformation } from 'vscode-languageserver';
import type { ArgSpec } from '../catalog/arg-spec.js';
import { findLayerKind, signatureOf } from '../catalog/index.js';
import { findStatementKind } from '../catalog/statements.js';
import { describeType } from '../model/check-value.js';
import { formatValue } from '../model/values.js';
import { cursorContext } from './call-context.js';
import type { ClientProfile } from './client-profile.js';

export function parameterLabel(spec: ArgSpec): string {
    return spec.required ? spec.name : `${spec.name}=${formatValue(spec.default)}`;
}

/** `LSTM(units, activation="tanh", ...)`. */
export function signatureLabel(name: string, signature: readonly ArgSpec[]): string {
    return `${name}(${signature.map(parameterLabel).join(', ')})`;
}

export class RnnSignatureHelpProvider implements SignatureHelpProvider {
    constructor(private readonly client: ClientProfile) {}

    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: [',', '='] };
    }

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const text = document.textDocument.getText();
        const call = cursorContext(text, document.textDocument.offsetAt(params.position)).call;
        if (!call) return undefined;
        const kind = findLayerKind(call.callee);
        const statement = kind ? undefined : findStatementKind(call.callee);
        const signature = kind ? signatureOf(kind) : statement?.args;
        if (!signature) return undefined;
        const label = signatureLabel(call.callee, signature);
        let offset = call.callee.length + 1;
        const parameters: ParameterInformation[] = signature.map(spec => {
            const text = parameterLabel(spec);
            const range: [number, number] = [offset, offset + text.length];
            offset += text.length + 2;
            // Offsets tell a client which `units` is meant; one without them gets the text itself.
            const label = this.client.parameterLabelOffsets ? range : text;
            return { label, documentation: this.client.signatureDocumentation(`${spec.doc} (${describeType(spec.type)})`) };
        });
        const positional = signature.filter(s => !s.keywordOnly);
        const current = call.valueOf
            ?? (call.argumentIndex === call.positionalBefore + call.keywordsGiven.length && call.keywordsGiven.length === 0
                ? positional[call.positionalBefore]?.name : undefined);
        const activeParameter = current === undefined ? undefined : signature.findIndex(s => s.name === current);
        const summary = kind?.summary ?? statement?.summary;
        return {
            signatures: [{ label, documentation: summary === undefined ? undefined : this.client.signatureDocumentation(summary), parameters }],
            activeSignature: 0,
            activeParameter: activeParameter !== undefined && activeParameter >= 0 ? activeParameter : undefined
        };
    }
}
