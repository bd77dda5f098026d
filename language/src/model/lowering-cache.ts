/**
 * Lowered models kept from one version of a document to the next. A model is lowered again only
 * when its AST node is new (its text changed: incremental/chunked-parser.ts keeps the nodes of
 * unchanged chunks), when it moved to another line (descriptions hold line positions), or when
 * a constant it uses changed (its value, or where it is defined, or, for a name that is not
 * defined, the names that are: they make the did-you-mean).
 */
import type { Model, Statement } from '../generated/ast.js';
import { propertyRange, rangeOf } from './ast-ranges.js';
import { constantRefsIn } from './constant-refs.js';
import type { ModelDescription } from './description.js';
import type { RnnDiagnostic } from './diagnostic.js';
import type { EvaluationScope } from './evaluate.js';
import type { SourceRange } from './source.js';
import { formatValue } from './values.js';

interface Entry {
    readonly line: number;
    readonly dependencies: string;
    readonly description: ModelDescription;
    readonly diagnostics: readonly RnnDiagnostic[];
}

export class LoweringCache {
    private readonly entries = new WeakMap<Model, Entry>();
    private readonly nameRanges = new WeakMap<Statement, { readonly line: number; readonly range: SourceRange }>();

    /** Where a statement's name is: found in the CST once per statement and line. */
    nameRange(statement: Statement): SourceRange {
        const line = rangeOf(statement).start.line;
        const kept = this.nameRanges.get(statement);
        if (kept && kept.line === line) return kept.range;
        const range = propertyRange(statement, 'name');
        this.nameRanges.set(statement, { line, range });
        return range;
    }

    /** The model's description and diagnostics as lowered before, if nothing it depends on changed. */
    find(model: Model, line: number, scope: EvaluationScope): Entry | undefined {
        const entry = this.entries.get(model);
        return entry && entry.line === line && entry.dependencies === dependencies(model, scope) ? entry : undefined;
    }

    keep(model: Model, line: number, scope: EvaluationScope, description: ModelDescription, diagnostics: readonly RnnDiagnostic[]): void {
        this.entries.set(model, { line, dependencies: dependencies(model, scope), description, diagnostics });
    }
}

/** What the model's lowering reads from outside the model: the constants it names. */
function dependencies(model: Model, scope: EvaluationScope): string {
    const names = new Set(constantRefsIn(model).map(ref => ref.constant.$refText));
    const parts: string[] = [];
    for (const name of names) {
        if (scope.constants.has(name)) {
            const value = scope.constants.get(name);
            parts.push(`${name}=${value === undefined ? '?' : `${typeof value}:${formatValue(value)}`}`);
        } else if (scope.allConstants.has(name)) {
            parts.push(`${name}@${scope.allConstants.get(name)}`);
        } else {
            parts.push(`${name}!${[...scope.constants.keys()].join(',')}`);
        }
    }
    return parts.join('\n');
}
