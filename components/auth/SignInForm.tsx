'use client';

import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { FormError } from '@/components/ui/FieldError';

function messageFor(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error === 'CredentialsSignin') return 'Wrong email or password.';
  if (error.startsWith('Sign-in paused')) return error;
  return 'Sign-in failed. Try again.';
}

/** Only same-origin paths are followed after sign-in (no open redirect). */
function safeCallback(raw: string | null): string {
  if (!raw) return '/';
  try {
    const u = new URL(raw, window.location.origin);
    return u.origin === window.location.origin ? u.pathname + u.search : '/';
  } catch {
    return '/';
  }
}

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(messageFor(params.get('error')));
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    setPending(true);
    setError(null);
    const res = await signIn('credentials', { email, password, redirect: false });
    setPending(false);
    if (!res || res.error) {
      setError(messageFor(res?.error ?? 'CredentialsSignin'));
      return;
    }
    router.replace(safeCallback(params.get('callbackUrl')));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="card space-y-4 p-5" noValidate aria-describedby={error ? 'signin-error' : undefined}>
      <div id="signin-error">
        <FormError error={error} />
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className="input" />
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
      </div>
      <button type="submit" className="btn btn-primary w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
