/**
 * The info button of every card: one toggletip. A click, Enter or Space
 * toggles it, Escape closes it, pointer movement and focus alone change
 * nothing, and its text appears below the value, never over it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { en } from '../../internal/i18n.js';
import type { JtMetric } from './metric.js';
import './metric.js';

const HELP = 'Published posts (topics and questions) created in the range. Pending, trashed and spam content does not count.';

function tip(el: JtMetric) {
  const root = el.shadowRoot!;
  const button = root.querySelector<HTMLButtonElement>('[part~="info-button"]')!;
  const region = root.querySelector<HTMLElement>('[part~="help"]')!;
  return {
    button,
    region,
    value: () => root.querySelector<HTMLElement>('[part~="value"]')!,
    expanded: () => button.getAttribute('aria-expanded'),
    text: () => region.textContent!.replace(/\s+/g, ' ').trim(),
    /** Shown: it has its text and takes room on the card. */
    shown: () => region.textContent!.trim() !== '' && region.getBoundingClientRect().height > 0,
  };
}

/** The centre of an element, in page pixels, for the mouse. */
function centre(node: Element): [number, number] {
  const box = node.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

async function click(node: Element): Promise<void> {
  await sendMouse({ type: 'click', position: centre(node) });
}

function intersects(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

async function card(help = HELP): Promise<JtMetric> {
  return fixture<JtMetric>(
    html`<div style="width: 16rem; padding: 2rem"><jt-metric label="Total Posts" .help=${help} .value=${1284} .previous=${1000}></jt-metric></div>`,
  ).then((wrapper) => wrapper.querySelector('jt-metric')!);
}

async function settle(el: JtMetric): Promise<void> {
  await el.updateComplete;
}

describe('<jt-metric> info button (toggletip)', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('is a real button that controls a polite live region, closed at first', async () => {
    const el = await card();
    const t = tip(el);
    expect(t.button.localName).to.equal('button');
    expect(t.button.type).to.equal('button');
    expect(t.button.getAttribute('aria-label')).to.equal(en.aboutMetric('Total Posts'));
    expect(t.expanded()).to.equal('false');
    expect(t.button.getAttribute('aria-controls')).to.equal(t.region.id);
    expect(t.region.getAttribute('role')).to.equal('status');
    expect(t.shown()).to.equal(false);
    expect(t.region.getBoundingClientRect().height, 'a closed one takes no room').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('a click opens it and it stays open when the mouse leaves; a second click closes it', async () => {
    const el = await card();
    const t = tip(el);
    await click(t.button);
    await settle(el);
    expect(t.expanded()).to.equal('true');
    expect(t.shown()).to.equal(true);
    expect(t.text()).to.equal(HELP);

    // The pointer leaves the button, then the card: nothing closes what the click opened.
    await sendMouse({ type: 'move', position: centre(t.value()) });
    await sendMouse({ type: 'move', position: [2, 2] });
    t.button.dispatchEvent(new MouseEvent('mouseleave'));
    t.button.dispatchEvent(new PointerEvent('pointerleave'));
    await settle(el);
    expect(t.expanded()).to.equal('true');
    expect(t.shown()).to.equal(true);
    await expect(el).to.be.accessible();

    await click(t.button);
    await settle(el);
    expect(t.expanded()).to.equal('false');
    expect(t.shown()).to.equal(false);
    expect(t.region.getBoundingClientRect().height).to.equal(0);
  });

  it('hovering or focusing the button opens nothing', async () => {
    const el = await card();
    const t = tip(el);
    await sendMouse({ type: 'move', position: centre(t.button) });
    t.button.focus();
    await settle(el);
    expect(t.expanded()).to.equal('false');
    expect(t.shown()).to.equal(false);
  });

  it('Enter and Space toggle it from the keyboard; Escape closes it and the focus stays on the button', async () => {
    const el = await card();
    const t = tip(el);
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    await settle(el);
    expect(el.shadowRoot!.activeElement).to.equal(t.button);
    expect(t.expanded(), 'focus alone opens nothing').to.equal('false');

    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(t.expanded()).to.equal('true');
    expect(t.text()).to.equal(HELP);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(t.expanded()).to.equal('false');
    expect(t.shown()).to.equal(false);

    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(t.expanded()).to.equal('true');
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(t.expanded()).to.equal('false');

    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(t.expanded()).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(t.expanded()).to.equal('false');
    expect(t.shown()).to.equal(false);
    expect(el.shadowRoot!.activeElement, 'the focus is back on (still on) the button').to.equal(t.button);
    before.remove();
  });

  it('an Escape that closes it does not reach the page, one that finds it closed does', async () => {
    const el = await card();
    const t = tip(el);
    const escapes: KeyboardEvent[] = [];
    const listen = (event: KeyboardEvent) => event.key === 'Escape' && escapes.push(event);
    document.addEventListener('keydown', listen);
    try {
      t.button.focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      await sendKeys({ press: 'Escape' });
      await settle(el);
      expect(t.expanded()).to.equal('false');
      expect(escapes).to.have.length(0);
      await sendKeys({ press: 'Escape' });
      expect(escapes).to.have.length(1);
    } finally {
      document.removeEventListener('keydown', listen);
    }
  });

  it('shows its text below the value: the boxes never intersect, and the value does not move', async () => {
    const el = await card();
    const t = tip(el);
    const valueBefore = t.value().getBoundingClientRect();
    await click(t.button);
    await settle(el);
    const region = t.region.getBoundingClientRect();
    const value = t.value().getBoundingClientRect();
    expect(region.height).to.be.greaterThan(0);
    expect(intersects(region, value), 'the text does not cover the value').to.equal(false);
    expect(region.top).to.be.at.least(value.bottom);
    expect([value.top, value.left]).to.deep.equal([valueBefore.top, valueBefore.left]);
    // Nor the change under the value.
    const change = el.shadowRoot!.querySelector('[part~="change"]')!.getBoundingClientRect();
    expect(intersects(region, change)).to.equal(false);
  });

  it('a click elsewhere on the page closes it', async () => {
    const el = await card();
    const t = tip(el);
    await click(t.button);
    await settle(el);
    expect(t.expanded()).to.equal('true');
    await sendMouse({ type: 'click', position: [2, 2] });
    await settle(el);
    expect(t.expanded()).to.equal('false');
  });

  it('one open at a time among the cards of a group', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; width: 40rem">
      <jt-metric label="Total Posts" help="Posts." .value=${1}></jt-metric>
      <jt-metric label="Total Replies" help="Replies." .value=${2}></jt-metric>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll('jt-metric')] as [JtMetric, JtMetric];
    await click(tip(first).button);
    await settle(first);
    expect(tip(first).expanded()).to.equal('true');
    await click(tip(second).button);
    await Promise.all([settle(first), settle(second)]);
    expect(tip(second).expanded()).to.equal('true');
    expect(tip(second).text()).to.equal('Replies.');
    expect(tip(first).expanded()).to.equal('false');
    expect(tip(first).shown()).to.equal(false);
  });

  it('closes when its card leaves the page', async () => {
    const el = await card();
    await click(tip(el).button);
    await settle(el);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await settle(el);
    expect(tip(el).expanded()).to.equal('false');
  });
});
