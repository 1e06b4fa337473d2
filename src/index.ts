// The library entry point: the model, loaders, the evaluator and the query
// engine, for programs that embed netproof rather than run its CLI.
export * from './model/intervals.js';
export * from './model/ip.js';
export * from './model/packet.js';
export * from './model/provenance.js';
export * from './model/diagnostics.js';
export type * from './model/estate.js';
export * from './semantics/evaluate.js';
export type * from './queries/query.js';
export type * from './queries/answer.js';
export * from './model/classes.js';
export { loadEstate, type LoadResult } from './ingest/load.js';
export { parseQueryFiles, parseSelector, parseTraffic, type ParsedQueries } from './queries/parse.js';
export { resolveSelector, type Selection } from './queries/select.js';
export { QueryEngine, type EngineOptions } from './queries/engine.js';
export { ConnSet } from './analysis/connset.js';
export { computeMatrix, type Matrix, type MatrixEntry, type MatrixLevel } from './analysis/matrix.js';
