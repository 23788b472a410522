import Link from 'next/link';

/** App name and logo from theme_config.json branding; a monogram stands in when there is no logo. */
export function Brand({ appName, logoUrl }: { appName: string; logoUrl: string | undefined }) {
  return (
    <Link href="/" className="flex items-center gap-3 rounded-theme px-2 py-1 text-fg" data-testid="brand">
      {logoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- any URL from config; next/image would need every host whitelisted
        <img src={logoUrl} alt="" className="size-8 rounded-theme object-contain" />
      ) : (
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-theme bg-accent text-sm font-bold text-accent-contrast">
          {appName.charAt(0).toUpperCase()}
        </span>
      )}
      <span className="truncate text-base font-semibold" data-testid="app-name">
        {appName}
      </span>
    </Link>
  );
}
