/**
 * Lowering: the AST becomes the plain model description. Constants are evaluated in order,
 * calls are bound to the catalog's signatures, each model's input is found, and what cannot be
 * lowered is reported. The models themselves are lowered by lower-model.ts, which the Python door
 * shares; this module and langium-syntax.ts are the `.rnn` door's.
 */
import type { Document, Model } from '../generated/ast.js';
import type { ConstantDescription, DocumentDescription, KerasDirective, ModelDescription } from './description.js';
import { lowerKerasTarget } from './lower-keras-target.js';
import { diagnostic, type RnnDiagnostic } from './diagnostic.js';
import { evaluate, type EvaluationScope } from './evaluate.js';
import type { LoweringCache } from './lowering-cache.js';
import { propertyRange, rangeOf } from './ast-ranges.js';
import { expressionSyntax, modelSyntax } from './langium-syntax.js';
import { lowerModel } from './lower-model.js';
import type { Value } from './values.js';

/** `cache` (the language server's) keeps models lowered in an earlier version of the document. */
export function lowerDocument(root: Document, syntax: readonly RnnDiagnostic[] = [], cache?: LoweringCache): DocumentDescription {
    const diagnostics: RnnDiagnostic[] = [...syntax];
    const report = (d: RnnDiagnostic) => diagnostics.push(d);
    const allConstants = new Map<string, number>();
    for (const statement of root.statements) {
        if (statement.$type === 'Constant' && statement.name && !allConstants.has(statement.name)) {
            allConstants.set(statement.name, rangeOf(statement).start.line);
        }
    }
    const values = new Map<string, Value | undefined>();
    const scope: EvaluationScope = { constants: values, allConstants, report };
    const constants: ConstantDescription[] = [];
    const models: ModelDescription[] = [];
    let keras: KerasDirective | undefined;

    for (const statement of root.statements) {
        if (statement.$type === 'KerasTarget') {
            keras = lowerKerasTarget(statement, keras, report) ?? keras;
            continue;
        }
        if (!statement.name) continue;
        const nameRange = cache ? cache.nameRange(statement) : propertyRange(statement, 'name');
        if (statement.$type === 'Constant') {
            if (values.has(statement.name)) {
                report(diagnostic('duplicate-name', `The constant "${statement.name}" is already defined on line ${allConstants.get(statement.name)! + 1}; give this one another name.`, nameRange));
                continue;
            }
            const value = statement.value ? evaluate(expressionSyntax(statement.value), scope) : undefined;
            values.set(statement.name, value);
            constants.push({ name: statement.name, value, range: rangeOf(statement), nameRange });
        } else {
            const earlier = models.find(m => m.name === statement.name);
            if (earlier) {
                report(diagnostic('duplicate-name', `A model named "${statement.name}" is already defined on line ${earlier.nameRange.start.line + 1}; model names are unique within a file.`, nameRange));
                continue;
            }
            models.push(lowerModelCached(statement, scope, cache));
        }
    }
    return keras ? { constants, models, diagnostics, keras } : { constants, models, diagnostics };
}

function lowerModelCached(model: Model, scope: EvaluationScope, cache: LoweringCache | undefined): ModelDescription {
    if (!cache) return lowerModel(modelSyntax(model), scope);
    const line = rangeOf(model).start.line;
    const kept = cache.find(model, line, scope);
    if (kept) {
        kept.diagnostics.forEach(scope.report);
        return kept.description;
    }
    const reported: RnnDiagnostic[] = [];
    const description = lowerModel(modelSyntax(model), { ...scope, report: d => { reported.push(d); scope.report(d); } });
    cache.keep(model, line, scope, description, reported);
    return description;
}

