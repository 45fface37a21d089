import { expect } from '@open-wc/testing';
import { emptyColumns, encodeEvents } from '../model/event-columns.js';
import { EngineHost } from './engine-host.js';

const AT = Date.UTC(2026, 2, 1, 12);

describe('EngineHost ingestColumns reads the columns as they came', () => {
  it('reports rejections at the positions of the columns\' index, and applies the rest', async () => {
    const host = new EngineHost();
    await host.call(1, 1, 'create', { timeZone: 'UTC' });
    const columns = encodeEvents(
      [
        { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ann', trustLevel: 1 },
        { id: 'e2', type: 'space.created', at: AT, spaceId: 's1', name: 'Help', kind: 'qa' },
        { id: 'e3', type: 'content.created', at: AT, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
      ],
      [40, 41, 42],
    );
    columns.s0[2] = 1_000; // the content id points past the table
    const result = await host.call(1, 2, 'ingestColumns', { columns });
    expect(result.applied).to.equal(2);
    expect(result.rejected).to.deep.equal([
      {
        index: 42,
        id: 'e3',
        reason: `"contentId" refers to string 1000 of the event columns, but their table has ${columns.strings.length} strings (0 to ${columns.strings.length - 1}; -1 for none)`,
      },
    ]);
  });

  it('answers broken column structure with a wire error, not a crash', async () => {
    const host = new EngineHost();
    await host.call(1, 1, 'create', {});
    const columns = emptyColumns(2);
    columns.count = 5;
    let error: unknown;
    try {
      await host.call(1, 2, 'ingestColumns', { columns });
    } catch (e) {
      error = e;
    }
    expect(error).to.deep.equal({
      code: 'engine_error',
      message: 'Event columns: "index" must be an Int32Array of at least 5 values ("count"), got an Int32Array of 2 values',
    });
  });
});
