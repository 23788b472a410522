import { Badge } from '@/lib/ui';
import { SAMPLE_DATA_NOTICE } from './messages';

/** The badge and sentence a platform page shows above sample data, so nobody takes it for their own. */
export function SampleDataNotice() {
  return (
    <aside aria-label="Sample data" className="flex flex-wrap items-start gap-2 rounded-theme border border-warning/40 bg-warning/10 px-3 py-2 text-sm text-fg" data-testid="sample-data-notice">
      <Badge tone="warning">Sample data</Badge>
      <span>{SAMPLE_DATA_NOTICE}</span>
    </aside>
  );
}
