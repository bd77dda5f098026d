/**
 * Binds a call's arguments to the callee's signature as Python does: positional arguments in
 * order, then keywords; every problem becomes a diagnostic with the narrowest range and, where
 * one exists, a fix.
 */
import type { ArgSpec, ArgType } from '../catalog/arg-spec.js';
import type { BoundCall } from './description.js';
import { diagnostic, type QuickFix } from './diagnostic.js';
import { checkValue } from './check-value.js';
import { evaluate, type EvaluationScope } from './evaluate.js';
import type { SourceRange } from './source.js';
import type { SyntaxArgument, SyntaxCall } from './syntax.js';
import { didYouMean, suggest } from './suggest.js';
import { formatValue, type Value } from './values.js';

export interface BindOutcome {
    readonly bound: BoundCall;
    /** Arguments of type `layer` written as calls: the wrapper's inner layer, lowered by the caller. */
    readonly nestedLayers: ReadonlyMap<string, SyntaxCall>;
    /** Arguments of type list of `layer` written as a list of calls: StackedRNNCells's cells. */
    readonly nestedLists: ReadonlyMap<string, readonly SyntaxCall[]>;
}

export function bindCall(call: SyntaxCall, signature: readonly ArgSpec[], scope: EvaluationScope): BindOutcome {
    const given: Record<string, Value> = {};
    const order: string[] = [];
    const argRanges: Record<string, SourceRange> = {};
    const valueRanges: Record<string, SourceRange> = {};
    const itemRanges: Record<string, SourceRange[]> = {};
    const nestedLayers = new Map<string, SyntaxCall>();
    const nestedLists = new Map<string, readonly SyntaxCall[]>();
    /** The arguments given by position, to tell "by position and by keyword" from "by keyword twice". */
    const positional = new Set<string>();
    const positionalSpecs = signature.filter(s => !s.keywordOnly);
    let valid = true;
    let positionalIndex = 0;
    let sawKeyword = false;

    for (const argument of call.args) {
        const spec = specFor(argument);
        if (!spec) { valid = false; continue; }
        if (spec.name in given || order.includes(spec.name)) {
            scope.report(diagnostic('duplicate-argument',
                positional.has(spec.name)
                    ? `${call.callee} got "${spec.name}" twice (once by position, once by keyword); Python stops with "got multiple values for argument '${spec.name}'". Keep one.`
                    : `${call.callee} got "${spec.name}" twice; Python stops with "keyword argument repeated: ${spec.name}". Keep one.`,
                argument.range));
            valid = false;
            continue;
        }
        order.push(spec.name);
        if (!argument.keyword) positional.add(spec.name);
        argRanges[spec.name] = argument.range;
        if (!argument.value) { valueRanges[spec.name] = argument.range; valid = false; continue; }
        valueRanges[spec.name] = argument.value.range;
        if (argument.value.kind === 'list' || argument.value.kind === 'group') {
            itemRanges[spec.name] = argument.value.items.map(item => item.range);
        }
        if (isLayerType(spec.type) && argument.value.kind === 'call') nestedLayers.set(spec.name, argument.value.call);
        if (isLayerListType(spec.type) && argument.value.kind === 'list') {
            const calls = argument.value.items.flatMap(item => (item.kind === 'call' ? [item.call] : []));
            if (calls.length === argument.value.items.length) nestedLists.set(spec.name, calls);
        }
        const value = evaluate(argument.value, scope);
        if (value === undefined) { valid = false; continue; }
        const problem = checkValue(spec.type, value);
        if (problem) {
            valid = false;
            const range = argument.value.range;
            const fixes: QuickFix[] = problem.nearest === undefined ? [] : [{
                title: `Change to ${formatValue(problem.nearest)}`,
                edits: [{ range, newText: formatValue(problem.nearest) }],
                preferred: true
            }];
            scope.report(diagnostic('invalid-argument',
                `${call.callee}'s "${spec.name}" must be ${problem.expected}, but it is ${formatValue(value)}.${problem.nearest === undefined ? '' : ` The nearest valid value is ${formatValue(problem.nearest)}.`}`,
                range, fixes));
            continue;
        }
        given[spec.name] = value;
    }

    for (const spec of signature) {
        if (spec.required && !order.includes(spec.name)) {
            valid = false;
            scope.report(missingArgument(call, spec));
        }
    }

    const args: Record<string, Value> = {};
    for (const spec of signature) args[spec.name] = spec.name in given ? given[spec.name] : spec.default;
    const closeParen = call.closeParen;
    const bound: BoundCall = {
        args,
        given: order,
        argRanges,
        valueRanges,
        itemRanges,
        range: call.range,
        nameRange: call.calleeRange,
        syntax: { closeParen, argumentCount: call.args.length, trailingComma: call.trailingComma },
        valid
    };
    return { bound, nestedLayers, nestedLists };

    function specFor(argument: SyntaxArgument): ArgSpec | undefined {
        if (argument.keyword) {
            sawKeyword = true;
            const spec = signature.find(s => s.name === argument.keyword);
            if (!spec) {
                const suggestions = suggest(argument.keyword, signature.map(s => s.name));
                const range = argument.keywordRange ?? argument.range;
                scope.report(diagnostic('unknown-argument',
                    `${call.callee} has no argument "${argument.keyword}".${didYouMean(suggestions)}`,
                    range,
                    suggestions.map((s, i) => ({ title: `Change to "${s}"`, edits: [{ range, newText: s }], preferred: i === 0 }))));
            }
            return spec;
        }
        if (sawKeyword) {
            scope.report(diagnostic('positional-after-keyword',
                `A positional argument cannot follow keyword arguments (Python: "positional argument follows keyword argument"). Write it as name=value or move it before the keywords.`,
                argument.range));
            return undefined;
        }
        const spec = positionalSpecs[positionalIndex++];
        if (!spec) {
            scope.report(diagnostic('invalid-argument',
                `${call.callee} takes at most ${positionalSpecs.length} positional argument${positionalSpecs.length === 1 ? '' : 's'}; give this one by name (name=value).`,
                argument.range));
        }
        return spec;
    }
}

function isLayerType(type: ArgType): boolean {
    return type.kind === 'layer' || (type.kind === 'optional' && isLayerType(type.of)) || (type.kind === 'oneOf' && type.of.some(isLayerType));
}

function isLayerListType(type: ArgType): boolean {
    return (type.kind === 'list' && type.of.kind === 'layer') || (type.kind === 'oneOf' && type.of.some(isLayerListType));
}

/** A placeholder a user can type over, valid for the type, so that the fix leaves no new error. */
export function placeholderFor(spec: ArgSpec): string {
    const type = spec.type.kind === 'optional' ? spec.type.of : spec.type;
    switch (type.kind) {
        case 'int': return String(Math.max(type.min ?? 1, Math.min(32, type.max ?? 32)));
        case 'ints': return '2';
        case 'float': return '0.1';
        case 'bool': return 'True';
        case 'enum': return JSON.stringify(type.values[0]);
        case 'layer': return 'LSTM(32)';
        case 'shape': return '(None, 1)';
        case 'string': return '""';
        case 'python': return '"lambda x: x"';
        default: return 'None';
    }
}

function missingArgument(call: SyntaxCall, spec: ArgSpec) {
    const placeholder = `${spec.name}=${placeholderFor(spec)}`;
    const close = call.closeParen;
    const fixes: QuickFix[] = close === undefined ? [] : [{
        title: `Add ${placeholder}`,
        edits: [{ range: { start: close, end: close }, newText: call.args.length === 0 ? placeholder : call.trailingComma ? ` ${placeholder}` : `, ${placeholder}` }],
        preferred: true
    }];
    return diagnostic('missing-argument',
        `${call.callee} needs "${spec.name}": ${spec.doc} Python stops with "missing 1 required positional argument: '${spec.name}'".`,
        call.calleeRange, fixes);
}
