// The simulator's dispatch is a table with one handler per operation of the spec, checked by the
// compiler (this file is type-checked by the package's typecheck task): an operation without a
// handler does not compile, and only authorized operations are handed the caller's authority.
import type { OperationId } from '@tokens-kit/types';
import { expectTypeOf } from 'vitest';
import type { Handlers } from '../src/simulator.js';

expectTypeOf<keyof Handlers>().toEqualTypeOf<OperationId>();

// @ts-expect-error — a table missing an operation's handler is not a Handlers table.
export const missingOne: Handlers = {} as Omit<Handlers, 'listScopes'>;

// retrieve is `security: []` in the spec: its handler gets the request alone; the others also get the authority.
expectTypeOf<Parameters<Handlers['retrieveToken']>['length']>().toEqualTypeOf<1>();
expectTypeOf<Parameters<Handlers['listTokens']>['length']>().toEqualTypeOf<2>();
expectTypeOf<Parameters<Handlers['deleteToken']>['length']>().toEqualTypeOf<2>();
