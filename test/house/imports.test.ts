/**
 * The house rules (docs/architecture.md, scripts/house/parts.mjs) hold for every source file of
 * the repository, the checker catches each kind of break, and the codemod that mends deep
 * imports (scripts/house-imports.mjs) is right and idempotent, on small repositories made here.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES, Repo, rewriteImports, violations } from '../../scripts/house/api.mjs';
import { ROOT } from '../helpers/ensure-built.js';

/** Reading every source file of the repository takes seconds on a busy machine. */
const WHOLE_REPO = 120_000;

describe('the repository', () => {
    let repo: Repo;
    beforeAll(() => {
        repo = new Repo(ROOT);
    });

    it('breaks no import rule', () => {
        const broken = violations(repo);
        expect(broken, `imports that break the house rules (node scripts/house-imports.mjs mends deep imports):\n${broken.join('\n')}`).toEqual([]);
    }, WHOLE_REPO);

    it('has every public entry', () => {
        for (const { file } of ENTRIES) expect(repo.files, file).toContain(file);
    });

    it("keeps the core entry and training's free of parsers, the LSP and Node at run time (the panel and its worker take them)", () => {
        const heavy = (p: string) => /^(langium|chevrotain|@lezer\/|vscode-languageserver|vscode-jsonrpc|vscode$|node:)/.test(p) || ['fs', 'path', 'os', 'child_process'].includes(p);
        expect([...repo.runtimePackages('language/src/index.ts')].filter(heavy)).toEqual([]);
        expect([...repo.runtimePackages('training/src/index.ts')].filter(heavy)).toEqual([]);
    }, WHOLE_REPO);
});

/** A repository of the given files under a temporary folder. */
function makeRepo(files: Record<string, string>): Repo {
    const root = mkdtempSync(join(tmpdir(), 'house-'));
    made.push(root);
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(root, dirname(file)), { recursive: true });
        writeFileSync(join(root, file), text);
    }
    return new Repo(root, Object.keys(files));
}

const made: string[] = [];
afterEach(() => {
    for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Each entry of ENTRIES, empty: what the small repositories start from. */
const emptyEntries = Object.fromEntries(ENTRIES.map(e => [e.file, '']));

describe('the import rules', () => {
    it('name the file, the line and the import of each break', () => {
        const repo = makeRepo({
            ...emptyEntries,
            'language/src/a.ts': "import { x } from '../../training/src/index.js';\n",
            'language/src/b.ts': "\nimport * as vscode from 'vscode';\n",
            'language/src/tf.ts': "import type * as tfjs from '@tensorflow/tfjs';\nimport * as tf from '@tensorflow/tfjs';\n",
            'training/src/c.ts': "import { window } from 'vscode';\n",
            'webview/src/panel/d.ts': "import { fmt } from '../../../cli/src/progress-bar.js';\nimport { parse } from '../../../language/src/parse.js';\nimport { LangiumParser } from 'langium';\n",
            'cli/src/e.ts': "import { formatCount } from '../../language/src/catalog/numbers.js';\nimport { y } from '../../language/src/index.js';\n",
            'cli/src/progress-bar.ts': 'export const fmt = 1;\n',
            'language/src/catalog/numbers.ts': 'export const formatCount = 1;\n',
            'test/f.test.ts': "import { formatCount } from '../language/src/catalog/numbers.js';\n"
        });
        const broken = violations(repo);
        const at = (prefix: string) => broken.filter(v => v.startsWith(prefix));
        expect(at('language/src/a.ts:1:')).toEqual([expect.stringContaining("import '../../training/src/index.js'")]);
        expect(at('language/src/b.ts:2:')).toEqual([expect.stringContaining('must not import vscode')]);
        // The catalog may name tfjs's types; only a run-time import breaks the rule.
        expect(at('language/src/tf.ts')).toEqual([expect.stringMatching(/^language\/src\/tf\.ts:2: .*@tensorflow/)]);
        expect(at('training/src/c.ts:1:')).toEqual([expect.stringContaining('must not import vscode')]);
        expect(at('webview/src/panel/d.ts:1:')).toEqual([expect.stringContaining('may not import cli/')]);
        expect(at('webview/src/panel/d.ts:2:')).toEqual([expect.stringContaining("may not import language/'s entry language/src/parse.ts")]);
        expect(at('webview/src/panel/d.ts:3:')).toEqual([expect.stringContaining('must not import langium')]);
        expect(at('cli/src/e.ts:1:')).toEqual([expect.stringContaining('is inside language/')]);
        expect(at('cli/src/e.ts:2:')).toEqual([]);
        expect(at('test/')).toEqual([]);
        expect(broken).toHaveLength(8);
    });
});

describe('the codemod', () => {
    const files = {
        ...emptyEntries,
        'language/src/index.ts': "export * from './catalog/numbers.js';\nexport * from './model/values.js';\n",
        'language/src/catalog/numbers.ts': 'export function formatCount(n: number): string { return String(n); }\nexport type Count = number;\n',
        'language/src/model/values.ts': 'export type Value = number;\n',
        'language/src/diagram/theme.ts': "export type ThemeName = 'light' | 'dark';\n",
        'language/src/keras/export-target.ts': "export type ExportTarget = 'keras';\nexport const isExportTarget = () => true;\n",
        'training/src/export.ts': "export * from './export/export-code.js';\n",
        'training/src/export/export-code.ts': 'export function exportModelCode(): string { return ""; }\n',
        'cli/src/commands/summary.ts': [
            "import { formatCount, type Count } from '../../../language/src/catalog/numbers.js';",
            "import type { Value } from '../../../language/src/model/values.js';",
            "import type { ThemeName } from '../../../language/src/diagram/theme.js';",
            "import { exportModelCode, isExportTarget } from '../../../language/src/keras/export-code.js';",
            "export { formatCount as count } from '../../../language/src/catalog/numbers.js';",
            'export const x: [Count, Value, ThemeName] = [formatCount(1).length, 1, "light"];',
            ''
        ].join('\n'),
        'bench/suite.ts': "import { formatCount } from '../language/src/catalog/numbers';\n",
        'test/unit.test.ts': "import { formatCount } from '../language/src/catalog/numbers.js';\n"
    };

    it('imports public entries instead of internals, follows moved files, and adds what an entry lacks', () => {
        const repo = makeRepo(files);
        const { problems } = rewriteImports(repo);
        expect(problems).toEqual([]);
        expect(repo.texts.get('cli/src/commands/summary.ts')).toBe([
            "import { formatCount, type Count, type Value, type ThemeName, isExportTarget } from '../../../language/src/index.js';",
            "import { exportModelCode } from '../../../training/src/export.js';",
            "export { formatCount as count } from '../../../language/src/index.js';",
            'export const x: [Count, Value, ThemeName] = [formatCount(1).length, 1, "light"];',
            ''
        ].join('\n'));
        // A new file is added to its part's entry, beside the files of its folder or at the end.
        expect(repo.texts.get('language/src/index.ts')).toBe([
            "export * from './catalog/numbers.js';",
            "export * from './model/values.js';",
            '',
            "export * from './diagram/theme.js';",
            '',
            "export * from './keras/export-target.js';",
            ''
        ].join('\n'));
        // The specifier keeps its style (no suffix here); tests keep their internal imports.
        expect(repo.texts.get('bench/suite.ts')).toBe("import { formatCount } from '../language/src/index';\n");
        expect(repo.texts.has('test/unit.test.ts')).toBe(false);
        expect(violations(repo)).toEqual([]);
    });

    it('changes nothing the second time', () => {
        const repo = makeRepo(files);
        rewriteImports(repo);
        for (const [file, text] of repo.texts) writeFileSync(join(repo.root, file), text);
        const again = new Repo(repo.root, Object.keys(files));
        expect(rewriteImports(again)).toEqual({ changes: [], problems: [] });
        expect(readFileSync(join(repo.root, 'language/src/index.ts'), 'utf8')).toContain("export * from './diagram/theme.js';");
    });

    it('resolves merge conflicts that lie only in imports, and reads moved files as their branch wrote them', () => {
        const repo = makeRepo({
            ...emptyEntries,
            'language/src/index.ts': "export * from './catalog/numbers.js';\n",
            'language/src/catalog/numbers.ts': 'export const formatCount = 1;\nexport type Count = number;\n',
            // Moved from language/src/keras/ by the house branch; the other branch's imports are relative to the old place.
            'training/src/export/export-keras.ts': [
                '<<<<<<< HEAD',
                "import { formatCount } from '../catalog/numbers.js';",
                "import type { Count } from '../catalog/numbers.js';",
                '=======',
                "import { formatCount } from '../../../language/src/index.js';",
                '>>>>>>> house',
                'export const n: Count = formatCount;',
                ''
            ].join('\n'),
            'cli/src/a.ts': '<<<<<<< HEAD\nexport const a = 1;\n=======\nexport const a = 2;\n>>>>>>> house\n'
        });
        const { problems } = rewriteImports(repo);
        expect(repo.texts.get('training/src/export/export-keras.ts')).toBe(
            "import { formatCount, type Count } from '../../../language/src/index.js';\nexport const n: Count = formatCount;\n"
        );
        expect(problems).toEqual(['cli/src/a.ts: 1 merge conflict beyond imports, for a person to resolve']);
        expect(repo.texts.has('cli/src/a.ts')).toBe(false);
    });

    it('takes out of the entries the files a branch deleted or renamed', () => {
        const repo = makeRepo({
            ...emptyEntries,
            'training/src/index.ts': "export * from './train/progress.js';\nexport * from './train/gone.js';\nexport * from './report/numbers.js';\n",
            'training/src/train/progress.ts': 'export const p = 1;\n',
            'training/src/report/numbers.ts': 'export const n = 1;\n'
        });
        const { changes, problems } = rewriteImports(repo);
        expect(problems).toEqual([]);
        expect(changes).toEqual(['training/src/index.ts: - ./train/gone.js (no such file any more)']);
        expect(repo.texts.get('training/src/index.ts')).toBe("export * from './train/progress.js';\nexport * from './report/numbers.js';\n");
    });

    it('reports what it cannot mend: a name two files of an entry export, an import a part may not make', () => {
        const repo = makeRepo({
            ...emptyEntries,
            'language/src/index.ts': "export * from './catalog/numbers.js';\n",
            'language/src/catalog/numbers.ts': 'export const formatCount = 1;\n',
            'language/src/other/numbers.ts': 'export const formatCount = 2;\n',
            'language/src/lsp/requests.ts': 'export const MODELS = 1;\n',
            'cli/src/a.ts': "import { formatCount } from '../../language/src/other/numbers.js';\n",
            'webview/src/b.ts': "import { MODELS } from '../../language/src/lsp/requests.js';\n"
        });
        const { problems } = rewriteImports(repo);
        expect(problems).toEqual([
            expect.stringMatching(/^cli\/src\/a\.ts:1: .*language\/src\/index\.ts already exports formatCount from elsewhere/),
            expect.stringMatching(/^webview\/src\/b\.ts:1: .*belongs behind language\/src\/lsp\.ts, which webview\/ may not import/)
        ]);
        expect(repo.texts.has('cli/src/a.ts')).toBe(false);
    });
});
