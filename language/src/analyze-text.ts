/** The whole pipeline for one text: parse, lower, analyse. */
import type { AnalysisOptions } from './analysis/analyze.js';
import { analyzeDescription } from './analysis/analyze.js';
import type { DocumentAnalysis } from './analysis/types.js';
import { describeText } from './describe.js';

export function analyzeText(text: string, options: AnalysisOptions = {}): DocumentAnalysis {
    return analyzeDescription(describeText(text), options);
}
