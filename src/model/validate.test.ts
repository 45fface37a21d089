import { expect } from '@open-wc/testing';
import { EVENT_TYPES, type AnalyticsEvent, type EventType } from './events.js';
import { describeValue, EARLIEST_EVENT_AT, LATEST_EVENT_AT, validateEvent } from './validate.js';

const AT = Date.UTC(2026, 2, 2, 10); // 2026-03-02T10:00Z

/** One valid event of every type, with its required fields only. */
const VALID: Record<EventType, AnalyticsEvent> = {
  'member.joined': { id: 'e1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ana', trustLevel: 1 },
  'member.updated': { id: 'e2', type: 'member.updated', at: AT, memberId: 'm1', trustLevel: 2 },
  'space.created': { id: 'e3', type: 'space.created', at: AT, spaceId: 's1', name: 'General', kind: 'discussion' },
  'content.created': { id: 'e4', type: 'content.created', at: AT, contentId: 'p1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
  'content.status_changed': { id: 'e5', type: 'content.status_changed', at: AT, contentId: 'p1', status: 'trash' },
  'vote.cast': { id: 'e6', type: 'vote.cast', at: AT, voteId: 'v1', contentId: 'p1', voterId: 'm2', value: -1 },
  'vote.retracted': { id: 'e7', type: 'vote.retracted', at: AT, voteId: 'v1' },
  'answer.accepted': { id: 'e8', type: 'answer.accepted', at: AT, questionId: 'p1', answerId: 'r1' },
  'answer.unaccepted': { id: 'e9', type: 'answer.unaccepted', at: AT, questionId: 'p1' },
  'flag.raised': { id: 'e10', type: 'flag.raised', at: AT, flagId: 'f1', contentId: 'p1', reporterId: 'm2' },
  'flag.resolved': { id: 'e11', type: 'flag.resolved', at: AT, flagId: 'f1' },
  'automod.triggered': { id: 'e12', type: 'automod.triggered', at: AT, ruleId: 'links', contentId: 'p1' },
};

/** More valid events: optional fields present, edge values, extra fields. */
const ALSO_VALID: [string, object][] = [
  ['a member with an avatar and trust level 0', { id: 'x1', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ana', avatarUrl: 'https://example.com/a.png', trustLevel: 0 }],
  ['a member at trust level 4', { id: 'x2', type: 'member.joined', at: AT, memberId: 'm1', displayName: 'Ana', trustLevel: 4 }],
  ['a member update of the display name only', { id: 'x3', type: 'member.updated', at: AT, memberId: 'm1', displayName: 'Ana B.' }],
  ['a member update of the avatar only', { id: 'x4', type: 'member.updated', at: AT, memberId: 'm1', avatarUrl: '' }],
  ['a Q&A space', { id: 'x5', type: 'space.created', at: AT, spaceId: 's2', name: 'Help', kind: 'qa' }],
  ['a pending reply', { id: 'x6', type: 'content.created', at: AT, contentId: 'r1', kind: 'reply', spaceId: 's1', authorId: 'm1', parentId: 'p1', status: 'pending' }],
  ...(['published', 'pending', 'spam'] as const).map((status): [string, AnalyticsEvent] => [
    `a status change to ${status}`,
    { id: `x-${status}`, type: 'content.status_changed', at: AT, contentId: 'p1', status },
  ]),
  ['an upvote', { id: 'x7', type: 'vote.cast', at: AT, voteId: 'v1', contentId: 'p1', voterId: 'm2', value: 1 }],
  ['a retraction with all its optional fields', { id: 'x8', type: 'vote.retracted', at: AT, voteId: 'v1', contentId: 'p1', voterId: 'm2', value: 1 }],
  ['an unacceptance naming the answer', { id: 'x9', type: 'answer.unaccepted', at: AT, questionId: 'p1', answerId: 'r1' }],
  ['a resolution with all its optional fields', { id: 'x10', type: 'flag.resolved', at: AT, flagId: 'f1', resolution: 'removed', contentId: 'p1', reporterId: 'm2' }],
  ['unknown extra fields', { id: 'x11', type: 'automod.triggered', at: AT, ruleId: 'links', contentId: 'p1', source: 'plugin', meta: { a: 1 } }],
  ['the earliest accepted timestamp (2000-01-01)', { ...VALID['vote.retracted'], at: EARLIEST_EVENT_AT }],
  ['the last accepted timestamp (just before 2200-01-01)', { ...VALID['vote.retracted'], at: LATEST_EVENT_AT - 1 }],
  ['an object without a prototype', Object.assign(Object.create(null) as object, VALID['answer.unaccepted'])],
];

const base = <T extends EventType>(type: T, patch: Record<string, unknown>): Record<string, unknown> => ({ ...VALID[type], ...patch });
/** A valid event of `type` without `field`. */
const without = (type: EventType, field: string): Record<string, unknown> => {
  const copy: Record<string, unknown> = { ...VALID[type] };
  delete copy[field];
  return copy;
};

/** Malformed values and the exact reason each must get. */
const INVALID: [string, unknown, string][] = [
  // Not an object at all.
  ['null', null, 'event is not an object'],
  ['undefined', undefined, 'event is not an object'],
  ['an array', [VALID['vote.cast']], 'event is not an object'],
  ['a string', '{"id":"e1"}', 'event is not an object'],
  ['a number', 42, 'event is not an object'],
  ['a boolean', true, 'event is not an object'],

  // The id.
  ['no id', without('vote.cast', 'id'), 'missing "id" (a non-empty string)'],
  ['an empty id', base('vote.cast', { id: '' }), '"id" must be a non-empty string, got ""'],
  ['a numeric id', base('vote.cast', { id: 7 }), '"id" must be a non-empty string, got 7'],
  ['a null id', base('vote.cast', { id: null }), '"id" must be a non-empty string, got null (leave the field out when there is none)'],

  // The type.
  ['no type', without('vote.cast', 'type'), 'missing "type" (an event type such as "content.created")'],
  ['an unknown type', base('vote.cast', { type: 'post.liked' }), 'unknown event type "post.liked"'],
  ['a type that is not a string', base('vote.cast', { type: 3 }), 'unknown event type 3'],
  ['an unknown type with a bad timestamp too', base('vote.cast', { type: 'post.liked', at: 'yesterday' }), 'unknown event type "post.liked"'],

  // The timestamp.
  ['no timestamp', without('vote.cast', 'at'), 'missing "at" (epoch milliseconds)'],
  ['a word for a timestamp', base('vote.cast', { at: 'yesterday' }), '"at" must be a finite epoch-milliseconds number, got "yesterday"'],
  ['a numeric string for a timestamp', base('vote.cast', { at: String(AT) }), `"at" must be a finite epoch-milliseconds number, got "${AT}" (a string, not a number)`],
  ['a Date for a timestamp', base('vote.cast', { at: new Date(AT) }), '"at" must be a finite epoch-milliseconds number, got an object'],
  ['NaN', base('vote.cast', { at: NaN }), '"at" must be a finite epoch-milliseconds number, got NaN'],
  ['Infinity', base('vote.cast', { at: Infinity }), '"at" must be a finite epoch-milliseconds number, got Infinity'],
  ['-Infinity', base('vote.cast', { at: -Infinity }), '"at" must be a finite epoch-milliseconds number, got -Infinity'],
  ['a fractional timestamp', base('vote.cast', { at: AT + 0.5 }), `"at" must be a whole number of epoch milliseconds, got ${AT + 0.5}`],
  [
    'a timestamp in seconds',
    base('vote.cast', { at: 1_700_000_000 }),
    '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got 1700000000: that looks like seconds (2023-11-14); multiply by 1000',
  ],
  [
    'a timestamp in microseconds',
    base('vote.cast', { at: 1_700_000_000_000_000 }),
    '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got 1700000000000000: that looks like microseconds (2023-11-14); divide by 1000',
  ],
  ['a timestamp of 0', base('vote.cast', { at: 0 }), '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got 0 (1970-01-01)'],
  ['a negative timestamp', base('vote.cast', { at: -1 }), '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got -1 (1969-12-31)'],
  ['a timestamp just before 2000', base('vote.cast', { at: EARLIEST_EVENT_AT - 1 }), `"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got ${EARLIEST_EVENT_AT - 1} (1999-12-31)`],
  ['a timestamp of 2200-01-01', base('vote.cast', { at: LATEST_EVENT_AT }), `"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got ${LATEST_EVENT_AT} (2200-01-01)`],
  ['a timestamp beyond what a Date holds', base('vote.cast', { at: 1e300 }), '"at" must be epoch milliseconds between 2000-01-01 and 2200-01-01, got 1e+300'],

  // member.joined
  ['a member without memberId', without('member.joined', 'memberId'), 'missing "memberId" (a non-empty string)'],
  ['a member with an empty memberId', base('member.joined', { memberId: '' }), '"memberId" must be a non-empty string, got ""'],
  ['a member without displayName', without('member.joined', 'displayName'), 'missing "displayName" (a string)'],
  ['a member with a numeric displayName', base('member.joined', { displayName: 5 }), '"displayName" must be a string, got 5'],
  ['a member with a numeric avatarUrl', base('member.joined', { avatarUrl: 5 }), '"avatarUrl" must be a string, got 5'],
  ['a member with a null avatarUrl', base('member.joined', { avatarUrl: null }), '"avatarUrl" must be a string, got null (leave the field out when there is none)'],
  ['a member without trustLevel', without('member.joined', 'trustLevel'), 'missing "trustLevel" (an integer from 0 to 4)'],
  ['a member at trust level 7', base('member.joined', { trustLevel: 7 }), '"trustLevel" must be an integer from 0 to 4, got 7'],
  ['a member at trust level -1', base('member.joined', { trustLevel: -1 }), '"trustLevel" must be an integer from 0 to 4, got -1'],
  ['a member at trust level 1.5', base('member.joined', { trustLevel: 1.5 }), '"trustLevel" must be an integer from 0 to 4, got 1.5'],
  ['a member at trust level "2"', base('member.joined', { trustLevel: '2' }), '"trustLevel" must be an integer from 0 to 4, got "2"'],

  // member.updated
  ['a member update without memberId', without('member.updated', 'memberId'), 'missing "memberId" (a non-empty string)'],
  [
    'a member update with nothing to change',
    without('member.updated', 'trustLevel'),
    'member.updated changes nothing (needs displayName, avatarUrl or trustLevel)',
  ],
  ['a member update to trust level 7', base('member.updated', { trustLevel: 7 }), '"trustLevel" must be an integer from 0 to 4, got 7'],
  ['a member update with a numeric avatarUrl', base('member.updated', { avatarUrl: 1 }), '"avatarUrl" must be a string, got 1'],
  ['a member update with a null displayName', base('member.updated', { displayName: null }), '"displayName" must be a string, got null (leave the field out when there is none)'],

  // space.created
  ['a space without spaceId', without('space.created', 'spaceId'), 'missing "spaceId" (a non-empty string)'],
  ['a space without name', without('space.created', 'name'), 'missing "name" (a string)'],
  ['a space without kind', without('space.created', 'kind'), 'missing "kind" ("discussion" or "qa")'],
  ['a space of kind "forum"', base('space.created', { kind: 'forum' }), '"kind" must be "discussion" or "qa", got "forum"'],

  // content.created
  ['content without contentId', without('content.created', 'contentId'), 'missing "contentId" (a non-empty string)'],
  ['content with an empty contentId', base('content.created', { contentId: '' }), '"contentId" must be a non-empty string, got ""'],
  ['content without kind', without('content.created', 'kind'), 'missing "kind" ("post" or "reply")'],
  ['content of kind "comment"', base('content.created', { kind: 'comment' }), '"kind" must be "post" or "reply", got "comment"'],
  ['content without spaceId', without('content.created', 'spaceId'), 'missing "spaceId" (a non-empty string)'],
  ['content without authorId', without('content.created', 'authorId'), 'missing "authorId" (a non-empty string)'],
  ['a reply without parentId', base('content.created', { contentId: 'r1', kind: 'reply' }), 'a reply needs "parentId"'],
  ['a reply with an empty parentId', base('content.created', { contentId: 'r1', kind: 'reply', parentId: '' }), '"parentId" must be a non-empty string, got ""'],
  [
    'a reply that is its own parent',
    base('content.created', { contentId: 'r1', kind: 'reply', parentId: 'r1' }),
    'a reply cannot be its own parent ("parentId" is "contentId", "r1")',
  ],
  ['a post with parentId', base('content.created', { parentId: 'p0' }), 'a post must not have "parentId", got "p0"'],
  ['a post with a null parentId', base('content.created', { parentId: null }), 'a post must not have "parentId", got null'],
  ['content without status', without('content.created', 'status'), 'missing "status" ("published" or "pending")'],
  ['content created in the trash', base('content.created', { status: 'trash' }), '"status" of content.created must be "published" or "pending", got "trash"'],

  // content.status_changed
  ['a status change without contentId', without('content.status_changed', 'contentId'), 'missing "contentId" (a non-empty string)'],
  ['a status change without status', without('content.status_changed', 'status'), 'missing "status" ("published", "pending", "trash" or "spam")'],
  [
    'a status change to "deleted"',
    base('content.status_changed', { status: 'deleted' }),
    '"status" must be "published", "pending", "trash" or "spam", got "deleted"',
  ],

  // vote.cast
  ['a vote without voteId', without('vote.cast', 'voteId'), 'missing "voteId" (a non-empty string)'],
  ['a vote without contentId', without('vote.cast', 'contentId'), 'missing "contentId" (a non-empty string)'],
  ['a vote without voterId', without('vote.cast', 'voterId'), 'missing "voterId" (a non-empty string)'],
  ['a vote without value', without('vote.cast', 'value'), 'missing "value" (1 or -1)'],
  ['a vote of 2', base('vote.cast', { value: 2 }), '"value" must be 1 or -1, got 2'],
  ['a vote of 0', base('vote.cast', { value: 0 }), '"value" must be 1 or -1, got 0'],
  ['a vote of "1"', base('vote.cast', { value: '1' }), '"value" must be 1 or -1, got "1"'],

  // vote.retracted
  ['a retraction without voteId', without('vote.retracted', 'voteId'), 'missing "voteId" (a non-empty string)'],
  ['a retraction with an empty contentId', base('vote.retracted', { contentId: '' }), '"contentId" must be a non-empty string, got ""'],
  ['a retraction with a numeric voterId', base('vote.retracted', { voterId: 9 }), '"voterId" must be a non-empty string, got 9'],
  ['a retraction of value 2', base('vote.retracted', { value: 2 }), '"value" must be 1 or -1, got 2'],

  // answer.accepted / answer.unaccepted
  ['an acceptance without questionId', without('answer.accepted', 'questionId'), 'missing "questionId" (a non-empty string)'],
  ['an acceptance without answerId', without('answer.accepted', 'answerId'), 'missing "answerId" (a non-empty string)'],
  ['an unacceptance without questionId', without('answer.unaccepted', 'questionId'), 'missing "questionId" (a non-empty string)'],
  ['an unacceptance with an empty answerId', base('answer.unaccepted', { answerId: '' }), '"answerId" must be a non-empty string, got ""'],

  // flag.raised / flag.resolved
  ['a flag without flagId', without('flag.raised', 'flagId'), 'missing "flagId" (a non-empty string)'],
  ['a flag without contentId', without('flag.raised', 'contentId'), 'missing "contentId" (a non-empty string)'],
  ['a flag without reporterId', without('flag.raised', 'reporterId'), 'missing "reporterId" (a non-empty string)'],
  ['a resolution without flagId', without('flag.resolved', 'flagId'), 'missing "flagId" (a non-empty string)'],
  ['a resolution with a numeric resolution', base('flag.resolved', { resolution: 1 }), '"resolution" must be a string, got 1'],
  ['a resolution with an empty reporterId', base('flag.resolved', { reporterId: '' }), '"reporterId" must be a non-empty string, got ""'],

  // automod.triggered
  ['a trigger without ruleId', without('automod.triggered', 'ruleId'), 'missing "ruleId" (a non-empty string)'],
  ['a trigger without contentId', without('automod.triggered', 'contentId'), 'missing "contentId" (a non-empty string)'],
];

describe('validateEvent', () => {
  it('has a valid example for every event type', () => {
    expect(Object.keys(VALID)).to.have.members([...EVENT_TYPES]);
  });

  for (const type of EVENT_TYPES) {
    it(`accepts a ${type} and returns a plain copy of it`, () => {
      const event = VALID[type];
      const check = validateEvent(event);
      expect(check).to.deep.equal({ ok: true, event });
      expect(check.ok && check.event).not.to.equal(event);
    });
  }

  for (const [name, event] of ALSO_VALID) {
    it(`accepts ${name}`, () => {
      const check = validateEvent(event);
      expect(check.ok ? 'ok' : check.reason).to.equal('ok');
      // The snapshot: the event's own fields (unknown extras left out), values as given.
      const snapshot = check.ok ? (check.event as unknown as Record<string, unknown>) : {};
      const given = event as Record<string, unknown>;
      for (const [key, value] of Object.entries(given)) {
        if (key in snapshot) expect(snapshot[key], key).to.equal(value);
      }
      expect(Object.keys(snapshot).every((key) => key in given)).to.equal(true);
      expect(Object.keys(snapshot).length).to.equal(Object.keys(given).filter((key) => !['meta', 'source'].includes(key)).length);
    });
  }

  for (const [name, value, reason] of INVALID) {
    it(`rejects ${name}: ${reason}`, () => {
      const check = validateEvent(value);
      expect(check.ok ? 'ok' : check.reason).to.equal(reason);
      const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
      // The id comes along when it is a usable one, so a rejection can name the event.
      expect(check.ok ? undefined : check.id).to.equal(typeof id === 'string' && id !== '' ? id : undefined);
    });
  }

  it('does not change the event it checks', () => {
    const event = { ...VALID['content.created'], extra: [1, 2] };
    const before = JSON.stringify(event);
    validateEvent(event);
    expect(JSON.stringify(event)).to.equal(before);
  });

  it('leaves out the fields the schema does not know', () => {
    const check = validateEvent({ ...VALID['vote.cast'], extra: { deep: true }, __proto__: { inherited: 1 } });
    expect(check.ok && check.event).to.deep.equal(VALID['vote.cast']);
  });

  it('turns an event that throws when read into a reason with its id, not a crash', () => {
    const event = {
      id: 'e1',
      type: 'vote.cast',
      at: AT,
      get voteId(): string {
        throw new Error('boom');
      },
    };
    expect(validateEvent(event)).to.deep.equal({ ok: false, reason: 'event could not be read (boom)', id: 'e1' });
  });

  it('turns a revoked Proxy, a throwing get trap and a throwing id getter into reasons', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({ ...VALID['member.joined'] }, {});
    revoke();
    const trap = new Proxy({ ...VALID['member.joined'] }, {
      get() {
        throw new TypeError('trap');
      },
    });
    const badId = {
      get id(): string {
        throw 'not an Error';
      },
    };
    const revokedField = { ...VALID['member.joined'], memberId: revoked };
    const onRevoked = validateEvent(revoked);
    expect(onRevoked.ok ? 'ok' : onRevoked.reason).to.match(/^event could not be read \(.*revoked.*\)$/);
    expect(validateEvent(trap)).to.deep.equal({ ok: false, reason: 'event could not be read (trap)' });
    expect(validateEvent(badId)).to.deep.equal({ ok: false, reason: 'event could not be read ("not an Error")' });
    // A field that is itself a revoked Proxy: describing it for the reason must not throw either.
    const check = validateEvent(revokedField);
    expect(check.ok).to.equal(false);
    expect(check.ok ? undefined : check.id).to.equal(VALID['member.joined'].id);
  });

  it('reads each field exactly once, and a second read changes nothing', () => {
    const reads = new Map<PropertyKey, number>();
    const flipping = new Proxy(
      { ...VALID['content.created'] } as Record<string, unknown>,
      {
        get(target, key, receiver) {
          const n = (reads.get(key) ?? 0) + 1;
          reads.set(key, n);
          // First read: a valid post; any later read: something else entirely.
          if (n > 1 && key === 'type') return 'nope';
          if (n > 1 && key === 'contentId') return '';
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const check = validateEvent(flipping);
    expect(check.ok ? 'ok' : check.reason).to.equal('ok');
    for (const [key, n] of reads) expect(n, String(key)).to.equal(1);
    expect(check.ok && check.event).to.deep.equal(VALID['content.created']);
  });

  it('returns a snapshot that later changes to the caller\'s object do not reach', () => {
    const event: Record<string, unknown> = { ...VALID['vote.cast'] };
    const check = validateEvent(event);
    event.value = 7;
    event.voterId = null;
    expect(check.ok && check.event).to.deep.equal(VALID['vote.cast']);
  });
});

describe('describeValue', () => {
  const cases: [string, unknown, string][] = [
    ['a short string, quoted', 'yesterday', '"yesterday"'],
    ['a string with a quote, escaped', 'say "hi"', '"say \\"hi\\""'],
    ['a long string, cut', 'x'.repeat(100), `"${'x'.repeat(40)}…" (100 characters)`],
    ['a long string without splitting an emoji', `${'x'.repeat(39)}😀${'y'.repeat(20)}`, `"${'x'.repeat(39)}…" (61 characters)`],
    ['a number', 2, '2'],
    ['-0', -0, '-0'],
    ['NaN', NaN, 'NaN'],
    ['a bigint', 10n, '10n'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a boolean', false, 'false'],
    ['an array', [1], 'an array'],
    ['an object', { a: 1 }, 'an object'],
    ['a function', () => 1, 'a function'],
    ['a symbol', Symbol('s'), 'a symbol'],
  ];
  for (const [name, value, expected] of cases) {
    it(`shows ${name}`, () => {
      expect(describeValue(value)).to.equal(expected);
    });
  }
});
