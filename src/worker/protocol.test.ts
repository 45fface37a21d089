import { expect } from '@open-wc/testing';
import { encodeEvents } from '../model/event-columns.js';
import type { DateRange } from '../model/report.js';
import { MemoryDataSource } from '../sources/memory-data-source.js';
import { EngineClient } from './client.js';
import { EngineHost } from './engine-host.js';
import { InProcessTransport } from './in-process-transport.js';
import { ENGINE_OPERATIONS, type EngineOperation, type EngineRequest, type EngineTransport } from './protocol.js';
import { WorkerTransport } from './worker-transport.js';

const AT = Date.UTC(2026, 2, 2, 12);
const RANGE: DateRange = { start: '2026-03-01', end: '2026-03-07' };
const space = { id: 'e1', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' };
const member = { id: 'e2', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 1 };
const post = (id: string, contentId: string) => ({ id, type: 'content.created', at: AT, contentId, kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' });

/**
 * One request per operation of the protocol. Typed over the whole map, so an
 * operation added to `EngineOperations` does not compile until it is here
 * too, and then both hosts must answer it below.
 */
const REQUESTS: { [K in EngineOperation]: () => EngineRequest<K> } = {
  create: () => ({ timeZone: 'UTC' }),
  ingestEvents: () => ({ events: [space, member, post('e3', 'p1'), { id: 'bad' }] }),
  reserve: () => ({ events: 50_000 }),
  compact: () => ({}),
  ingestColumns: () => ({ columns: encodeEvents([post('e4', 'p2'), post('e3', 'p1')]) }),
  ingestCommunity: () => ({ community: { seed: 2, events: 2_000 } }),
  report: () => ({ query: { range: RANGE, path: 'aggregate', topN: 3 } }),
  reports: () => ({ queries: [{ range: RANGE, path: 'direct', topN: 2 }, { range: { start: '2026-02-22', end: '2026-02-28' }, path: 'direct', topN: 0 }] }),
  rows: () => ({ table: 'top-contributors', query: { range: RANGE, offset: 0, limit: 5 } }),
  diffReport: () => ({ range: RANGE, label: '2026-03-01..2026-03-07' }),
  csv: () => ({ table: 'daily', query: { range: RANGE }, options: { bom: false } }),
  csvFromRows: () => ({ table: 'daily', rows: [{ date: '2026-03-02', posts: 2, replies: 0 }], range: RANGE }),
};

/** Asks every operation of the protocol, in the map's order (create first), and keeps each answer. */
async function everyAnswer(transport: EngineTransport): Promise<Record<string, unknown>> {
  const client = new EngineClient(transport);
  const answers: Record<string, unknown> = {};
  try {
    for (const op of Object.keys(ENGINE_OPERATIONS) as EngineOperation[]) {
      const progress: unknown[] = [];
      const answer = await client.call(op, REQUESTS[op]() as never, { onProgress: (p: unknown) => progress.push(p) });
      answers[op] = progress.length > 0 ? { answer, progressed: true } : answer;
    }
  } finally {
    client.close();
  }
  return answers;
}

describe('the engine protocol', () => {
  it('is answered, operation by operation, identically by the worker host and the in-process host', async () => {
    const inWorker = await everyAnswer(new WorkerTransport());
    const inProcess = await everyAnswer(new InProcessTransport(new EngineHost()));
    expect(Object.keys(inWorker)).to.deep.equal(Object.keys(ENGINE_OPERATIONS));
    expect(inWorker).to.deep.equal(inProcess);
    // The answers are real ones, not empty: the events counted, the community reported progress.
    const report = inProcess.report as { overview: { totalPosts: number } };
    expect(report.overview.totalPosts).to.be.greaterThan(0);
    expect(inProcess.ingestCommunity).to.deep.include({ progressed: true });
    expect((inProcess.ingestEvents as { rejected: unknown[] }).rejected).to.have.length(1);
    expect((inProcess.rows as { total: number }).total).to.be.greaterThan(0);
  });

  it('is the only way into the host: anything else is refused with a wire error', async () => {
    const host = new EngineHost();
    const error = await host.call(1, 1, 'toString' as EngineOperation, {} as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.deep.equal({ code: 'engine_error', message: 'Unknown engine operation "toString"' });
  });

  for (const kind of ['worker', 'in-process'] as const) {
    it(`handles an abort once, the same way on both transports (${kind})`, async () => {
      const host = new EngineHost();
      const inner: EngineTransport = kind === 'worker' ? new WorkerTransport() : new InProcessTransport(host);
      // Which calls the client told the transport to cancel.
      const cancelled: number[] = [];
      let reportSent: (() => void) | undefined;
      const transport: EngineTransport = {
        kind: inner.kind,
        send: (op, request, options) => {
          if (op === 'report') reportSent?.();
          return inner.send(op, request, options);
        },
        cancel: (callId) => {
          cancelled.push(callId);
          inner.cancel(callId);
        },
        close: () => inner.close(),
      };
      const client = new EngineClient(transport, { timeZone: 'UTC' });
      await client.call('ingestEvents', { events: [space, member, post('e3', 'p1')] });
      const reason = new Error('superseded');
      // Aborted before the call: rejected with the signal's reason, nothing is sent.
      const before = new AbortController();
      before.abort(reason);
      const early = await client.call('report', { query: { range: RANGE } }, { signal: before.signal }).catch((e: unknown) => e);
      expect(early).to.equal(reason);
      // Aborted right after the call: rejected at once with an AbortError.
      const after = new AbortController();
      const late = client.call('report', { query: { range: RANGE } }, { signal: after.signal }).catch((e: unknown) => e);
      after.abort();
      const error = await late;
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('AbortError');
      // Aborted once sent: the transport is told, and the engine never starts the read (it waits a task first).
      const reads: string[] = [];
      const handlers = (host as unknown as { handlers: Record<string, (...args: unknown[]) => unknown> }).handlers;
      const report = handlers.report!;
      handlers.report = (...args) => {
        reads.push('report');
        return report(...args);
      };
      const sent = new AbortController();
      const wasSent = new Promise<void>((resolve) => (reportSent = resolve));
      const superseded = client.call('report', { query: { range: RANGE } }, { signal: sent.signal }).catch((e: unknown) => e);
      await wasSent;
      reportSent = undefined;
      sent.abort();
      expect(((await superseded) as DOMException).name).to.equal('AbortError');
      expect(cancelled.length, 'the transport was told to cancel').to.equal(1);
      // The host would have started the read after one task: give it several.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (kind === 'in-process') expect(reads, 'the engine never ran the cancelled read').to.deep.equal([]);
      handlers.report = report;
      // The engine answers the next call.
      const next = await client.call('report', { query: { range: RANGE } });
      expect(next.overview.totalPosts).to.equal(1);
      client.close();
    });
  }

  for (const kind of ['worker', 'in-process'] as const) {
    it(`a kept community is ingested by a source in another zone without generating it, as a fresh load there would be (${kind})`, async () => {
      const transport = (): EngineTransport => (kind === 'worker' ? new WorkerTransport() : new InProcessTransport(new EngineHost()));
      const community = { seed: 11, events: 40_000, days: 60, end: AT + 20 * 86_400_000 };
      const range: DateRange = { start: '2026-01-22', end: '2026-03-21' };
      // The page keeps another source, as the playground does: the worker (and what it keeps) lives on.
      const other = new EngineClient(transport(), { timeZone: 'UTC' });
      const load = async (timeZone: string, keep: boolean) => {
        const client = new EngineClient(transport(), { timeZone });
        let reports = 0;
        const result = await client.call('ingestCommunity', { community, keep }, { onProgress: () => reports++ });
        const answers = await Promise.all((['direct', 'aggregate'] as const).map((path) => client.call('report', { query: { range, path } })));
        return { client, result, reports, answers };
      };
      const berlin = await load('Europe/Berlin', true);
      expect(berlin.result.generated).to.equal(true);
      berlin.client.close();
      // The source that kept it is gone; the next load of the same options in another zone takes the kept events.
      const tokyo = await load('Asia/Tokyo', true);
      expect(tokyo.result.generated, 'generated again').to.equal(false);
      expect(tokyo.reports).to.be.greaterThan(1);
      // A load that does not keep generates the same events itself (it finds them kept, takes them, and frees them).
      const fresh = await load('Asia/Tokyo', false);
      expect(fresh.result.generated).to.equal(false);
      const regenerated = await load('Asia/Tokyo', false);
      expect(regenerated.result.generated, 'a load without keep left the community kept').to.equal(true);
      const { generated: _a, ...rezoned } = tokyo.result;
      const { generated: _b, ...generated } = regenerated.result;
      expect(rezoned).to.deep.equal(generated);
      expect(tokyo.answers).to.deep.equal(regenerated.answers);
      expect(tokyo.answers[0]!.timeZone).to.equal('Asia/Tokyo');
      // Bucketed in the new zone: a Berlin day and a Tokyo day hold different events.
      expect(tokyo.answers[0]!.daily).to.not.deep.equal(berlin.answers[0]!.daily);
      expect(tokyo.answers[0]!.overview.totalPosts).to.be.greaterThan(0);
      for (const done of [tokyo, fresh, regenerated]) done.client.close();
      other.close();
    });
  }

  it('never lets one source\'s abort cancel another source\'s call in the shared worker', async () => {
    const [a, b, busy] = [new MemoryDataSource({ timeZone: 'UTC' }), new MemoryDataSource({ timeZone: 'UTC' }), new MemoryDataSource()];
    for (const source of [a, b]) await source.ingest([space, member, post('e3', 'p1')]);
    // While a large load keeps the worker busy, both reports and the cancel queue up there together.
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const loading = busy.ingestCommunity({ seed: 9, events: 400_000 }, { onProgress: () => started() }).catch(() => undefined);
    await running;
    const controller = new AbortController();
    const aborted = a.report({ range: RANGE, signal: controller.signal }).catch((e: unknown) => e);
    const answered = b.report({ range: RANGE });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    controller.abort();
    expect(((await aborted) as DOMException).name).to.equal('AbortError');
    expect((await answered).overview.totalPosts).to.equal(1);
    busy.close();
    await loading;
    a.close();
    b.close();
  });
});
