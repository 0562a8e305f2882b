import type { Call, CallPolicy, Edge, Service } from './entities';

/** A saga step at run time. */
export interface SagaStep {
  step: number;
  edge: Edge;
  action: string;
  compensation: string;
}

/** A saga definition with its counters. */
export class SagaDefinition {
  nameId = -1;
  /** Position in the run's saga list. */
  index = -1;
  actionPolicy!: CallPolicy;
  compensationPolicy!: CallPolicy;
  started = 0;
  completed = 0;
  compensated = 0;
  stuck = 0;
  constructor(
    readonly name: string,
    readonly steps: SagaStep[],
    readonly orchestrated: boolean,
    readonly starter: Service,
    readonly triggers: Set<string> | null,
  ) {}
}

/** One running (or finished) saga instance. */
export class SagaInstance {
  status: 'running' | 'completed' | 'compensating' | 'compensated' | 'stuck' = 'running';
  completedSteps: number[] = [];
  compensatedSteps: number[] = [];
  failedStep: number | undefined = undefined;
  /** A step that timed out: it may have happened, so it is compensated too. */
  uncertainStep: number | undefined = undefined;
  listIndex = -1;
  /** Index of the step whose action or compensation is under way. */
  cursor = 0;
  call: Call | null = null;
  /** Choreography: the participant holding the saga now (where the next message leaves from). */
  at: Service;
  /** Orchestrated: its orchestrator is down; it resumes the current step when it is back. */
  suspended = false;
  constructor(
    readonly id: number,
    readonly def: SagaDefinition,
    readonly correlation: number,
    readonly hop: number,
    readonly cause: number,
  ) {
    this.at = def.starter;
  }
}
