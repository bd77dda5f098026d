/**
 * The four bundles the .vsix runs need nothing that is not in it: the Node ones require only
 * Node's built-in modules (and the extension `vscode`), the browser ones nothing but `vscode`.
 * A dependency left external by mistake would fail only after installing the .vsix.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The modules a bundle requires at its top level (not `module.require(...)` probes). */
function required(bundle: string): string[] {
    const code = readFileSync(join(ROOT, bundle), 'utf8');
    return [...new Set([...code.matchAll(/(?<![.\w$])require\("([^"]+)"\)/g)].map(m => m[1]))].sort();
}

const builtin = (name: string) => builtinModules.includes(name.replace(/^node:/, ''));

beforeAll(() => ensureBuilt());

describe('bundles', () => {
    it('package.json points at the extension bundles', () => {
        expect(pkg.main).toBe('./out/extension-node.cjs');
        expect(pkg.browser).toBe('./out/extension-browser.js');
    });

    it('the Node extension requires only vscode and Node built-ins', () => {
        const modules = required(pkg.main);
        expect(modules).toContain('vscode');
        expect(modules.filter(m => m !== 'vscode' && !builtin(m))).toEqual([]);
    });

    it('the Node language server requires only Node built-ins (no tfjs, no node_modules)', () => {
        expect(required('out/server-node.cjs').filter(m => !builtin(m))).toEqual([]);
    });

    it('the browser extension requires only vscode, and the browser server nothing', () => {
        expect(required(pkg.browser)).toEqual(['vscode']);
        expect(required('out/server-browser.js')).toEqual([]);
    });

    it('the clients start the server bundles that are built', () => {
        const node = readFileSync(join(ROOT, pkg.main), 'utf8');
        const browser = readFileSync(join(ROOT, pkg.browser), 'utf8');
        expect(node).toContain('out/server-node.cjs');
        expect(browser).toMatch(/"out",\s*"server-browser\.js"/);
    });
});
