import type { SpaceKind } from '../model/events.js';
import type { Random } from './random.js';

// Readable, varied names: a generated community should look like one in the demo.
const FIRST = [
  'Ada', 'Amara', 'Ana', 'Arjun', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Chloe', 'Dana', 'David', 'Elena', 'Emeka', 'Emma',
  'Fatima', 'Felix', 'Grace', 'Hana', 'Hugo', 'Ines', 'Ivan', 'Jamal', 'Jin', 'Jonas', 'Kai', 'Kenji', 'Lara', 'Leila',
  'Liam', 'Lucia', 'Maya', 'Mateo', 'Mei', 'Mohammed', 'Nadia', 'Nia', 'Noah', 'Olga', 'Omar', 'Priya', 'Quinn', 'Rafael',
  'Rosa', 'Sami', 'Sara', 'Sofia', 'Tariq', 'Tom', 'Uma', 'Valentina', 'Wei', 'Yara', 'Yusuf', 'Zoe', 'Zanele', 'Aiko',
];
const LAST = [
  'Adeyemi', 'Almeida', 'Andersen', 'Bauer', 'Becker', 'Chen', 'Costa', 'Dubois', 'Ebert', 'Fernandes', 'Fischer', 'García',
  'Haddad', 'Hansen', 'Ito', 'Jensen', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee', 'López', 'Martin', 'Meyer', 'Moreau',
  'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Petrov', 'Rossi', 'Santos', 'Schmidt', 'Silva',
  'Singh', 'Sato', 'Tanaka', 'Torres', 'Tran', 'Virtanen', 'Wagner', 'Wang', 'Weber', 'Wilson', 'Yilmaz', 'Zhang', 'Ziegler',
];
const ADJECTIVES = ['quiet', 'brave', 'sunny', 'clever', 'lucky', 'swift', 'curious', 'gentle', 'bold', 'happy', 'misty', 'cosmic'];
const NOUNS = ['otter', 'falcon', 'maple', 'comet', 'pixel', 'badger', 'harbor', 'cedar', 'lynx', 'river', 'koala', 'atlas'];

/** A member's display name: mostly "First Last", some handles. */
export function memberName(random: Random): string {
  const r = random.next();
  if (r < 0.7) return `${FIRST[random.int(FIRST.length)]} ${LAST[random.int(LAST.length)]}`;
  if (r < 0.85) return `${FIRST[random.int(FIRST.length)]} ${LAST[random.int(LAST.length)][0]}.`;
  return `${ADJECTIVES[random.int(ADJECTIVES.length)]}_${NOUNS[random.int(NOUNS.length)]}${random.int(100)}`;
}

const NAMED_SPACES: readonly (readonly [string, SpaceKind])[] = [
  ['General', 'discussion'],
  ['Help & Q&A', 'qa'],
  ['Announcements', 'discussion'],
  ['Introductions', 'discussion'],
  ['Feature Requests', 'discussion'],
  ['Troubleshooting', 'qa'],
  ['Show and Tell', 'discussion'],
  ['Bug Reports', 'qa'],
  ['Off-topic', 'discussion'],
  ['How-to', 'qa'],
  ['Tips & Tricks', 'discussion'],
  ['Events', 'discussion'],
  ['Feedback', 'discussion'],
  ['Jobs', 'discussion'],
  ['Releases', 'discussion'],
  ['Integrations', 'qa'],
];
const TOPICS = [
  'Plugins', 'Themes', 'Billing', 'Mobile', 'API', 'Performance', 'Security', 'Accessibility', 'Localization', 'Hosting',
  'Email', 'SEO', 'Payments', 'Search', 'Migration', 'Backups', 'Developers', 'Beginners', 'Design', 'Writing', 'Data',
  'Automation', 'Privacy', 'Education',
];
const DISCUSSION_SUFFIXES = ['Lounge', 'Talk', 'Showcase', 'Corner'];
const QA_SUFFIXES = ['Q&A', 'Help'];

/** Names and kinds of `count` spaces: the familiar ones first, then generated "Topic Suffix" names (unique). */
export function spaceNames(random: Random, count: number): { names: string[]; kinds: SpaceKind[] } {
  const names: string[] = [];
  const kinds: SpaceKind[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count && i < NAMED_SPACES.length; i++) {
    names.push(NAMED_SPACES[i][0]);
    kinds.push(NAMED_SPACES[i][1]);
    taken.add(NAMED_SPACES[i][0]);
  }
  while (names.length < count) {
    const kind: SpaceKind = random.next() < 0.35 ? 'qa' : 'discussion';
    const suffixes = kind === 'qa' ? QA_SUFFIXES : DISCUSSION_SUFFIXES;
    let name = `${TOPICS[random.int(TOPICS.length)]} ${suffixes[random.int(suffixes.length)]}`;
    for (let n = 2; taken.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    taken.add(name);
    names.push(name);
    kinds.push(kind);
  }
  return { names, kinds };
}

export const AUTOMOD_RULES = ['spam-score', 'links-new-member', 'banned-words', 'duplicate-text', 'rate-limit', 'all-caps'] as const;
export const FLAG_RESOLUTIONS = ['dismissed', 'removed', 'spam'] as const;
