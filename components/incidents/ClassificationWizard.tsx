'use client';

import { useState } from 'react';
import { classify, type Answers } from '@/lib/incidents/classify';
import type { Severity, SeverityLevel } from '@/lib/incidents/policy';
import { SeverityBadge } from './Badges';

/**
 * "Help me classify": one yes/no question per level, most severe first, from
 * the severity policy. The first yes decides; the result says why.
 */
export function ClassificationWizard({ levels, onUse, onCancel }: { levels: SeverityLevel[]; onUse: (level: Severity, reason: string) => void; onCancel: () => void }) {
  const [answers, setAnswers] = useState<Answers>({});
  const [order, setOrder] = useState<Severity[]>([]);
  const step = classify(levels, answers);
  const answer = (level: Severity, yes: boolean) => {
    setAnswers((a) => ({ ...a, [level]: yes }));
    setOrder((o) => [...o, level]);
  };
  const back = () => {
    const last = order.at(-1);
    if (!last) return;
    setOrder((o) => o.slice(0, -1));
    setAnswers((a) => {
      const next = { ...a };
      delete next[last];
      return next;
    });
  };

  return (
    <div role="group" aria-labelledby="wizard-h" className="rounded-md border border-accent/40 bg-accent/5 p-3" data-testid="classify-wizard">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 id="wizard-h" className="text-sm font-semibold">Classify the severity</h3>
        <button type="button" className="text-xs text-muted hover:text-fg" onClick={onCancel}>Close</button>
      </div>
      {!step.done ? (
        <div>
          <p className="text-xs text-muted">Question {step.step} of {step.total} · {step.next.level}</p>
          <p className="mt-1 text-sm font-medium" data-testid="wizard-question">{step.next.question}</p>
          <p className="mt-1 text-xs text-muted">{step.next.criteria}</p>
          <div className="mt-3 flex gap-2">
            <button type="button" className="btn btn-primary" onClick={() => answer(step.next.level, true)}>Yes</button>
            <button type="button" className="btn" onClick={() => answer(step.next.level, false)}>No</button>
            {order.length > 0 ? <button type="button" className="btn ml-auto" onClick={back}>← Back</button> : null}
          </div>
        </div>
      ) : (
        <div data-testid="wizard-result">
          <div className="flex items-center gap-2">
            <SeverityBadge severity={step.level} name={step.name} />
          </div>
          <p className="mt-2 text-sm">{step.reason}</p>
          <div className="mt-3 flex gap-2">
            <button type="button" className="btn btn-primary" onClick={() => onUse(step.level, step.reason)}>Use {step.level}</button>
            <button type="button" className="btn" onClick={back}>← Back</button>
          </div>
        </div>
      )}
    </div>
  );
}
