import type { Role } from '@/lib/auth/roles';

export function Forbidden({ need, have }: { need: Role; have: Role }) {
  return (
    <div role="alert" className="card max-w-xl border-down/40 p-5" data-testid="forbidden">
      <p className="flex items-center gap-2 font-medium text-down">
        <span aria-hidden>⛔</span> Not allowed
      </p>
      <p className="mt-2 text-sm">
        This page needs the <strong>{need}</strong> role. You are signed in as <strong>{have}</strong>. Ask an admin if you need access.
      </p>
    </div>
  );
}
