/**
 * The files of a trained model as the page sends them (`saveModel`: model.json's text and
 * weights.bin in base64, from training/src/save/model-files.ts), checked and turned into bytes
 * for vscode.workspace.fs. The host writes exactly these two names into the folder the user
 * chose; model.json must be a tfjs layers model whose weights are `weights.bin`, or nothing is
 * written. Pure (atob and TextEncoder are in both extension hosts), for tests.
 */
import type { PanelMessage } from '../../../webview/src/index.js';

export type SaveModelMessage = Extract<PanelMessage, { type: 'saveModel' }>;

export interface ModelFile {
    readonly name: 'model.json' | 'weights.bin';
    readonly bytes: Uint8Array;
}

export type ModelFilesResult = { readonly ok: true; readonly files: readonly ModelFile[] } | { readonly ok: false; readonly message: string };

export function tfjsModelFiles(message: SaveModelMessage): ModelFilesResult {
    let json: unknown;
    try {
        json = JSON.parse(message.modelJson);
    } catch (error) {
        return { ok: false, message: `model.json is not JSON (${(error as Error).message}).` };
    }
    const model = json as { modelTopology?: unknown; format?: unknown; weightsManifest?: unknown };
    if (typeof json !== 'object' || json === null || typeof model.modelTopology !== 'object' || model.modelTopology === null) {
        return { ok: false, message: 'model.json has no modelTopology: it is not a tfjs model.' };
    }
    if (model.format !== 'layers-model') return { ok: false, message: 'model.json is not a tfjs layers model (format "layers-model").' };
    const manifest = model.weightsManifest;
    const paths = Array.isArray(manifest) ? manifest.flatMap(group => (typeof group === 'object' && group !== null && Array.isArray(group.paths) ? group.paths : [undefined])) : [undefined];
    if (paths.some(path => path !== 'weights.bin')) return { ok: false, message: 'model.json\'s weightsManifest must name weights.bin only.' };
    let weights: Uint8Array;
    try {
        weights = Uint8Array.from(atob(message.weights), c => c.charCodeAt(0));
    } catch {
        return { ok: false, message: 'weights.bin is not valid base64.' };
    }
    return { ok: true, files: [{ name: 'model.json', bytes: new TextEncoder().encode(message.modelJson) }, { name: 'weights.bin', bytes: weights }] };
}

/** The folder the save dialog offers, beside the .rnn file: `<Model>-tfjs`, in characters every file system takes. */
export function modelFolderName(model: string): string {
    const stem = model.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_').slice(0, 100);
    return `${stem || 'model'}-tfjs`;
}

/** "12.3 KB" */
export function formatBytes(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
