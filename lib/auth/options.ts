import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { signInWithPassword } from './signin';
import type { Role } from './roles';
import { env } from '@/lib/config/env';
import { clientIpFromHeaders } from '@/lib/api/ip';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60; // one on-call shift

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const email = credentials?.email ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          const outcome = await signInWithPassword(email, password, clientIpFromHeaders(req?.headers ?? {}));
          if (outcome.ok) return outcome.user;
          // next-auth hands a thrown message to the sign-in page as `error`.
          if (outcome.reason === 'throttled') throw new Error(outcome.message);
          return null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? '';
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
  };
}
