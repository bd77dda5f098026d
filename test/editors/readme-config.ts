/**
 * The editor configurations exactly as the README gives them: the code blocks of its section
 * "Using the language server from other editors", each found by its language and the file the
 * text before it names (`init.lua`, `languages.toml`, ...). The editor tests write these texts,
 * unchanged, where each editor reads its user's configuration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/ensure-built.js';

const SECTION = '## Using the language server from other editors';

export function readmeConfig(language: string, file: string): string {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(SECTION);
    if (start < 0) throw new Error(`README.md has no section "${SECTION}"`);
    const end = readme.indexOf('\n## ', start + SECTION.length);
    const section = readme.slice(start, end < 0 ? undefined : end);
    const found: string[] = [];
    const block = /```(\w+)\n([\s\S]*?)```/g;
    let last = 0;
    for (let m = block.exec(section); m; m = block.exec(section)) {
        const before = section.slice(last, m.index);
        last = m.index + m[0].length;
        if (m[1] === language && before.includes(file)) found.push(m[2]);
    }
    if (found.length !== 1) throw new Error(`README.md: ${found.length} \`\`\`${language} blocks after a mention of ${file} (one expected)`);
    return found[0];
}
