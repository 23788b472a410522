import { notFound } from 'next/navigation';
import { getConfigs } from '@/lib/config';
import { getEnv } from '@/lib/env';
import { themeMode } from '@/lib/theme';
import { UiGallery } from './gallery';

export const metadata = { title: 'UI kit' };

/** Every component of the UI kit (lib/ui) in each theme; for plugin authors, outside production only. */
export default function UiGalleryPage() {
  if (getEnv().isProduction) notFound();
  const themes = getConfigs().theme.available_themes.map((theme) => ({ id: theme.id, name: theme.name, mode: themeMode(theme) }));
  return <UiGallery themes={themes} />;
}
