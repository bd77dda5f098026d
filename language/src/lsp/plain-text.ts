/**
 * The hover and completion texts are written once, in Markdown; a client that takes only plain
 * text gets them without the marks it would show literally: `**LSTM**` → `LSTM`, `` `x` `` → `x`,
 * code fences dropped (their lines kept), a table's separator row dropped.
 */
export function markdownToPlainText(markdown: string): string {
    return markdown
        .split('\n')
        .filter(line => !/^\s*```/.test(line) && !/^\s*\|?\s*:?-{3,}/.test(line))
        .map(line => line
            .replace(/\*\*(.+?)\*\*/g, '$1')
            .replace(/`([^`]*)`/g, '$1')
            .replace(/^(\s*)#{1,6}\s+/, '$1'))
        .join('\n');
}
