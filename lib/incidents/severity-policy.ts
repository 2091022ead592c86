import { db, type Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { DEFAULT_POLICY, byRank, type SeverityLevel, type SeverityPolicyInput } from './policy';

type Row = Awaited<ReturnType<Tx['severityLevel']['findMany']>>[number];

function toLevel(r: Row): SeverityLevel {
  return {
    level: r.level,
    rank: r.rank,
    name: r.name,
    criteria: r.criteria,
    question: r.question,
    responseMinutes: r.responseMinutes,
    responseText: r.responseText,
    escalateAfterMinutes: r.escalateAfterMinutes,
    postmortemRequired: r.postmortemRequired,
    postmortemDueBusinessDays: r.postmortemDueBusinessDays,
  };
}

/** The stored policy, most severe first; the defaults for any level missing from the table. */
export async function loadPolicy(client: Pick<Tx, 'severityLevel'> = db): Promise<SeverityLevel[]> {
  const rows = await client.severityLevel.findMany({ orderBy: { rank: 'asc' } });
  const stored = rows.map(toLevel);
  const missing = DEFAULT_POLICY.filter((d) => !stored.some((s) => s.level === d.level));
  return byRank([...stored, ...missing]);
}

export async function policyWithUpdatedAt() {
  const rows = await db.severityLevel.findMany({ orderBy: { rank: 'asc' } });
  return rows.map((r) => ({ ...toLevel(r), updatedAt: r.updatedAt.toISOString() }));
}

/** Replaces the policy (every level) and audits before and after, in one transaction. */
export async function updatePolicy(input: SeverityPolicyInput, actor: Actor, ip: string | null) {
  await db.$transaction(async (tx) => {
    const before = await loadPolicy(tx);
    // Ranks are unique: move them out of the way first so levels can swap places.
    await tx.severityLevel.updateMany({ data: { rank: { increment: 1000 } } });
    for (const l of input.levels) {
      const { level, ...fields } = l;
      await tx.severityLevel.upsert({ where: { level }, create: l, update: fields });
    }
    const after = await loadPolicy(tx);
    await writeAudit(actor, { action: 'severity_policy.update', targetType: 'severity_policy', targetId: 'default', before, after }, ip, tx);
  });
  return policyWithUpdatedAt();
}
