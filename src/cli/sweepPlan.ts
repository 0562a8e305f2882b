import type { Diagram } from '../model/schema';
import { checkRates, defaultRates, estimateClientCapacity, ratesFromPercent } from '../runtime/index';
import { rangePoints, type RateSpec } from './sweepArgs';

/** The client to sweep: the one asked for, or the diagram's only one; a message saying what is wrong otherwise. */
export function pickClient(
  diagram: Diagram,
  clientId: string | undefined,
  file: string,
): Diagram['services'][number] | string {
  const clients = diagram.services.filter((s) => s.kind === 'client');
  const list = clients.length ? `its clients: ${clients.map((c) => c.id).join(', ')}` : 'it has no client';
  if (clientId === undefined) {
    if (clients.length === 1) return clients[0]!;
    return clients.length === 0
      ? `${file} has no client to load-test: add one.`
      : `--client is needed: ${file} has several clients (${list.slice('its clients: '.length)}).`;
  }
  const found = diagram.services.find((s) => s.id === clientId);
  if (!found) return `--client: no service with id "${clientId}" in ${file} (${list}).`;
  if (found.kind !== 'client') return `--client: "${clientId}" is a ${found.kind}, not a client (${list}).`;
  if (!diagram.edges.some((e) => e.from === found.id))
    return `--client: "${clientId}" sends nothing (it has no outgoing edge).`;
  return found;
}

/** The rates a spec asks for, checked; a message when they can't be swept. */
export function ratesOf(diagram: Diagram, clientId: string, spec: RateSpec): number[] | string {
  let rates: number[] | string;
  if (spec.kind === 'default') rates = defaultRates(diagram, clientId);
  else if (spec.kind === 'list') rates = spec.rates;
  else if (!spec.percent) rates = rangePoints(spec);
  else {
    const capacity = estimateClientCapacity(diagram, clientId).ratePerSecond;
    if (!Number.isFinite(capacity) || capacity <= 0)
      return '--rates: no capacity could be estimated for this client (nothing it reaches takes time), so a range in % means nothing: give rates per second.';
    rates = rangePoints(spec).map((percent) => ratesFromPercent(capacity, percent, percent, 1)[0]!);
  }
  if (typeof rates === 'string') return rates;
  const problem = checkRates(rates);
  return problem === null ? [...new Set(rates)].sort((a, b) => a - b) : `--rates: ${problem}`;
}
