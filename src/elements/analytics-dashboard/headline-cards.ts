import type { Messages } from '../../internal/i18n.js';
import type { Overview } from '../../model/report.js';
import type { MetricFormat } from '../metric/metric.js';

/** One of the dashboard's four headline cards. */
export interface HeadlineCard {
  label: string;
  help: string;
  read: (overview: Overview) => number | null;
  format: MetricFormat;
  /** Whether the card compares with the previous period (Growth Rate is that comparison already). */
  compare: boolean;
  /** For a card that is a comparison already: the counts it compares, so a small base shows them instead of a percentage. */
  counts?: (overview: Overview) => number;
}

/** Total Posts, Total Replies, Active Members and Growth Rate, in the language of `m`. */
export function headlineCards(m: Messages): HeadlineCard[] {
  return [
    { label: m.totalPosts, help: m.totalPostsHelp, read: (o) => o.totalPosts, format: 'count', compare: true },
    { label: m.totalReplies, help: m.totalRepliesHelp, read: (o) => o.totalReplies, format: 'count', compare: true },
    { label: m.activeMembers, help: m.activeMembersHelp, read: (o) => o.activeMembers, format: 'count', compare: true },
    {
      label: m.growthRate,
      help: m.growthRateHelp,
      read: (o) => o.growthRate,
      format: 'percent-change',
      compare: false,
      // Growth compares posts + replies with the previous period's (DESIGN section 4).
      counts: (o) => o.totalPosts + o.totalReplies,
    },
  ];
}
