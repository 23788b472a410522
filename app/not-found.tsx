import Link from 'next/link';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <section className="mx-auto max-w-lg py-16 text-center" aria-labelledby="not-found-title">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 id="not-found-title" className="mt-2 text-3xl">
        Page not found
      </h1>
      <p className="mt-4 text-fg-muted">The page you asked for does not exist, or it has moved. Check the address, or start again from the dashboard.</p>
      <Link href="/" className="mt-8 inline-flex rounded-theme bg-accent px-4 py-2 text-sm font-medium text-accent-contrast hover:opacity-90">
        Back to the dashboard
      </Link>
    </section>
  );
}
