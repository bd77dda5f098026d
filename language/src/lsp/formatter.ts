/**
 * Formatting: one call a line in a model body, indented one level, `{` on the model's line and
 * `}` on its own; `let x = 1`; `LSTM(30, return_sequences=True)`: a space after each comma,
 * none before, none inside brackets, none around a keyword argument's `=`.
 *
 * Line breaks the user chose inside brackets are kept (one argument a line, indented one level
 * more than the call), and so are blank lines between statements (at most one). Comments are
 * hidden tokens: the formatter re-indents whole-line comments and never joins a line onto one.
 */
import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type NodeFormatter } from 'langium/lsp';
import { isArgument, isCall, isConstant, isDocument, isGroup, isKerasTarget, isListExpression, isModel, isBinaryExpression, isUnaryExpression } from '../generated/ast.js';

/** Keeps a blank line where the user has one (collapsing several), else one line break. */
const NEW_LINE_KEEP_BLANK: FormattingAction = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** The same, one indentation level deeper: a statement of a model body. */
const INDENTED_NEW_LINE_KEEP_BLANK: FormattingAction = { options: {}, moves: [{ lines: 1, tabs: 1 }, { lines: 2, tabs: 1 }] };
/** A space on the same line; on a new line, one indentation level deeper. */
const SPACE_OR_CONTINUATION: FormattingAction = { options: {}, moves: [{ characters: 1 }, { lines: 1, tabs: 1 }] };
/** Nothing on the same line; on a new line, one indentation level deeper. */
const NOTHING_OR_CONTINUATION: FormattingAction = { options: {}, moves: [{ characters: 0 }, { lines: 1, tabs: 1 }] };
/** Nothing on the same line; on a new line, the indentation of the enclosing line. */
const NOTHING_OR_NEW_LINE: FormattingAction = { options: {}, moves: [{ characters: 0 }, { lines: 1 }] };

export class RnnFormatter extends AbstractFormatter {
    protected override format(node: AstNode): void {
        if (isDocument(node)) {
            const formatter = this.getNodeFormatter(node);
            node.statements.forEach((statement, index) => {
                if (index > 0) formatter.node(statement).prepend(NEW_LINE_KEEP_BLANK);
            });
        } else if (isConstant(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword('let').append(Formatting.oneSpace());
            formatter.keyword('=').surround(Formatting.oneSpace());
        } else if (isKerasTarget(node)) {
            this.getNodeFormatter(node).keyword('keras').append(Formatting.oneSpace());
        } else if (isModel(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword('model').append(Formatting.oneSpace());
            const open = formatter.keyword('{');
            const close = formatter.keyword('}');
            open.prepend(Formatting.oneSpace());
            // Comments on their own lines inside the body get the body's indentation.
            formatter.interior(open, close).prepend(Formatting.indent());
            close.prepend(Formatting.newLine());
            node.calls.forEach((call, index) => {
                formatter.node(call).prepend(index === 0 ? Formatting.indent() : INDENTED_NEW_LINE_KEEP_BLANK);
            });
        } else if (isCall(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword('(').prepend(Formatting.noSpace());
            this.formatBrackets(formatter, '(', ')', node.args);
        } else if (isGroup(node)) {
            this.formatBrackets(this.getNodeFormatter(node), '(', ')', node.items);
        } else if (isListExpression(node)) {
            this.formatBrackets(this.getNodeFormatter(node), '[', ']', node.items);
        } else if (isArgument(node)) {
            if (node.keyword) this.getNodeFormatter(node).keyword('=').surround(Formatting.noSpace());
        } else if (isBinaryExpression(node)) {
            this.getNodeFormatter(node).property('operator').surround(Formatting.oneSpace());
        } else if (isUnaryExpression(node)) {
            this.getNodeFormatter(node).property('operator').append(Formatting.noSpace());
        }
    }

    /**
     * `(a, b)`: no space inside, a space after each comma; line breaks inside are kept. The
     * continuation indentation is set on each item (a composite node), so that it lasts for the
     * item alone: Langium restores the indentation when it leaves a composite node.
     */
    private formatBrackets(formatter: NodeFormatter<AstNode>, open: string, close: string, items: readonly AstNode[]): void {
        if (items.length === 0) {
            formatter.keyword(open).append(Formatting.noSpace());
            return;
        }
        items.forEach((item, index) => formatter.node(item).prepend(index === 0 ? NOTHING_OR_CONTINUATION : SPACE_OR_CONTINUATION));
        formatter.keywords(',').prepend(Formatting.noSpace());
        formatter.keyword(close).prepend(NOTHING_OR_NEW_LINE);
    }
}
