// @tokens-kit/simulator for Node: on a port (startSimulator) or in process (createSimulator), with
// a state file where asked. Browsers get browser.ts (the package's "browser" condition).
export { createSimulator, startSimulator } from './server.js';
export { DEFAULT_MAX_BODY_BYTES, type RunningSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
export { ManualClock, type Clock } from './clock.js';
export { mintToken, verifyToken, type VerifiedToken } from './signing.js';
export type { TokenRecord, TokensState, Account } from './state.js';
export { observedPlays, simulatorProfiles, type DeviationPlay, type SimulatorProfile } from './profiles.js';
export { checkFault, FaultError, Faults, faultSchema, type Fault } from './faults.js';
export { StateFileError, type StateSnapshot } from './snapshot.js';
