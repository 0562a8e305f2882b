import type { Call, CallPolicy, Edg, Svc } from './entities';

/** A saga step at run time. */
export interface SagaStepDef {
  step: number;
  edge: Edg;
  action: string;
  compensation: string;
}

/** A saga definition with its counters. */
export class SagaDef {
  nameId = -1;
  /** Position in the run's saga list. */
  idx = -1;
  actionPolicy!: CallPolicy;
  compensationPolicy!: CallPolicy;
  started = 0;
  completed = 0;
  compensated = 0;
  stuck = 0;
  constructor(
    readonly name: string,
    readonly steps: SagaStepDef[],
    readonly orchestrated: boolean,
    readonly starter: Svc,
    readonly triggers: Set<string> | null,
  ) {}
}

/** One running (or finished) saga instance. */
export class SagaInst {
  status: 'running' | 'completed' | 'compensating' | 'compensated' | 'stuck' = 'running';
  completedSteps: number[] = [];
  compensatedSteps: number[] = [];
  failedStep: number | undefined = undefined;
  /** A step that timed out: it may have happened, so it is compensated too. */
  uncertainStep: number | undefined = undefined;
  listIdx = -1;
  /** Index of the step whose action or compensation is under way. */
  cursor = 0;
  call: Call | null = null;
  /** Choreography: the participant holding the saga now (where the next message leaves from). */
  at: Svc;
  /** Orchestrated: its orchestrator is down; it resumes the current step when it is back. */
  suspended = false;
  constructor(
    readonly id: number,
    readonly def: SagaDef,
    readonly corr: number,
    readonly hop: number,
    readonly cause: number,
  ) {
    this.at = def.starter;
  }
}
