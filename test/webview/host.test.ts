/**
 * The host side of the training panel, without VS Code: the panel's HTML with its strict
 * Content-Security-Policy, and the resolution of `data(path=...)` that refuses what lies
 * outside the workspace folders.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, panelHtml, type PanelResources } from '../../webview/src/host/panel-html.js';
import { resolveDataPath } from '../../webview/src/host/workspace-path.js';

const csp = 'https://file+.vscode-resource.vscode-cdn.net';
const resources: PanelResources = {
    cspSource: csp,
    nonce: 'abcDEF0123456789abcDEF0123456789',
    scriptUri: `${csp}/ext/out/webview/panel.js`,
    styleUri: `${csp}/ext/out/webview/panel.css`,
    workerUri: `${csp}/ext/out/webview/train-worker.js`,
    wasmFolderUri: `${csp}/ext/out/webview`,
    title: 'Train <TempForecast>'
};

describe('the panel HTML', () => {
    const html = panelHtml(resources);
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(policy.split(';').map(d => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

    it('has a strict Content-Security-Policy: nothing by default, scripts by nonce, wasm compilation, blob workers, local resources', () => {
        expect(directives).toEqual({
            'default-src': ["'none'"],
            'script-src': [`'nonce-${resources.nonce}'`, "'wasm-unsafe-eval'"],
            'worker-src': ['blob:'],
            'connect-src': [csp],
            'style-src': [csp],
            'img-src': [csp],
            'font-src': [csp]
        });
        expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'|\*|https?:\/\/(?!file\+)/);
        expect(contentSecurityPolicy(csp, 'n')).toBe(policy.replace(resources.nonce, 'n'));
    });

    it('loads only its own script (with the nonce) and style, and tells the page where the worker and the wasm files are', () => {
        expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script nonce="${resources.nonce}" src="${resources.scriptUri}">`]);
        expect(html).toContain(`<link rel="stylesheet" href="${resources.styleUri}">`);
        expect(html).toContain(`data-worker-uri="${resources.workerUri}"`);
        expect(html).toContain(`data-wasm-folder-uri="${resources.wasmFolderUri}/"`);
        expect(html).not.toMatch(/\sstyle=|\son\w+=/);
    });

    it('escapes what it puts into the page', () => {
        expect(html).toContain('<title>Train &lt;TempForecast&gt;</title>');
        const evil = panelHtml({ ...resources, scriptUri: 'x" onload="alert(1)' });
        expect(evil).toContain('src="x&quot; onload=&quot;alert(1)"');
    });

    it('refuses a weak nonce; makes strong ones', () => {
        expect(() => panelHtml({ ...resources, nonce: 'short' })).toThrow(/nonce/);
        expect(() => panelHtml({ ...resources, nonce: "abc'; script-src *; x'0123456789" })).toThrow(/nonce/);
        const nonces = new Set(Array.from({ length: 50 }, createNonce));
        expect(nonces.size).toBe(50);
        for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
    });
});

describe('data(path=...) in the workspace', () => {
    const rnn = 'file:///home/me/project/models/weather.rnn';
    const folders = ['file:///home/me/project'];

    it('resolves a path relative to the .rnn file\'s folder', () => {
        expect(resolveDataPath(rnn, 'data/seattle.csv', folders)).toEqual({ ok: true, uri: 'file:///home/me/project/models/data/seattle.csv' });
        expect(resolveDataPath(rnn, './data/../data/seattle.csv', folders)).toEqual({ ok: true, uri: 'file:///home/me/project/models/data/seattle.csv' });
        expect(resolveDataPath(rnn, '../shared/a.csv', folders)).toEqual({ ok: true, uri: 'file:///home/me/project/shared/a.csv' });
        expect(resolveDataPath(rnn, 'data\\windows style.csv', folders)).toEqual({ ok: true, uri: 'file:///home/me/project/models/data/windows%20style.csv' });
    });

    it('takes an absolute path inside the workspace', () => {
        expect(resolveDataPath(rnn, '/home/me/project/a.csv', folders)).toEqual({ ok: true, uri: 'file:///home/me/project/a.csv' });
        expect(resolveDataPath(rnn, '/home/me/other/a.csv', [...folders, 'file:///home/me/other'])).toEqual({ ok: true, uri: 'file:///home/me/other/a.csv' });
    });

    it('refuses paths outside the workspace folders, saying where they lead', () => {
        const outside = resolveDataPath(rnn, '../../secrets.csv', folders);
        expect(outside).toEqual({ ok: false, message: 'The data file "../../secrets.csv" resolves to /home/me/secrets.csv, outside the workspace (/home/me/project): RNN Lens reads data files only inside the workspace folders.' });
        expect(resolveDataPath(rnn, '/etc/passwd', folders).ok).toBe(false);
        expect(resolveDataPath(rnn, '../../../../../../etc/passwd', folders).ok).toBe(false);
        // A sibling folder whose name starts like the workspace's is not inside it.
        expect(resolveDataPath(rnn, '/home/me/project-old/a.csv', folders).ok).toBe(false);
    });

    it('refuses URLs, empty paths, and everything when no folder is open', () => {
        expect(resolveDataPath(rnn, 'https://example.com/a.csv', folders)).toMatchObject({ ok: false, message: expect.stringMatching(/is a URL: .* never from the network/) });
        expect(resolveDataPath(rnn, '  ', folders)).toMatchObject({ ok: false, message: expect.stringMatching(/is empty/) });
        expect(resolveDataPath(rnn, 'data/a.csv', [])).toMatchObject({ ok: false, message: expect.stringMatching(/no workspace folder is open/) });
    });

    it('compares Windows paths without case, and keeps other schemes (remote, web) to their own authority', () => {
        expect(resolveDataPath('file:///c%3A/Users/me/proj/m.rnn', 'C:\\Users\\me\\proj\\data\\a.csv', ['file:///C%3A/Users/Me/Proj'])).toMatchObject({ ok: true });
        expect(resolveDataPath('file:///c%3A/Users/me/proj/m.rnn', 'D:\\a.csv', ['file:///c%3A/Users/me/proj']).ok).toBe(false);
        const remote = 'vscode-remote://ssh-remote+box/home/me/p/m.rnn';
        expect(resolveDataPath(remote, 'a.csv', ['vscode-remote://ssh-remote+box/home/me/p'])).toEqual({ ok: true, uri: 'vscode-remote://ssh-remote%2Bbox/home/me/p/a.csv' });
        expect(resolveDataPath(remote, 'a.csv', ['vscode-remote://ssh-remote+other/home/me/p']).ok).toBe(false);
        expect(resolveDataPath(remote, 'a.csv', ['file:///home/me/p']).ok).toBe(false);
    });
});
