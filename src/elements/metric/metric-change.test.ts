/**
 * Changes against the previous period, as every card shows them: one rule
 * for the decimals, the Growth Rate with the arrow and colour of the other
 * cards, and the previous period's dates.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse, resetMouse } from '@web/test-runner-commands';
import { en } from '../../internal/i18n.js';
import type { JtMetric } from './metric.js';
import './metric.js';
import { formatChange } from './signed-percent.js';

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** What a part shows (visually hidden text left out). */
function shown(node: Element | null): string {
  if (!node) return '';
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return squash(copy.textContent);
}

/** What a part says aloud (aria-hidden text left out). */
function spoken(node: Element | null): string {
  if (!node) return '';
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return squash(copy.textContent);
}

const part = (el: JtMetric, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** The colour a card draws its direction in: the change's for a compared card, the value's for a Growth Rate. */
function directionColour(el: JtMetric): string {
  const node = el.shadowRoot!.querySelector('[class*="direction-"]');
  expect(node, 'a direction is drawn').to.exist;
  return getComputedStyle(node!).color;
}

describe('<jt-metric> changes', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('the Growth Rate shows an arrow, the direction word and the up or down colour, like a compared card', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <jt-metric id="growth" label=${en.growthRate} format="percent-change" .value=${6.57}></jt-metric>
      <jt-metric id="posts" label=${en.totalPosts} .value=${1065} .previous=${1000}></jt-metric>
    </div>`);
    const growth = wrapper.querySelector<JtMetric>('#growth')!;
    const posts = wrapper.querySelector<JtMetric>('#posts')!;
    expect(shown(part(growth, 'value-direction'))).to.equal('↑');
    expect(part(growth, 'value-direction')!.getAttribute('aria-hidden')).to.equal('true');
    expect(shown(part(growth, 'value'))).to.equal('+6.6%');
    expect(spoken(part(growth, 'value')!.parentElement)).to.equal(`${en.increase} +6.6%`);
    expect(directionColour(growth)).to.equal(directionColour(posts));
    expect(directionColour(growth)).to.equal('rgb(0, 112, 42)');

    growth.value = -3.21;
    posts.previous = 1100;
    await Promise.all([growth.updateComplete, posts.updateComplete]);
    expect(shown(part(growth, 'value-direction'))).to.equal('↓');
    expect(shown(part(growth, 'value'))).to.equal('-3.2%');
    expect(spoken(part(growth, 'value')!.parentElement)).to.equal(`${en.decrease} -3.2%`);
    expect(directionColour(growth)).to.equal(directionColour(posts));
    expect(directionColour(growth)).to.equal('rgb(179, 45, 46)');

    // A change that rounds to 0.0 % points nowhere.
    growth.value = 0.04;
    await growth.updateComplete;
    expect(shown(part(growth, 'value-direction'))).to.equal('→');
    expect(shown(part(growth, 'value'))).to.equal('0.0%');
    await expect(growth).to.be.accessible();
  });

  it('every change and the Growth Rate have one decimal, whatever the value', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <jt-metric id="growth" label=${en.growthRate} format="percent-change" .value=${6.57}></jt-metric>
      <jt-metric id="posts" label=${en.totalPosts} .value=${213} .previous=${200}></jt-metric>
      <jt-metric id="replies" label=${en.totalReplies} .value=${300} .previous=${300}></jt-metric>
      <jt-metric id="members" label=${en.activeMembers} .value=${147} .previous=${100}></jt-metric>
    </div>`);
    const text = (id: string, name: string) => shown(part(wrapper.querySelector<JtMetric>(`#${id}`)!, name));
    expect(text('growth', 'value')).to.equal('+6.6%');
    expect(text('posts', 'change')).to.equal(`↑ +6.5% ${en.vsPrevious}`);
    expect(text('replies', 'change')).to.equal(`→ 0.0% ${en.vsPrevious}`);
    expect(text('members', 'change')).to.equal(`↑ +47.0% ${en.vsPrevious}`);
    for (const percent of [text('growth', 'value'), ...['posts', 'replies', 'members'].map((id) => text(id, 'change').split(' ')[1]!)]) {
      expect(percent).to.match(/^[+-]?[\d,]+\.\d%$/u);
    }
    // In the page's language too.
    expect(formatChange('de-DE', 6.57)).to.equal('+6,6\u00a0%');
  });

  it('names the previous period’s dates in the change’s tooltip and behind the info button', async () => {
    const el = await fixture<JtMetric>(
      html`<jt-metric label=${en.totalPosts} help="Posts." .value=${1065} .previous=${1000} .previousRange=${{ start: '2026-08-31', end: '2026-09-30' }}></jt-metric>`,
    );
    expect(part(el, 'change')!.getAttribute('title')).to.equal('Previous period: Aug 31 – Sep 30, 2026');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="info-button"]')!;
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await el.updateComplete;
    expect([...part(el, 'help')!.querySelectorAll('p')].map((p) => squash(p.textContent))).to.deep.equal(['Posts.', 'Previous period: Aug 31 – Sep 30, 2026']);
  });

  it('a figure that is not a count is compared when the count it rests on is large enough', async () => {
    // 2.8 replies per post against 2.5, over 40 posts before: a percentage.
    const el = await fixture<JtMetric>(html`<jt-metric label=${en.avgRepliesPerPost} format="decimal" .value=${2.8} .previous=${2.5} .previousBase=${40}></jt-metric>`);
    expect(shown(part(el, 'change'))).to.equal(`↑ +12.0% ${en.vsPrevious}`);
    // Over 3 posts before: both values instead, as the card shows them.
    el.previousBase = 3;
    await el.updateComplete;
    expect(shown(part(el, 'change'))).to.equal(`— ${en.vsPrevious}`);
    expect(spoken(part(el, 'change'))).to.contain(en.comparedCounts('2.5', '2.8'));
  });
});
