// The contract between the engine and the step kinds. The engine runs any behaviour through a
// table of step kinds it is handed (composed once, at the top: pipeline.ts); each kind sends its
// requests through a runtime and states its findings; judging is handed in the same way.
import type { ContractValidator } from '@tokens-kit/contract/validator';
import type { DeviationId, OperationId } from '@tokens-kit/types';
import type { OutgoingRequest, Step, StepContext, StepKind } from './behaviour.js';
import type { Exchange } from './exchange.js';
import type { ClassifiedFinding, Finding, StepFinding } from './findings.js';
import type { FoundCase } from './result.js';
import type { PlanTarget, Target } from './target.js';

/** Sends one request to the target (budget, 429 waits, curl lines): the engine's HTTP. */
interface TargetSender {
  send(
    request: {
      method: string;
      path: string;
      query?: Record<string, string | number | boolean | undefined>;
      token: string | null;
      body?: unknown;
    },
    expect429?: boolean,
  ): Promise<Exchange>;
  /** Requests sent so far. */
  readonly sent: number;
}

/** What a step runs with: the target, and the behaviour's state. */
export interface BehaviourRuntime {
  target: Target;
  validator: ContractValidator;
  context: StepContext;
  /** The target's HTTP, for a request a step addresses itself (a page a `Link` names): counted, paced, not tracked. */
  http: TargetSender;
  /** Sends a documented operation's request (tracking created tokens and secrets, recording coverage). */
  send(request: OutgoingRequest): Promise<Exchange>;
  /** Sends a request to another account of the target's (the rate-limit probe), counted with the run's. */
  sendElsewhere(baseUrl: string, secret: string): TargetSender;
  /** Validates an exchange against the spec for the operation: each error and unknown property is a finding. */
  validate(op: OperationId, stepName: string, exchange: Exchange): void;
  /**
   * Records a finding, classified against the register and the baseline. New drift stops the
   * behaviour (it throws); known or accepted drift is recorded and the step goes on.
   */
  report(finding: StepFinding, exchange: Exchange | undefined): void;
  /** Runs the register's probes on an exchange and counts it for coverage. */
  observe(op: OperationId, stepName: string, exchange: Exchange): void;
  /** What `validate` would report, without reporting it (exploration decides after shrinking). */
  validationFindings(op: OperationId, stepName: string, exchange: Exchange): StepFinding[];
  /** Whether `report` would fail the behaviour on this finding (new drift; any drift with strict). */
  wouldFail(finding: StepFinding, exchange: Exchange): boolean;
  /** Keeps a failure's minimal case for the report and `tokens-conformance replay`. */
  reproduce(found: FoundCase): void;
}

export interface PlannedRequest {
  /** What --dry-run prints. */
  line: string;
  /** How many requests it may become (a walk, the rate-limit probe, shrinking); 1 for one request. */
  atMost: number;
  /** Sent only when an earlier answer calls for it (a clean-up of a token that was created); counted in atMost, not in the count. */
  conditional?: boolean;
  /** A DELETE of a token the behaviour created, sent after its steps. */
  cleanup?: boolean;
}

export interface StepKindDefinition<S extends Step> {
  run(step: S, runtime: BehaviourRuntime): Promise<void>;
  plan(step: S, target: PlanTarget): PlannedRequest[];
}

/** One definition per step kind, typed by the kinds of `Step`: a new kind does not compile until it has both. */
export type StepKindTable = { [K in StepKind]: StepKindDefinition<Extract<Step, { kind: K }>> };

/** How findings are judged: the register's recognisers and the team's baseline (judging/), handed to the engine. */
export interface Judge {
  classify(finding: Finding): ClassifiedFinding;
  /** The register entries an exchange shows that no check fails on. */
  probes(exchange: Exchange, op: OperationId): DeviationId[];
}
