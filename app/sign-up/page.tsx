import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { currentIdentity, safeCallbackUrl } from '@/lib/auth/page';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/passwords';
import { getEnv } from '@/lib/env';
import { SignUpForm } from './sign-up-form';

export const metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!getEnv().auth.localAccounts) notFound();
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentIdentity()) redirect(callbackUrl);
  return (
    <section className="mx-auto w-full max-w-sm space-y-6" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title" className="text-center text-2xl text-fg">
        Create an account
      </h1>
      <div className="rounded-theme border border-line bg-surface p-6">
        <SignUpForm callbackUrl={callbackUrl} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </div>
      <p className="text-center text-sm text-fg-muted">
        Already have an account?{' '}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </section>
  );
}
