/**
 * Every core collection declaration, imported for its side effect of registering the collection and
 * its indexes. Each lives beside the code that owns it; this list is what start-up prepares.
 */
import '@/lib/admin/collections';
import '@/lib/ai/collections';
import '@/lib/auth/collections';
import '@/lib/notifications/collections';
import '@/lib/plugins/collections';
import '@/lib/settings/collections';
import '@/lib/subscriptions/collections';
