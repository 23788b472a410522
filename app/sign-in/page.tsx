import Link from 'next/link';
import { redirect } from 'next/navigation';
import { GENERIC_SIGN_IN_FAILURE, SIGN_IN_MESSAGES } from '@/lib/auth/messages';
import { currentIdentity, safeCallbackUrl } from '@/lib/auth/page';
import { getEnv } from '@/lib/env';
import { Button } from '@/lib/ui/button';
import { keycloakSignInAction } from './actions';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentIdentity()) redirect(callbackUrl);
  const { auth } = getEnv();

  return (
    <section className="mx-auto w-full max-w-sm space-y-6" aria-labelledby="sign-in-title">
      <div className="text-center">
        <h1 id="sign-in-title" className="text-2xl text-fg">
          Sign in
        </h1>
        {params.signed_out === '1' && (
          <p role="status" className="mt-2 text-sm text-fg-muted">
            You have signed out.
          </p>
        )}
        {typeof params.error === 'string' && (
          <p role="alert" className="mt-2 text-sm text-danger" data-testid="sign-in-error">
            {SIGN_IN_MESSAGES[typeof params.code === 'string' ? params.code : ''] ?? GENERIC_SIGN_IN_FAILURE}
          </p>
        )}
      </div>
      <div className="space-y-6 rounded-theme border border-line bg-surface p-6">
        {auth.keycloak && (
          <form action={keycloakSignInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="secondary" className="w-full">
              Sign in with single sign-on
            </Button>
          </form>
        )}
        {auth.keycloak && auth.localAccounts && <p className="text-center text-xs text-fg-muted uppercase">or</p>}
        {auth.localAccounts && <SignInForm callbackUrl={callbackUrl} />}
      </div>
      {auth.localAccounts && (
        <p className="text-center text-sm text-fg-muted">
          New here?{' '}
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent hover:underline">
            Create an account
          </Link>
        </p>
      )}
    </section>
  );
}
