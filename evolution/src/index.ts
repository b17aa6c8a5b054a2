export {
  causes,
  diffContracts,
  formatChanges,
  locate,
  summarise,
  type Cause,
  type ContractChange,
  type DiffSources,
  type DiffSummary,
  type Severity,
} from './diff.js';
export { sourceLocator, SPEC_ROOT, type ReadSource } from './sources.js';
export { errorRows, kitRules, type KitRule } from './rules.js';
export { gate, packagesReachedBySpec, declaredSince, SPEC_TYPES_PACKAGE, type GateVerdict, type GateCheck } from './changeset-gate.js';
export {
  BUNDLED_SPEC,
  currentDocument,
  defaultBaseRef,
  documentAt,
  readDocument,
  EvolutionError,
  sourcesAt,
  workingSources,
} from './git.js';
export { junitXml, type JunitCase } from './junit.js';
export {
  applyOverlay,
  documentedVsObserved,
  documentedVsObservedHtml,
  type OverlayAction,
  type OverlayDocument,
  type DocumentedVsObserved,
} from './observed.js';
