// @tokens-kit/simulator in a browser (the package's "browser" condition): the in-process simulator
// — a WHATWG fetch, no port — to back msw's service-worker handlers in a page. Nothing here reaches
// a Node built-in; a port and a state file need Node (index.ts).
import { assemble, type Simulator, type SimulatorOptions } from './simulator.js';

/** A simulator in this page: state, rules and the handler, served by a fetch. */
export function createSimulator(options: Omit<SimulatorOptions, 'stateFile' | 'host' | 'port'> = {}): Simulator {
  if ('stateFile' in options) throw new Error('stateFile needs Node: a browser simulator keeps its state in memory');
  return assemble(options).simulator;
}

export { DEFAULT_MAX_BODY_BYTES, type Simulator, type SimulatorOptions } from './simulator.js';
export { ManualClock, type Clock } from './clock.js';
export { observedPlays, simulatorProfiles, type DeviationPlay, type SimulatorProfile } from './profiles.js';
export { checkFault, FaultError, Faults, faultSchema, type Fault } from './faults.js';
