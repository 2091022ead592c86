import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/SignInForm';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-center text-2xl font-semibold tracking-tight">
          <span className="text-accent">ops</span>deck
        </h1>
        <p className="mb-6 text-center text-sm text-muted">Incident operations console</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
