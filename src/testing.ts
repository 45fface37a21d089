/**
 * `@jetonomy/analytics/testing`: the data-source contract suite for authors of
 * `AnalyticsDataSource` implementations. DOM-free and test-framework-free.
 */
export { runDataSourceContract, formatContractFailures, type ContractOptions, type ContractResult, type ContractFailure } from './testing/contract.js';
export { StaticSnapshotSource } from './testing/static-snapshot-source.js';
