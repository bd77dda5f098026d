/** The text of an Explain Model document: the server's walk-through, or why there is none. Pure, for tests. */
import type { ExplainResult, NoSuchModel } from '../../../language/src/lsp.js';
import type { SummarySource } from '../common/summary-source.js';

export function explainDocumentText(source: SummarySource, result: ExplainResult | NoSuchModel): string {
    if ('error' in result) {
        const others = result.models.length > 0 ? ` Its models: ${result.models.map(m => `\`${m}\``).join(', ')}.` : '';
        return `# \`${source.model}\`\n\nThere is no model named \`${source.model}\` in ${source.document} any more.${others}\n`;
    }
    return result.markdown.endsWith('\n') ? result.markdown : `${result.markdown}\n`;
}
