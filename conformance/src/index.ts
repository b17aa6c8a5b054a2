export { catalogue } from './catalogue.js';
export type { Behaviour, Step, Scope } from './catalogue-types.js';
export { runBehaviour, notApplicable, plannedRequests, estimateRequests, noteTag, NOTE_TAG_PREFIX, type BehaviourResult, type PlannedRequest, type Status } from './runner.js';
export { runTarget, newRunId, type RunOptions } from './run.js';
export { mockTarget, simulatorTarget, liveTarget, startPrism, checkBaseUrl, freePort, type Target, type Capability, type PrismProcess } from './targets.js';
export { cleanupTagged, isSuiteToken } from './cleanup.js';
export { TargetClient, type Answer } from './client.js';
export { redact, redactToken, redactValue } from './redact.js';
export { table, summary, writeJsonReport } from './report.js';
