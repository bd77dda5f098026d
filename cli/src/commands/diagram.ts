/**
 * `rnn-lens diagram FILE [--model NAME] [--out FILE.svg] [--theme light|dark]`: the model's
 * layer stack as an SVG, like Keras's plot_model(show_shapes=True, show_layer_activations=True).
 * On stdout without --out; the same bytes either way.
 */
import { writeFileSync } from 'node:fs';
import { modelDiagramSvg, THEME_NAMES, isThemeName } from '../../../language/src/index.js';
import { CliError, analyzeFile, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';
import { errorExitCode, selectOneModel } from './select-models.js';

export function runDiagram(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, model: { type: 'string' }, out: { type: 'string' }, theme: { type: 'string' } });
    const file = singleFile(positionals);
    const theme = values.theme ?? 'light';
    if (!isThemeName(theme)) throw new CliError(`--theme must be ${THEME_NAMES.join(' or ')}, not "${theme}".`);
    const analysis = analyzeFile(file, { keras: kerasOption(values.keras) });
    const svg = modelDiagramSvg(selectOneModel(analysis, values.model, file), analysis.diagnostics, theme);
    if (values.out === undefined) {
        io.out(svg.trimEnd()); // io.out ends the line itself
    } else {
        try {
            writeFileSync(values.out, svg);
        } catch (error) {
            throw new CliError(`cannot write "${values.out}": ${(error as Error).message}`);
        }
    }
    return errorExitCode(analysis);
}
