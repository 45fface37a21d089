import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { JtVerifyChangeEvent } from '../../events/verify-change-event.js';
import { Formatter } from '../../internal/format.js';
import { en } from '../../internal/i18n.js';
import { JtDiffToggle } from './diff-toggle.js';

function switchOf(el: JtDiffToggle): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('[role="switch"]')!;
}

function record(el: JtDiffToggle): boolean[] {
  const seen: boolean[] = [];
  el.addEventListener('jt-verify-change', (event: JtVerifyChangeEvent) => seen.push(event.detail.verify));
  return seen;
}

describe('<jt-diff-toggle>', () => {
  it('is registered once under its tag', async () => {
    expect(customElements.get('jt-diff-toggle')).to.equal(JtDiffToggle);
    await import('./diff-toggle.js');
    expect(customElements.get('jt-diff-toggle')).to.equal(JtDiffToggle);
  });

  it('is a button with role switch, labelled "Verify dual-path", off by default', async () => {
    const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle></jt-diff-toggle>`);
    const toggle = switchOf(el);
    expect(toggle.localName).to.equal('button');
    expect(toggle.getAttribute('aria-checked')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal(en.verifyLabel);
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-describedby')!)!.textContent).to.equal(en.verifyHint);
    expect(el.checked).to.equal(false);
  });

  it('toggles with Space and Enter, reflects `checked` and fires jt-verify-change each time', async () => {
    const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle></jt-diff-toggle>`);
    const seen = record(el);
    let composedAtDocument = 0;
    const count = () => composedAtDocument++;
    document.addEventListener('jt-verify-change', count);
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(switchOf(el));

    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.checked).to.equal(true);
    expect(el.hasAttribute('checked')).to.equal(true);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.checked).to.equal(false);
    expect(el.hasAttribute('checked')).to.equal(false);
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');

    switchOf(el).click();
    await el.updateComplete;
    expect(seen).to.deep.equal([true, false, true]);
    expect(composedAtDocument, 'bubbles out of the shadow root').to.equal(3);
    document.removeEventListener('jt-verify-change', count);
  });

  it('does not fire when `checked` is set by code', async () => {
    const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle></jt-diff-toggle>`);
    const seen = record(el);
    el.checked = true;
    await el.updateComplete;
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('true');
    el.removeAttribute('checked');
    await el.updateComplete;
    expect(switchOf(el).getAttribute('aria-checked')).to.equal('false');
    expect(seen).to.deep.equal([]);
  });

  it('shows "Aggregator recording since" in the site zone when set', async () => {
    const since = Date.UTC(2026, 9, 14, 22, 30);
    const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle recording-since=${since} time-zone="Pacific/Auckland"></jt-diff-toggle>`);
    const note = () => el.shadowRoot!.querySelector('[part~="note"]')?.textContent;
    expect(note()).to.equal(en.recordingSince(new Formatter('en-US').instant(since, 'Pacific/Auckland')));
    expect(note()).to.contain('Oct 15, 2026');
    el.timeZone = undefined;
    await el.updateComplete;
    expect(note()).to.contain('Oct 14, 2026');
    el.recordingSince = null;
    await el.updateComplete;
    expect(note()).to.equal(undefined);
  });

  it('theme="auto" on its own follows the page\'s declared color-scheme, and the system where the page declares none', async () => {
    const text = (el: Element) => getComputedStyle(el).getPropertyValue('--_text').trim();
    try {
      await emulateMedia({ colorScheme: 'dark' });
      document.documentElement.style.colorScheme = 'only light';
      const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle theme="auto"></jt-diff-toggle>`);
      expect(text(el)).to.equal('#1d2327');
      document.documentElement.style.colorScheme = '';
      el.requestUpdate();
      await el.updateComplete;
      expect(text(el)).to.equal('#f0f0f1');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.style.colorScheme = '';
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme, on and off`, async () => {
      const el = await fixture<JtDiffToggle>(html`<jt-diff-toggle theme=${theme} recording-since=${Date.UTC(2026, 0, 1)}></jt-diff-toggle>`);
      await expect(el).to.be.accessible();
      el.checked = true;
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
