import { expect } from '@open-wc/testing';
import { hashId } from '../model/hash.js';
import { Growth } from './columns.js';
import { IdTable } from './id-table.js';

/** JavaScript's own order of strings (UTF-16 code units), as a sign. */
const jsOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Tiny seeded PRNG, so a failure names a reproducible case. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

// Code units where one-byte/two-byte storage and code-unit order are easy to get wrong:
// the one-byte edge (ÿ U+00FF, Ā U+0100), surrogates (a pair, lone high, lone low),
// the private-use and specials area above them (U+E000, U+FFFD, U+FFFF) and NUL.
const TRICKY_UNITS = ['a', 'b', 'z', 'A', '0', '\u0000', '\u007f', '\u0080', '\u00ff', '\u0100', '\ud83d', '\ude00', '\ud7ff', '\ue000', '\ufffd', '\uffff'];
const ASTRAL = ['😀', '😁', '𝄞', '\u{10ffff}', '\u{10000}'];

function randomId(next: (n: number) => number): string {
  let id = '';
  for (let n = next(6); n > 0; n--) id += next(4) === 0 ? ASTRAL[next(ASTRAL.length)]! : TRICKY_UNITS[next(TRICKY_UNITS.length)]!;
  return id;
}

describe('IdTable', () => {
  it('numbers ids densely in order of arrival and finds them again', () => {
    const table = new IdTable();
    expect(table.intern('e1')).to.equal(0);
    expect(table.intern('e2')).to.equal(1);
    expect(table.intern('e1')).to.equal(0);
    expect(table.add('e3')).to.equal(2);
    expect(table.size).to.equal(3);
    expect(table.find('e2')).to.equal(1);
    expect(table.find('e4')).to.equal(-1);
    expect([table.idOf(0), table.idOf(1), table.idOf(2)]).to.deep.equal(['e1', 'e2', 'e3']);
  });

  it('refuses to add an id twice and reading a row that does not exist', () => {
    const table = new IdTable();
    table.add('x');
    expect(() => table.add('x')).to.throw(/already row 0/);
    expect(() => table.idOf(1)).to.throw(RangeError);
    expect(() => table.compare('x', -1)).to.throw(RangeError);
    expect(table.size).to.equal(1);
  });

  it('keeps ids apart when every hash collides, confirming each match against the stored id', () => {
    const table = new IdTable({ initialSlots: 2, hash: () => 12345 });
    // Same length, same units in another order, prefixes, NUL padding, one-byte vs two-byte look-alikes.
    const ids = ['ab', 'ba', 'a', 'a\u0000', '\u0000a', 'abc', 'ab\u0100', 'ab\u00ff', '', '\u0100', '\u00ff\u0001'];
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    ids.forEach((id, row) => {
      expect(table.find(id)).to.equal(row);
      expect(table.idOf(row)).to.equal(id);
    });
    for (const other of ['b', 'abd', 'a\u0001', '\u0100\u0000', 'ab\u01ff', 'ab\u00fe']) expect(table.find(other)).to.equal(-1);
    expect(table.size).to.equal(ids.length);
  });

  it('keeps every id through many doublings, with a few distinct hashes only', () => {
    const table = new IdTable({ initialSlots: 2, hash: (id) => id.length % 7 });
    const ids = Array.from({ length: 3000 }, (_, i) => `id-${i.toString(36)}`);
    ids.forEach((id, row) => expect(table.intern(id)).to.equal(row));
    ids.forEach((id, row) => expect(table.find(id)).to.equal(row));
    expect(table.find('id-')).to.equal(-1);
  });

  it('grows past a hundred thousand ids with the real hash', () => {
    const table = new IdTable({ initialSlots: 2 });
    const n = 120_000;
    for (let i = 0; i < n; i++) expect(table.add(`e${i}`)).to.equal(i);
    for (let i = 0; i < n; i += 7) expect(table.find(`e${i}`)).to.equal(i);
    for (let i = n; i < n + 1000; i++) expect(table.find(`e${i}`)).to.equal(-1);
    expect(table.idOf(n - 1)).to.equal(`e${n - 1}`);
    expect(table.byteLength).to.be.greaterThan(0);
  });

  it('finds one- and two-byte ids after the doublings that hash them again from the arena', () => {
    // Growing recomputes the real hash from the stored code units; any difference from hashId
    // (a unit read wrong, a byte order swapped) would send a row to a slot find() never probes.
    const table = new IdTable({ initialSlots: 2 });
    const ids = Array.from({ length: 5000 }, (_, i) => [`e${i}`, `é${i}ü`, `\u{1F600}${i}`, `${i}\ud83d`, `\u0100${i}\u00ff`][i % 5]!);
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    const rows = ids.map((id) => table.find(id));
    expect(rows.every((row, i) => row === i), 'every id at its row').to.equal(true);
    expect(table.size).to.equal(ids.length);
    for (const other of ['e5000', '\u{1F600}', 'é1', '\u0100\u00ff']) expect(table.find(other)).to.equal(-1);
    // 4 bytes a slot, doubling from 22 (room for 16 rows at least): 11,264 slots for 5,000 ids
    // (3/4 of 5,632 is too few).
    expect(table.slotBytes).to.equal(11264 * 4);
  });

  it('takes a first two-byte id after thousands of one-byte ones, and keeps growing', () => {
    const table = new IdTable({ initialSlots: 2 });
    const ids = [...Array.from({ length: 3000 }, (_, i) => `m${i}`), '\u{1F600}', '\u0100x', ...Array.from({ length: 3000 }, (_, i) => `n${i}`)];
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    expect(ids.every((id, row) => table.find(id) === row && table.idOf(row) === id), 'every id found and read back').to.equal(true);
    expect(Math.sign(table.compareRows(3000, 2999))).to.equal(Math.sign('\u{1F600}' < 'm2999' ? -1 : 1));
    expect(table.compare('\u0100', 3001)).to.be.below(0);
    expect(table.compare('n0', 3002)).to.equal(0);
  });

  it('adds right after a miss of another id without taking that id\u2019s slot', () => {
    const table = new IdTable({ initialSlots: 2, hash: (id) => id.charCodeAt(0) || 0 });
    expect(table.find('x')).to.equal(-1);
    expect(table.add('y')).to.equal(0);
    expect(table.find('x')).to.equal(-1);
    expect(table.add('x')).to.equal(1);
    expect(table.find('y')).to.equal(0);
    expect(table.find('x')).to.equal(1);
    // A miss, a successful look-up of another id, then the add of the missed id.
    expect(table.find('z')).to.equal(-1);
    expect(table.find('y')).to.equal(0);
    expect(table.add('z')).to.equal(2);
    expect([table.find('x'), table.find('y'), table.find('z')]).to.deep.equal([1, 0, 2]);
  });

  it('stores surrogate pairs, lone surrogates, NUL and the one-byte edge exactly', () => {
    const table = new IdTable();
    const ids = ['😀', '\ud83d', '\ude00', '\ude00\ud83d', 'a\ud83d', '\u0000', 'ÿ', 'Ā', 'ÿĀ', 'm_ä', 'm-ß', '李雷', '\uffff', '\ue000'];
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    ids.forEach((id, row) => {
      expect(table.idOf(row)).to.equal(id);
      expect(table.find(id)).to.equal(row);
    });
    // A lone high surrogate and the pair that starts with it are different ids.
    expect(table.find('\ud83d\ude01')).to.equal(-1);
  });

  it('grows to a projected size in fewer steps and keeps every id findable', () => {
    let seen = 0;
    const growth = new Growth(() => seen);
    growth.expect(200_000);
    const table = new IdTable({ growth });
    const plain = new IdTable();
    const slotSizes = new Set<number>();
    const plainSizes = new Set<number>();
    for (let i = 0; i < 50_000; i++) {
      seen = i * 4;
      table.add(`m${i}`);
      plain.add(`m${i}`);
      slotSizes.add(table.slotBytes);
      plainSizes.add(plain.slotBytes);
    }
    for (let i = 0; i < 50_000; i++) expect(table.find(`m${i}`)).to.equal(i);
    expect(table.find('m50000')).to.equal(-1);
    expect(table.ids[49_999]).to.equal('m49999');
    // The plain table doubles from 64 slots to 2^17 (12 sizes); the projected one, once 4096 events
    // are seen, jumps eightfold and then to 4/3 of the projected 51,000 rows (8 sizes), so it ends
    // about half as large (68,012 slots): no rounding up to a power of two.
    expect(plainSizes.size).to.equal(12);
    expect(slotSizes.size).to.equal(8);
    expect(plain.slotBytes).to.equal(2 ** 17 * 4);
    expect(table.slotBytes).to.equal(68_012 * 4);
  });

  it('grows its slots at most eightfold in one step, however far the hint overshoots', () => {
    let seen = 0;
    const growth = new Growth(() => seen);
    growth.expect(2 ** 31 - 1);
    const table = new IdTable({ growth });
    let slots = table.slotBytes;
    for (let i = 0; i < 200_000; i++) {
      seen = i;
      table.add(`v${i}`);
      expect(table.slotBytes / slots, `after ${i + 1} ids`).to.be.at.most(8);
      slots = table.slotBytes;
    }
    expect(table.find('v199999')).to.equal(199_999);
    // Slots for 200 000 ids: at most one eightfold step past the 266,667 that would do.
    expect(table.slotBytes).to.be.at.most(4 * 8 * 266_667);
  });

  it('keeps ids of kilobytes exact, before and after their starts outgrow 16-bit offsets', () => {
    const table = new IdTable({ initialSlots: 2 });
    // Short ids, then long ones: a group of 16 rows passes 64 KiB at the 14th id of 5,000 units,
    // and the table switches to a 32-bit start per row; a two-byte id of 40,000 units follows.
    const ids = [
      ...Array.from({ length: 40 }, (_, i) => `s${i}`),
      ...Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${'x'.repeat(5000)}${i}`),
      `Ā${'y'.repeat(40_000)}`,
      ...Array.from({ length: 40 }, (_, i) => `t${i}`),
    ];
    const before = table.byteLength;
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    ids.forEach((id, row) => {
      expect(table.find(id), `row ${row}`).to.equal(row);
      expect(table.idOf(row) === id, `row ${row} read back`).to.equal(true);
    });
    expect(table.find(`a${'x'.repeat(5000)}`)).to.equal(-1);
    expect(Math.sign(table.compareRows(41, 40))).to.equal(Math.sign(ids[41]! < ids[40]! ? -1 : 1));
    expect(table.compare('t0', ids.length - 40)).to.equal(0);
    // 150,000 bytes of ids and more; their starts cost 4 bytes a row from the switch on.
    expect(table.byteLength - before).to.be.above(150_000 + 70 * 4);
  });

  it('keeps starts in 8 bits for short ids, and every id exact after a longer group switches them to 16', () => {
    const short = new IdTable({ initialSlots: 2 });
    const shortIds = Array.from({ length: 20_000 }, (_, i) => `e${i}`);
    shortIds.forEach((id) => short.add(id));
    // Starts of 1.25 bytes a row (a 32-bit base a group of 16, 8-bit offsets), with room to grow by half at most:
    // under 2 bytes a row, where 16-bit offsets take 2.25.
    expect(short.startBytes).to.be.below(2 * 20_001);
    expect(short.startBytes).to.be.at.least(1.25 * 20_001);
    // Groups of 16 ids of 8 to 40 characters: the 16th row of a group passes 255 bytes, mid-table.
    const mixed = new IdTable({ initialSlots: 2 });
    const ids = [...Array.from({ length: 1000 }, (_, i) => `m${i}`), ...Array.from({ length: 200 }, (_, i) => `long-${'z'.repeat(i % 35)}-${i}`), ...Array.from({ length: 1000 }, (_, i) => `n${i}`)];
    ids.forEach((id, row) => expect(mixed.add(id)).to.equal(row));
    ids.forEach((id, row) => {
      expect(mixed.find(id), `row ${row}`).to.equal(row);
      expect(mixed.idOf(row) === id, `row ${row} read back`).to.equal(true);
    });
    expect(mixed.compare('n999', ids.length - 1)).to.equal(0);
    expect(mixed.startBytes, '16-bit offsets after the switch').to.be.at.least(2.25 * (ids.length + 1));
    expect(Math.sign(mixed.compareRows(1000, 999))).to.equal(Math.sign(ids[1000]! < ids[999]! ? -1 : 1));
  });

  it('gives back its spare room on compact and takes ids after it as before, in each form of starts', () => {
    const long = (i: number): string => `${String.fromCharCode(97 + (i % 26))}${'x'.repeat(5000)}${i}`;
    for (const [label, idOf] of [
      ['short ids', (i: number) => `e${i}`],
      ['two-byte ids', (i: number) => `é${i}\u0100`],
      ['ids of kilobytes', (i: number) => (i % 50 === 49 ? long(i) : `k${i}`)],
    ] as const) {
      const growth = new Growth(() => 0);
      const table = new IdTable({ growth });
      const ids = Array.from({ length: 3000 }, (_, i) => idOf(i));
      ids.slice(0, 2000).forEach((id) => table.add(id));
      const before = table.byteLength;
      table.compact();
      expect(table.byteLength, label).to.be.below(before);
      table.compact();
      ids.slice(2000).forEach((id, i) => expect(table.add(id), label).to.equal(2000 + i));
      table.compact();
      ids.forEach((id, row) => {
        expect(table.find(id), `${label}: ${row}`).to.equal(row);
        expect(table.idOf(row) === id, `${label}: ${row} read back`).to.equal(true);
      });
      expect(Math.sign(table.compareRows(10, 2500))).to.equal(jsOrder(ids[10]!, ids[2500]!));
    }
  });

  it('takes the empty string as an id like any other', () => {
    const table = new IdTable();
    table.add('a');
    expect(table.find('')).to.equal(-1);
    const row = table.add('');
    expect(table.find('')).to.equal(row);
    expect(table.idOf(row)).to.equal('');
    expect(table.compare('', row)).to.equal(0);
    expect(Math.sign(table.compare('a', row))).to.equal(1);
    expect(Math.sign(table.compare('', 0))).to.equal(-1);
    expect(Math.sign(table.compareRows(row, 0))).to.equal(-1);
  });

  it('stores very long ids, one-byte and two-byte, and decodes them whole', () => {
    const table = new IdTable({ initialSlots: 2 });
    const long = (unit: string, n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(unit.charCodeAt(0) + (i % 50))).join('');
    const ids = [long('a', 200_000), long('\u0100', 150_000), `${long('a', 4095)}😀`, long('a', 4096), long('a', 4097), long('\u4e00', 4097)];
    ids.forEach((id, row) => expect(table.add(id)).to.equal(row));
    ids.forEach((id, row) => {
      expect(table.idOf(row) === id, `row ${row} decodes to its id`).to.equal(true);
      expect(table.find(id)).to.equal(row);
    });
    // Differs only in the last unit.
    expect(table.find(`${ids[0]!.slice(0, -1)}!`)).to.equal(-1);
    expect(Math.sign(table.compare(`${ids[0]!}a`, 0))).to.equal(1);
    expect(Math.sign(table.compare(ids[0]!.slice(0, -1), 0))).to.equal(-1);
  });

  it('orders ids exactly as JavaScript\u2019s < does (code units, not code points)', () => {
    const table = new IdTable();
    // An astral character (high surrogate D83D) sorts before U+E000…U+FFFF by code units, after them by code points.
    const a = table.add('x😀');
    const b = table.add('x\uffff');
    expect('x😀' < 'x\uffff').to.equal(true);
    expect(table.compareRows(a, b)).to.be.lessThan(0);
    expect(table.compare('x\ue000', a)).to.be.greaterThan(0);
    expect(table.compare('x\ud7ff', a)).to.be.lessThan(0);

    const next = random(14);
    const ids = new Set<string>();
    while (ids.size < 2500) ids.add(randomId(next));
    const list = [...ids];
    const rows = new IdTable({ initialSlots: 2 });
    list.forEach((id) => rows.add(id));
    for (let n = 0; n < 20_000; n++) {
      const x = next(list.length);
      const y = next(list.length);
      const probe = next(3) === 0 ? randomId(next) : list[x]!;
      expect(Math.sign(rows.compare(probe, y)), `${JSON.stringify(probe)} vs ${JSON.stringify(list[y])}`).to.equal(jsOrder(probe, list[y]!));
      expect(Math.sign(rows.compareRows(x, y)), `${JSON.stringify(list[x])} vs ${JSON.stringify(list[y])}`).to.equal(jsOrder(list[x]!, list[y]!));
    }
    const sortedRows = list.map((_, row) => row).sort((p, q) => rows.compareRows(p, q));
    expect(sortedRows.map((row) => list[row])).to.deep.equal([...list].sort());
  });

  it('finds random ids with tricky units among look-alikes, and nothing else', () => {
    const next = random(7);
    const table = new IdTable({ initialSlots: 2 });
    const known = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) {
      const id = randomId(next);
      const expected = known.get(id) ?? -1;
      expect(table.find(id), JSON.stringify(id)).to.equal(expected);
      if (expected < 0) known.set(id, table.add(id));
    }
    expect(table.size).to.equal(known.size);
    for (const [id, row] of known) expect(table.idOf(row)).to.equal(id);
  });

  it('shows its ids as a read-only array-like view', () => {
    const table = new IdTable();
    table.add('s1');
    table.add('s-é');
    expect(table.ids.length).to.equal(2);
    expect([table.ids[0], table.ids[1], table.ids[2], table.ids[-1]]).to.deep.equal(['s1', 's-é', undefined, undefined]);
    expect(1 in table.ids).to.equal(true);
    expect(2 in table.ids).to.equal(false);
  });

  it('hashes by code units: a 32-bit integer, the same for the same id', () => {
    expect(hashId('e1')).to.equal(hashId(`e${1}`));
    expect(hashId('e1')).to.not.equal(hashId('e2'));
    expect(Number.isInteger(hashId('😀'))).to.equal(true);
    expect(hashId('\ud83d')).to.not.equal(hashId('\ude00'));
  });
});
