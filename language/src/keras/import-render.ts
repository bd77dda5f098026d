/**
 * The `.rnn` text of an import: constants, models and comments in the order of the code. A
 * constant that a model uses is written before the model even when the code assigns it later,
 * since a `.rnn` model can only use the constants above it.
 */
import type { ImportItem } from './import-translate.js';
import type { BodyLine, ModelItem } from './import-models.js';
import type { LetItem } from './import-values.js';
import { isReservedRnnWord } from './rnn-names.js';

export function renderImport(items: readonly ImportItem[], header: readonly string[]): { text: string; modelNames: string[] } {
    const names = modelNames(items.filter((i): i is ModelItem => i.kind === 'model'));
    const written = new Set<LetItem>();
    const blocks: string[][] = [header.map(line => `# ${line}`)];
    let lets: string[] | undefined;
    const writeLet = (item: LetItem) => {
        if (written.has(item)) return;
        item.refs.forEach(writeLet);
        written.add(item);
        if (!lets) blocks.push(lets = []);
        lets.push(`let ${item.name} = ${item.text}`);
    };
    for (const item of items) {
        if (item.kind === 'let') {
            writeLet(item);
            continue;
        }
        if (item.kind === 'model') item.refs.forEach(writeLet);
        lets = undefined;
        blocks.push(item.kind === 'model' ? modelLines(item, names.get(item)!) : [...item.lines]);
    }
    return { text: `${blocks.filter(b => b.length > 0).map(b => b.join('\n')).join('\n\n')}\n`, modelNames: [...names.values()] };
}

function modelLines(model: ModelItem, name: string): string[] {
    const body: readonly BodyLine[] = [...model.layers, ...(model.statements.compile ?? []), ...(model.statements.fit ?? [])];
    const lines = body.flatMap(line => ('call' in line ? [line.call] : line.comment));
    return [`model ${name} {`, ...lines.map(line => `    ${line}`), '}'];
}

/**
 * Each model is named after its variable (or `Sequential(name=...)`); a name that several
 * models share, or that is a `.rnn` keyword (`model`), is numbered: model_1, model_2, ...
 */
export function modelNames<M extends { readonly pyName: string; readonly explicitName?: string }>(models: readonly M[]): Map<M, string> {
    const base = (m: M) => m.explicitName ?? m.pyName;
    const count = new Map<string, number>();
    for (const m of models) count.set(base(m), (count.get(base(m)) ?? 0) + 1);
    const used = new Set(models.filter(m => count.get(base(m)) === 1 && !isReservedRnnWord(base(m))).map(base));
    const names = new Map<M, string>();
    const next = new Map<string, number>();
    for (const m of models) {
        let name = base(m);
        if (count.get(name)! > 1 || isReservedRnnWord(name)) {
            let n = next.get(name) ?? 1;
            while (used.has(`${name}_${n}`)) n++;
            next.set(name, n + 1);
            name = `${name}_${n}`;
        }
        used.add(name);
        names.set(m, name);
    }
    return names;
}
