/**
 * `@jetonomy/analytics/testing`: the data-source contract suite for authors of
 * `AnalyticsDataSource` implementations, and seeded sample communities to
 * feed what they test. DOM-free and test-framework-free.
 */
export { runDataSourceContract, formatContractFailures, type ContractOptions, type ContractResult, type ContractFailure } from './testing/contract.js';
export { StaticSnapshotSource } from './testing/static-snapshot-source.js';
/**
 * A seeded, realistic community as an event stream (deterministic for a
 * seed): `generateCommunity` returns every event, `communityEvents` yields
 * them in chunks of objects and `communityColumns` in chunks of
 * `EventColumns`, for `ingest` / `ingestColumns`. Sample data for demos,
 * tests and benchmarks; the engine never needs it.
 */
export { communityEvents, communityColumns, generateCommunity, type CommunityOptions } from './generator/community.js';
