/**
 * The Node.js file loader of the data pipeline (the only file here that touches node:fs):
 * reads the files that `data(...)` names, relative to the folder of the `.rnn` file.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataError } from './errors.js';
import type { TextLoader } from './dataset.js';

/** A loader for paths relative to `directory`. */
export function directoryLoader(directory: string): TextLoader {
    return (path: string) => {
        const file = resolve(directory, path);
        let isFile: boolean;
        try {
            isFile = statSync(file).isFile();
        } catch {
            throw new DataError({ file: path }, `the data file does not exist (looked for ${file}). Paths are relative to the .rnn file's folder.`);
        }
        if (!isFile) throw new DataError({ file: path }, `this is not a file (${file}).`);
        try {
            return readFileSync(file, 'utf8');
        } catch (error) {
            throw new DataError({ file: path }, `the data file cannot be read (${file}): ${(error as Error).message}`);
        }
    };
}

/** A loader for paths relative to the folder of the `.rnn` file `rnnFile`. */
export function rnnFileLoader(rnnFile: string): TextLoader {
    return directoryLoader(dirname(resolve(rnnFile)));
}
