import type { AnalyticsReport, DiffMetric } from '../model/report.js';

/**
 * Drift of the aggregate path against the direct one, in percent of the
 * direct value, rounded to 2 decimals: 0 when both agree on 0 (or on
 * "no value"), null when the direct value is 0 (or missing) and the
 * aggregated one is not.
 */
export function driftPct(direct: number | null, aggregated: number | null): number | null {
  if (direct === null || aggregated === null) return direct === aggregated ? 0 : null;
  if (direct === 0) return aggregated === 0 ? 0 : null;
  // Hundredths of a percent in one division, so integer counts land exactly on
  // halves (-26 / 8000 → -32.5) and round half away from zero; `+ 0` turns -0 into 0.
  const hundredths = ((aggregated - direct) * 10000) / direct;
  return (Math.sign(hundredths) * Math.round(Math.abs(hundredths))) / 100 + 0;
}

/** The metric keys of DESIGN section 4, in the order the diff report lists them. */
export const DIFF_METRICS: readonly { key: string; read: (r: AnalyticsReport) => number | null }[] = [
  { key: 'total_posts', read: (r) => r.overview.totalPosts },
  { key: 'total_replies', read: (r) => r.overview.totalReplies },
  { key: 'active_members', read: (r) => r.overview.activeMembers },
  { key: 'growth_rate', read: (r) => r.overview.growthRate },
  { key: 'avg_replies_per_post', read: (r) => r.engagement.avgRepliesPerPost },
  { key: 'upvotes', read: (r) => r.engagement.upvotes },
  { key: 'downvotes', read: (r) => r.engagement.downvotes },
  { key: 'accepted_answers', read: (r) => r.engagement.acceptedAnswers },
  { key: 'questions_asked', read: (r) => r.engagement.questionsAsked },
  { key: 'questions_resolved', read: (r) => r.engagement.questionsResolved },
  { key: 'accepted_answer_rate', read: (r) => r.engagement.acceptedAnswerRate },
  { key: 'new_members', read: (r) => r.engagement.newMembers },
  { key: 'flags_raised', read: (r) => r.moderation.flagsRaised },
  { key: 'flags_open', read: (r) => r.moderation.flagsOpen },
  { key: 'auto_mod_triggers', read: (r) => r.moderation.autoModTriggers },
  { key: 'median_response_minutes', read: (r) => r.moderation.medianResponseMinutes },
  { key: 'p90_response_minutes', read: (r) => r.moderation.p90ResponseMinutes },
];

/** Every metric of both reports side by side with its drift. */
export function diffMetrics(direct: AnalyticsReport, aggregated: AnalyticsReport): DiffMetric[] {
  return DIFF_METRICS.map(({ key, read }) => {
    const d = read(direct);
    const a = read(aggregated);
    return { key, direct: d, aggregated: a, drift_pct: driftPct(d, a) };
  });
}
