/**
 * package.json's contributions agree with the code that gives them meaning: the settings with
 * what the server and the training panel read, the commands with what the extension registers
 * and the server's CodeLens invokes, the request names with the server's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, COMMANDS, EXPLAIN_SCHEME, LANGUAGE_ID, SUMMARY_SCHEME } from '../../client/src/common/command-ids.js';
import { SUMMARY_REQUEST_NAME } from '../../client/src/common/server-requests.js';
import { MODEL_COMMANDS } from '../../language/src/lsp/code-lens.js';
import { PYTHON_MODEL_COMMANDS } from '../../language/src/lsp/python/python-features.js';
import { SUMMARY_REQUEST } from '../../language/src/lsp/custom-requests.js';
import { DEFAULT_INLAY_HINT_SETTINGS, DIAGNOSTICS_SETTING, KERAS_AUTO, KERAS_SETTING, kerasSetting, SETTINGS_SECTION } from '../../language/src/lsp/settings.js';
import { DEFAULT_KERAS_VERSION, effectiveKerasVersion, KERAS_VERSIONS } from '../../language/src/model/keras-version.js';
import { DIAGNOSTIC_LEVELS } from '../../language/src/analysis/diagnostic-levels.js';
import { DIAGNOSTIC_CODES } from '../../language/src/model/diagnostic.js';
import { BACKENDS } from '../../webview/src/protocol/host-messages.js';
import { ROOT } from '../helpers/ensure-built.js';

interface SettingSchema { type: string; default: unknown; enum?: unknown[]; description?: string; markdownDescription?: string }

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const settings = pkg.contributes.configuration.properties as Record<string, SettingSchema>;
const contributedCommands = (pkg.contributes.commands as { command: string; title: string; category: string }[]);

/** The settings under `rnnLens.<group>.`, without the prefix. */
function group(name: string): Record<string, SettingSchema> {
    const prefix = `${SETTINGS_SECTION}.${name}.`;
    return Object.fromEntries(Object.entries(settings).filter(([key]) => key.startsWith(prefix)).map(([key, s]) => [key.slice(prefix.length), s]));
}

describe('settings', () => {
    it('declares exactly the inlay-hint settings the server reads, with the server\'s defaults', () => {
        const declared = Object.fromEntries(Object.entries(group('inlayHints')).map(([key, s]) => [key, s.default]));
        expect(declared).toEqual(DEFAULT_INLAY_HINT_SETTINGS);
        for (const s of Object.values(group('inlayHints'))) expect(s.type).toBe(typeof DEFAULT_INLAY_HINT_SETTINGS.shapes);
    });

    it('offers the training backends the training panel accepts, `auto` by default', () => {
        const backend = group('training').backend;
        expect([...(backend.enum ?? [])].sort()).toEqual([...BACKENDS].sort());
        expect(backend.default).toBe('auto');
    });

    it('declares rnnLens.diagnostics with every diagnostic code and every level the server reads', () => {
        const setting = settings[`${SETTINGS_SECTION}.${DIAGNOSTICS_SETTING}`] as SettingSchema & { propertyNames: { enum: string[] }; additionalProperties: { enum: string[] } };
        expect(setting.type).toBe('object');
        expect(setting.default).toEqual({});
        expect([...setting.propertyNames.enum].sort()).toEqual([...DIAGNOSTIC_CODES].sort());
        expect(setting.additionalProperties.enum).toEqual([...DIAGNOSTIC_LEVELS]);
    });

    it('has no setting that nothing reads', () => {
        const read = [
            ...Object.keys(DEFAULT_INLAY_HINT_SETTINGS).map(key => `${SETTINGS_SECTION}.inlayHints.${key}`),
            `${SETTINGS_SECTION}.${DIAGNOSTICS_SETTING}`,
            `${SETTINGS_SECTION}.training.backend`,
            `${SETTINGS_SECTION}.training.defaultEpochs`,
            `${SETTINGS_SECTION}.${KERAS_SETTING}`,
            // vscode-languageclient reads `<client id>.trace.server`.
            `${CLIENT_ID}.trace.server`
        ];
        expect(Object.keys(settings).sort()).toEqual(read.sort());
    });

    it('offers "auto" (each file\'s own version, else Keras 3) by default, then the Keras versions the analysis knows', () => {
        const keras = settings[`${SETTINGS_SECTION}.${KERAS_SETTING}`];
        expect(keras.enum).toEqual([KERAS_AUTO, ...KERAS_VERSIONS.map(String)]);
        expect(keras.default).toBe(KERAS_AUTO);
        expect(kerasSetting({ [KERAS_SETTING]: keras.default })).toBeUndefined();
        for (const version of KERAS_VERSIONS) expect(kerasSetting({ [KERAS_SETTING]: String(version) })).toBe(version);
        expect(effectiveKerasVersion(undefined, kerasSetting({ [KERAS_SETTING]: keras.default }))).toBe(DEFAULT_KERAS_VERSION);
    });

    it('describes every setting, and each default is one of its allowed values', () => {
        for (const [key, s] of Object.entries(settings)) {
            expect((s.markdownDescription ?? s.description ?? '').length, key).toBeGreaterThan(20);
            if (s.enum) expect(s.enum, key).toContain(s.default);
        }
        expect(group('training').defaultEpochs).toMatchObject({ type: 'integer', minimum: 1 });
    });
});

describe('commands', () => {
    it('contributes exactly the commands the extension registers, each titled in the RNN Lens category', () => {
        expect(contributedCommands.map(c => c.command).sort()).toEqual(Object.values(COMMANDS).sort());
        for (const c of contributedCommands) {
            expect(c.category, c.command).toBe('RNN Lens');
            expect(c.title.length, c.command).toBeGreaterThan(3);
        }
    });

    it('has titles the issue names in the Command Palette', () => {
        const title = (id: string) => contributedCommands.find(c => c.command === id)?.title;
        expect(title(COMMANDS.train)).toBe('Train Model');
        expect(title(COMMANDS.showSummary)).toBe('Show Summary');
        expect(title(COMMANDS.exportKeras)).toBe('Export to Keras');
        expect(title(COMMANDS.stopTraining)).toBe('Stop Training');
        expect(title(COMMANDS.restartServer)).toBe('Restart Language Server');
        expect(title(COMMANDS.importKeras)).toBe('Import from Keras');
        expect(title(COMMANDS.explain)).toBe('Explain Model');
        expect(title(COMMANDS.showDiagram)).toBe('Show Diagram');
    });

    it('offers Explain, Diagram and Export in the .rnn editor\'s title menu (its "..."), and on a summary\'s title bar', () => {
        const entries = pkg.contributes.menus['editor/title'] as { command: string; when: string; group: string }[];
        for (const command of [COMMANDS.explain, COMMANDS.showDiagram, COMMANDS.exportKeras]) {
            const entry = entries.find(e => e.command === command && e.when === `resourceLangId == ${LANGUAGE_ID}`);
            expect(entry?.group, command).toMatch(/^rnnLens@\d$/);
        }
        const onSummary = entries.filter(e => e.when === `resourceScheme == ${SUMMARY_SCHEME}`).map(e => e.command);
        expect(onSummary.sort()).toEqual([COMMANDS.explain, COMMANDS.showDiagram].sort());
        for (const command of onSummary) expect(contributedCommands.find(c => c.command === command)).toHaveProperty('icon');
    });

    it('offers Import from Keras on Python editors, Python and notebook files, and Jupyter notebooks, and activates on it', () => {
        const menus = pkg.contributes.menus as Record<string, { command: string; when: string }[]>;
        const whenOf = (menu: string) => menus[menu].find(e => e.command === COMMANDS.importKeras)?.when;
        expect(whenOf('editor/context')).toBe('editorLangId == python');
        expect(whenOf('explorer/context')).toBe('resourceExtname == .py || resourceExtname == .ipynb');
        expect(whenOf('notebook/toolbar')).toBe('notebookType == jupyter-notebook');
        expect(whenOf('commandPalette')).toContain('editorLangId == python');
        // The extension starts on .rnn files; a Python file needs the command itself to start it.
        expect(pkg.activationEvents).toContain(`onCommand:${COMMANDS.importKeras}`);
    });

    it('shows the model commands in the Command Palette where they have a model to act on', () => {
        const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
        const whenOf = (command: string) => palette.find(e => e.command === command)?.when ?? '';
        for (const command of [COMMANDS.explain, COMMANDS.showDiagram, COMMANDS.exportKeras]) expect(whenOf(command), command).toContain(`editorLangId == ${LANGUAGE_ID}`);
        expect(whenOf(COMMANDS.showDiagram)).toContain(`resourceScheme == ${SUMMARY_SCHEME}`);
        expect(whenOf(COMMANDS.showDiagram)).toContain(`resourceScheme == ${EXPLAIN_SCHEME}`);
    });

    it('registers every command the server\'s CodeLens invokes', () => {
        for (const { command } of MODEL_COMMANDS) expect(Object.values(COMMANDS)).toContain(command);
        expect(MODEL_COMMANDS.map(c => c.command)).toEqual(expect.arrayContaining([COMMANDS.explain, COMMANDS.showDiagram, COMMANDS.exportKeras]));
        // Python models: Summary, Explain, Diagram, ▶ Train, and Open as .rnn (the import).
        for (const { command } of PYTHON_MODEL_COMMANDS) expect(Object.values(COMMANDS)).toContain(command);
        expect(PYTHON_MODEL_COMMANDS.map(c => c.command)).toEqual([COMMANDS.showSummary, COMMANDS.explain, COMMANDS.showDiagram, COMMANDS.train, COMMANDS.importKeras]);
    });

    it('activates on Python files and Jupyter notebooks, whose models the server reads', () => {
        expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:python', 'onNotebook:jupyter-notebook']));
    });

    it('puts Train in the title bar of .rnn editors only, with an icon', () => {
        const entries = pkg.contributes.menus['editor/title'] as { command: string; when: string; group: string }[];
        expect(entries).toContainEqual({ command: COMMANDS.train, when: `resourceLangId == ${LANGUAGE_ID}`, group: 'navigation' });
        expect(contributedCommands.find(c => c.command === COMMANDS.train)).toHaveProperty('icon');
    });

    it('walks through commands that exist', () => {
        const descriptions = (pkg.contributes.walkthroughs as { steps: { description: string }[] }[]).flatMap(w => w.steps.map(s => s.description));
        const linked = descriptions.flatMap(d => [...d.matchAll(/\(command:([\w.]+)/g)].map(m => m[1]));
        expect(linked.length).toBeGreaterThan(0);
        for (const command of linked) expect(Object.values(COMMANDS)).toContain(command);
    });
});

describe('the extension and the server', () => {
    it('name the summary request alike', () => {
        expect(SUMMARY_REQUEST_NAME).toBe(SUMMARY_REQUEST);
    });

    it('declare the same language id', () => {
        expect(pkg.contributes.languages.map((l: { id: string }) => l.id)).toEqual([LANGUAGE_ID]);
        const langium = JSON.parse(readFileSync(join(ROOT, 'langium-config.json'), 'utf8'));
        expect(langium.languages.map((l: { id: string }) => l.id)).toEqual([LANGUAGE_ID]);
    });
});
