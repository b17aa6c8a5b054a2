export { startSimulator, DEFAULT_MAX_BODY_BYTES, type RunningSimulator, type SimulatorOptions } from './server.js';
export { ManualClock, type Clock } from './clock.js';
export { decodeToken, mintToken, parseToken, type DecodedToken, type ParsedToken } from './token-format.js';
export type { TokenRecord, TokensState, Account } from './state.js';
