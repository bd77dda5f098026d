/** The `.rnn` door: Langium's AST nodes → the plain syntax records that lowering reads (syntax.ts). */
import type { Argument, Call, Expression, Model } from '../generated/ast.js';
import { keywordPosition, propertyRange, rangeOf } from './ast-ranges.js';
import type { SyntaxArgument, SyntaxCall, SyntaxExpression, SyntaxModel } from './syntax.js';

export function modelSyntax(model: Model): SyntaxModel {
    const range = rangeOf(model);
    return { name: model.name, range, nameRange: propertyRange(model, 'name'), calls: model.calls.map(callSyntax), bodyStart: range.start };
}

export function callSyntax(call: Call): SyntaxCall {
    return {
        callee: call.callee,
        calleeRange: propertyRange(call, 'callee'),
        range: rangeOf(call),
        args: call.args.map(argumentSyntax),
        closeParen: keywordPosition(call, ')'),
        trailingComma: call.trailingComma
    };
}

function argumentSyntax(argument: Argument): SyntaxArgument {
    return {
        ...(argument.keyword ? { keyword: argument.keyword, keywordRange: propertyRange(argument, 'keyword') } : {}),
        range: rangeOf(argument),
        ...(argument.value ? { value: expressionSyntax(argument.value) } : {})
    };
}

export function expressionSyntax(expr: Expression): SyntaxExpression {
    const range = rangeOf(expr);
    switch (expr.$type) {
        case 'NumberLiteral': return { kind: 'number', text: expr.text, range };
        // Langium's value converter has already removed the quotes and resolved escapes.
        case 'StringLiteral': return { kind: 'string', value: expr.value, range };
        case 'KeywordLiteral': {
            const word = expr.value.toLowerCase();
            return { kind: 'keyword', value: word === 'none' ? null : word === 'true', range };
        }
        case 'ConstantRef': return { kind: 'name', name: expr.constant.$refText, range };
        case 'Group': return { kind: 'group', items: expr.items.map(expressionSyntax), trailingComma: expr.trailingComma, range };
        case 'ListExpression': return { kind: 'list', items: expr.items.map(expressionSyntax), range };
        case 'Call': return { kind: 'call', call: callSyntax(expr), range };
        case 'UnaryExpression': return { kind: 'unary', operator: expr.operator, ...(expr.operand ? { operand: expressionSyntax(expr.operand) } : {}), range };
        case 'BinaryExpression':
            return { kind: 'binary', operator: expr.operator, left: expressionSyntax(expr.left), ...(expr.right ? { right: expressionSyntax(expr.right) } : {}), range };
    }
}
