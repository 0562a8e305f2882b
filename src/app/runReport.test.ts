import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { SCENARIOS } from '../scenarios';
import { computeRunReport, reportCsv, reportJson, reportMarkdown, reportTables } from './runReport';

const checkout = SCENARIOS.find((s) => s.id === 'checkout')!.diagram;

describe('run report', () => {
  const r = computeRunReport(checkout, [], checkout.run.untilMs);

  it('has a table per section, columns under the JSON names, nested figures dotted', () => {
    const tables = reportTables(r.report);
    expect(tables.map((t) => t.key)).toEqual(['clients', 'services', 'edges', 'channels', 'sagas']);
    const services = tables[1]!;
    expect(services.columns.slice(0, 4)).toEqual(['name', 'received', 'handled', 'failed']);
    expect(services.columns).toContain('latencyMs.p95');
    const orders = services.rows.find((row) => row.id === 'orders')!;
    expect(orders.values[services.columns.indexOf('handled')]).toBe(r.report.services.orders!.handled);
    expect(tables[4]!.rows).toEqual([]);
  });

  it('Markdown escapes pipes in names, CSV quotes commas and quotes', () => {
    const odd = Diagram.parse({
      name: 'A | B',
      services: [
        { id: 'c', kind: 'client', name: 'Web, "new"' },
        { id: 's', name: 'x|y' },
      ],
      edges: [{ id: 'e', kind: 'sync', from: 'c', to: 's' }],
      run: { untilMs: 2000 },
    });
    const report = computeRunReport(odd, [], 2000);
    const md = reportMarkdown(report);
    expect(md).toContain('# Run report: A \\| B');
    expect(md).toContain('| s | x\\|y |');
    expect(reportCsv(report)).toContain('clients,c,name,"Web, ""new"""');
    expect(JSON.parse(reportJson(report))).not.toHaveProperty('objectives');
  });

  it('Markdown carries the checklist’s report card, item by item', () => {
    const md = reportMarkdown(r);
    expect(md).toContain(`## Checklist: ${r.checklist.met} of 10 items met`);
    expect(md).toContain('- [x] Calls to external services have a circuit breaker');
    expect(md).toContain('- [ ] Consumers behind retries or redelivery are idempotent');
  });

  it('JSON and CSV carry the report card: each item, met or not, and the advice with its fix', () => {
    const json = JSON.parse(reportJson(r));
    // Where sim --json puts it: after the invariants (and objectives), the card of the diagram.
    expect(Object.keys(json).slice(-2)).toEqual(['invariants', 'checklist']);
    expect(json.checklist).toEqual(r.checklist);
    expect(json.checklist).toMatchObject({ met: 8, total: 10 });
    const idempotent = json.checklist.items.find((i: { id: string }) => i.id === 'idempotent');
    expect(idempotent.met).toBe(false);
    expect(idempotent.advice.length).toBeGreaterThan(0);
    expect(idempotent.advice[0]).toMatchObject({
      id: expect.stringMatching(/^retry-/),
      severity: 'warning',
      fix: expect.stringMatching(/^Make .* idempotent$/),
    });

    const csv = reportCsv(r).split('\r\n');
    expect(csv).toContain('checklist,all,met,8');
    expect(csv).toContain('checklist,all,total,10');
    expect(csv).toContain('checklist,breaker,title,Calls to external services have a circuit breaker');
    expect(csv).toContain('checklist,breaker,met,true');
    expect(csv).toContain('checklist,idempotent,met,false');
    const advice = csv.filter((line) => line.startsWith('checklist,idempotent,advice,'));
    expect(advice).toHaveLength(idempotent.advice.length);
    expect(advice[0]).toContain(`(fix: ${idempotent.advice[0].fix})`);

    // Markdown lists the advice under the item it breaks.
    const md = reportMarkdown(r).split('\n');
    const at = md.indexOf('- [ ] Consumers behind retries or redelivery are idempotent');
    expect(md[at + 1]).toMatch(/^ {2}- Retries of .*\(fix: Make .* idempotent\)$/);
  });

  it('a report mid-run is at that moment, and the whole run ends where the CLI does', () => {
    const mid = computeRunReport(checkout, [], 10_000);
    expect(mid).toMatchObject({ atMs: 10_000, ended: false });
    expect(mid.report.requests.sent).toBeLessThan(r.report.requests.sent);
    expect(r).toMatchObject({ atMs: 60_000, ended: true });
  });
});
