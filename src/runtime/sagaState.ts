import type { CallPolicy, Edge, Service } from './entities';
import type { Call } from './messages';

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
  /** Indexes into `steps`, grouped by step number: the steps of a stage run in parallel. */
  readonly stages: number[][];
  /** The stage of each step (by index into `steps`). */
  readonly stageOf: number[];
  /** Whether some stage has several steps (parallel reactions to one event). */
  readonly parallel: boolean;
  constructor(
    readonly name: string,
    /** Sorted by step number. */
    readonly steps: SagaStep[],
    readonly orchestrated: boolean,
    readonly starter: Service,
    readonly triggers: Set<string> | null,
  ) {
    this.stages = [];
    this.stageOf = steps.map((s, i) => {
      const last = this.stages.at(-1);
      if (last && steps[last[0]!]!.step === s.step) last.push(i);
      else this.stages.push([i]);
      return this.stages.length - 1;
    });
    this.parallel = this.stages.length < steps.length;
  }
}

/** One running (or finished) saga instance. */
export class SagaInstance {
  status: 'running' | 'completed' | 'compensating' | 'compensated' | 'stuck' = 'running';
  /** Step numbers done and compensated, in the order they happened (what views show). */
  completedSteps: number[] = [];
  compensatedSteps: number[] = [];
  /** The same by index into the definition's steps (step numbers repeat in a parallel stage). */
  doneIndexes: number[] = [];
  undoneIndexes: number[] = [];
  /** Steps that timed out: they may have happened, so they are compensated too, first. */
  uncertainIndexes: number[] = [];
  /** The first step that failed. */
  failedStep: number | undefined = undefined;
  /** The first step that timed out. */
  uncertainStep: number | undefined = undefined;
  listIndex = -1;
  /** The stage under way. */
  stage = 0;
  /** Steps of the stage under way that have no outcome yet (sent, or waiting to be resent). */
  pending: number[] = [];
  /** Index of the step whose compensation is under way. */
  cursor = 0;
  /** Compensations still to run, in order, after the one under way. */
  undo: number[] = [];
  /** The calls under way: a stage's actions (several in parallel), or one compensation. */
  calls: Call[] = [];
  /**
   * Choreography with parallel reactions: a failure event is on its way from where the saga failed
   * back to the service that emitted the event the step to compensate reacted to.
   */
  relaying = false;
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

/**
 * Removes `item` from `list` (an instance's calls or pending steps), keeping the order; `splice` would
 * build an array of what it removed, and `copyWithin` costs more than this loop on lists this short.
 */
export function removeFrom<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at < 0) return;
  const last = list.length - 1;
  for (let i = at; i < last; i++) list[i] = list[i + 1]!;
  list.pop();
}
