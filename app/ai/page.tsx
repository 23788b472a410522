import { Bot, MessagesSquare } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireIdentity } from '@/lib/auth/page';
import { EmptyState } from '@/lib/ui/empty-state';
import { Icon } from '../_components/icon';
import { StartWorkflowButton } from './_components/start-workflow-button';
import { loadAssistantHome } from './data';

export const metadata: Metadata = { title: 'Assistant' };

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/** The assistants the user may start, and their recent chats. */
export default async function AssistantPage() {
  const identity = await requireIdentity();
  const home = await loadAssistantHome(identity);

  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl text-fg">Assistant</h1>
        <p className="text-sm text-fg-muted">Start a conversation with one of the app&apos;s assistants, or pick up a recent one.</p>
      </header>

      <section aria-labelledby="workflows-title">
        <h2 id="workflows-title" className="mb-4 text-lg">
          Assistants
        </h2>
        {home.workflows.length === 0 ? (
          <EmptyState icon={Bot} title="No assistants yet" description="When the app offers an assistant you may use, it appears here." data-testid="workflows-empty" />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="workflow-cards">
            {home.workflows.map((workflow) => (
              <li key={workflow.workflow_name} className="flex flex-col gap-3 rounded-theme border border-line bg-surface p-4" data-testid="workflow-card">
                <div className="flex gap-3">
                  <span className="flex size-9 shrink-0 items-center justify-center rounded-theme bg-surface-alt text-accent">
                    <Icon name={workflow.icon || 'bot'} className="size-5" />
                  </span>
                  <div className="min-w-0">
                    <h3 className="font-medium text-fg">{workflow.display_name}</h3>
                    {workflow.description && <p className="mt-1 text-sm text-fg-muted">{workflow.description}</p>}
                  </div>
                </div>
                <div className="mt-auto">
                  {workflow.available ? (
                    <StartWorkflowButton appId={identity.app_id} workflowName={workflow.workflow_name} displayName={workflow.display_name} />
                  ) : (
                    <p className="text-sm text-fg-muted">{workflow.reason ?? 'Not included in your plan.'}</p>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="recent-title">
        <h2 id="recent-title" className="mb-4 text-lg">
          Recent chats
        </h2>
        {home.sessions.length === 0 ? (
          <EmptyState icon={MessagesSquare} title="No chats yet" description="Start one above." data-testid="sessions-empty" />
        ) : (
          <ul className="divide-y divide-line rounded-theme border border-line bg-surface" data-testid="session-list">
            {home.sessions.map((session) => {
              const workflow = home.workflows.find((candidate) => candidate.workflow_name === session.workflow_name);
              return (
                <li key={session.chat_id}>
                  <Link href={`/ai/${encodeURIComponent(session.chat_id)}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 hover:bg-surface-alt">
                    <span className="min-w-0">
                      <span className="block truncate font-medium text-fg">{session.title || 'Untitled chat'}</span>
                      <span className="block text-xs text-fg-muted">
                        {workflow?.display_name ?? session.workflow_name}
                        {session.status === 1 && ' · Ended'}
                      </span>
                    </span>
                    <time dateTime={session.last_updated_at} className="text-xs text-fg-muted">
                      {dateFormat.format(new Date(session.last_updated_at))}
                    </time>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
