/**
 * The headline against an almost empty previous period: no "+3,233.33%"
 * from a handful of posts, but "—" or "new" with both counts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import type { AnalyticsEvent } from '../../model/events.js';
import { MemoryDataSource } from '../../sources/memory-data-source.js';
import { MIN_COMPARISON_BASE } from '../metric/metric.js';
import type { JtAnalyticsDashboard } from './analytics-dashboard.js';
import './analytics-dashboard.js';
import { dashboardHarness, settled } from './analytics-dashboard.harness.js';

const f = new Formatter('en-US');
const RANGE = '2026-03-01..2026-03-30';
const at = (day: string, n: number) => Date.parse(`${day}T10:00:00Z`) + n * 60_000;

/** Three posts by one member in the previous period; 40 posts and 60 replies by 25 members in the range. */
function smallBaseEvents(): AnalyticsEvent[] {
  const events: AnalyticsEvent[] = [{ id: 's', type: 'space.created', at: at('2026-01-01', 0), spaceId: 's1', name: 'General', kind: 'discussion' }];
  for (let m = 0; m < 25; m++) {
    events.push({ id: `m${m}`, type: 'member.joined', at: at('2026-01-02', m), memberId: `m${m}`, displayName: `Member ${m}`, trustLevel: 1 });
  }
  for (let i = 0; i < 3; i++) {
    events.push({ id: `old${i}`, type: 'content.created', at: at('2026-02-10', i), contentId: `old${i}`, kind: 'post', spaceId: 's1', authorId: 'm0', status: 'published' });
  }
  for (let i = 0; i < 40; i++) {
    events.push({ id: `p${i}`, type: 'content.created', at: at('2026-03-10', i), contentId: `p${i}`, kind: 'post', spaceId: 's1', authorId: `m${i % 25}`, status: 'published' });
  }
  for (let i = 0; i < 60; i++) {
    events.push({
      id: `r${i}`,
      type: 'content.created',
      at: at('2026-03-11', i),
      contentId: `r${i}`,
      kind: 'reply',
      parentId: `p${i % 40}`,
      spaceId: 's1',
      authorId: `m${i % 25}`,
      status: 'published',
    });
  }
  return events;
}

/** A part of a card as read aloud, as shown, and its tooltip. */
function cardPart(card: Element, part: string) {
  const node = card.shadowRoot!.querySelector(`[part~="${part}"]`)!;
  const without = (selector: string) => {
    const copy = node.cloneNode(true) as Element;
    copy.querySelectorAll(selector).forEach((hidden) => hidden.remove());
    return (copy.textContent ?? '').replace(/\s+/gu, ' ').trim();
  };
  return { spoken: without('[aria-hidden="true"]'), shown: without('.visually-hidden'), title: node.querySelector('[title]')?.getAttribute('title') ?? '' };
}

describe('<jt-analytics-dashboard> against an almost empty previous period', () => {
  let source: MemoryDataSource;

  before(async () => {
    source = new MemoryDataSource({ worker: false, timeZone: 'UTC', now: Date.parse('2026-04-01T12:00:00Z') });
    await source.ingest(smallBaseEvents());
  });

  after(() => source.close());

  it(`shows "—" or "new" with both counts instead of a percentage when the previous period had fewer than ${MIN_COMPARISON_BASE}`, async () => {
    const el = await fixture<JtAnalyticsDashboard>(html`<jt-analytics-dashboard range=${RANGE} .dataSource=${source}></jt-analytics-dashboard>`);
    await settled(el);
    const report = await source.report({ range: { start: '2026-03-01', end: '2026-03-30' }, path: 'direct' });
    // The report keeps the exact number.
    expect(report.overview.growthRate).to.be.closeTo(((100 - 3) / 3) * 100, 1e-9);

    const cards = new Map([...el.shadowRoot!.querySelectorAll('[part~="headline"] jt-metric')].map((card) => [cardPart(card, 'label').shown, card]));
    const growth = cardPart(cards.get(en.growthRate)!, 'value');
    expect(growth.shown).to.equal('—');
    expect(growth.spoken).to.contain(en.comparedCounts(f.count(3), f.count(100)));
    expect(growth.title).to.contain(en.comparedCounts(f.count(3), f.count(100)));

    const posts = cardPart(cards.get(en.totalPosts)!, 'change');
    expect(posts.shown).to.equal(`— ${en.vsPrevious}`);
    expect(posts.spoken).to.contain(en.comparedCounts(f.count(3), f.count(40)));
    const replies = cardPart(cards.get(en.totalReplies)!, 'change');
    expect(replies.shown).to.equal(`${en.newBase} ${en.vsPrevious}`);
    expect(replies.spoken).to.contain(en.comparedCounts(f.count(0), f.count(60)));
    const members = cardPart(cards.get(en.activeMembers)!, 'change');
    expect(members.shown).to.equal(`— ${en.vsPrevious}`);
    expect(members.spoken).to.contain(en.comparedCounts(f.count(1), f.count(25)));

    for (const card of cards.values()) expect(cardPart(card, 'value').shown + cardPart(card, 'base').shown).not.to.contain('%');
    expect(dashboardHarness(el).headline().get(en.totalPosts)!.value).to.equal('40');
    await expect(el).to.be.accessible();
  });
});
