// A plan as a person reads it: the line every run states before it sends anything, and the
// listing --dry-run prints (every request, in order, with what makes it conditional).
import type { Plan } from '../model/plan.js';

/** "live: 52 behaviours, 180 requests (at most 243), at most 50/min (about 5 min)". */
export function planStatement(plan: Plan): string {
  const { count, atMost, target } = plan;
  const pace = target.budget ? `, at most ${target.budget}/min (about ${Math.ceil(atMost / target.budget)} min)` : ', unthrottled';
  const before = plan.preflight.length ? `; first ${plan.preflight.length} to check the credential` : '';
  const after = plan.sweep ? "; last a sweep for this run's leftovers (1 listing request per 100 tokens, a delete for any left)" : '';
  return `${target.name}: ${plan.behaviours.length} behaviours, ${count} requests${atMost > count ? ` (at most ${atMost})` : ''}${pace}${before}${after}`;
}

/** The seed line every run prints. */
export function seedStatement(plan: Plan): string {
  return plan.exploreRuns
    ? `seed ${plan.seed}: ${plan.exploreRuns} generated cases per operation after the catalogue (--seed ${plan.seed} plans the same requests)`
    : 'exploration off (--explore 0)';
}

/** What --dry-run prints for one target: each behaviour and its requests. */
export function planListing(plan: Plan): string[] {
  const lines = [`# ${plan.target.name}`];
  if (plan.preflight.length) lines.push('preflight', ...plan.preflight.map((r) => `  ${r.line}`));
  for (const { behaviour, requests, notApplicable } of plan.behaviours) {
    lines.push(`${behaviour.id}${notApplicable ? '  (n/a on this target)' : ''}`);
    for (const r of requests) lines.push(`  ${r.line}${r.conditional ? '  [if called for]' : ''}`);
  }
  return lines;
}
