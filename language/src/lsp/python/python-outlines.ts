/**
 * `rnnLens/models` for a Python document: the models with their ranges in the client's document.
 * A notebook's model may span cells (`model = Sequential()` in one, `model.add(...)` in the
 * next): each cell gets the models that have lines in it, their ranges clipped to the cell, so
 * that the status bar shows the model under the cursor in whichever cell it is.
 */
import type { DocumentAnalysis } from '../../analysis/types.js';
import { modelOutline, type ModelOutline } from '../custom-requests-models.js';
import type { SourceRange } from '../../model/source.js';
import type { PythonProgram } from './python-program.js';

export function pythonOutlines(program: PythonProgram, analysis: DocumentAnalysis, uri: string): ModelOutline[] {
    const lines = program.linesOf(uri);
    if (!lines) return [];
    const clip = (range: SourceRange): SourceRange => {
        const start = range.start.line < lines.first ? { line: lines.first, character: 0 } : range.start;
        const end = range.end.line > lines.last ? program.lineEnd(lines.last) : range.end;
        return program.toCell({ start, end }).range;
    };
    return analysis.models
        .filter(m => m.description.range.start.line <= lines.last && m.description.range.end.line >= lines.first)
        .map(m => ({ ...modelOutline(m), range: clip(m.description.range), nameRange: clip(m.description.nameRange) }));
}
