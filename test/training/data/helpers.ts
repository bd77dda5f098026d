/** Small builders for the data tests: models with only `data` and `compile`, and CSV text. */
import type { ModelDescription, StatementDescription } from '../../../language/src/model/description.js';
import type { Value } from '../../../language/src/model/values.js';
import { DataError } from '../../../training/src/data/errors.js';

export const list = (...items: Value[]): Value => ({ kind: 'list', items });
export const tuple = (...items: Value[]): Value => ({ kind: 'tuple', items });

type ModelData = Pick<ModelDescription, 'data' | 'compile'>;

/** A model with `data(**args)` and, when given, `compile(loss=loss)`. */
export function modelWith(args: Record<string, Value> | undefined, loss?: Value): ModelData {
    const statement = (kind: 'data' | 'compile', a: Record<string, Value>) => ({ kind, args: a } as unknown as StatementDescription);
    return {
        data: args ? statement('data', args) : undefined,
        compile: loss !== undefined ? statement('compile', { loss }) : undefined
    };
}

/** CSV text from a header and rows. */
export function csv(header: string[], rows: (string | number)[][]): string {
    return [header.join(','), ...rows.map(r => r.join(','))].join('\n') + '\n';
}

/** Runs `f`, expects a DataError, returns it. */
export function dataError(f: () => unknown): DataError {
    try {
        f();
    } catch (error) {
        if (error instanceof DataError) return error;
        throw error;
    }
    throw new Error('expected a DataError');
}
