/**
 * Notes: personal notes with tags and search. Written the way app builders should write plugins:
 * one action per verb, a schema for every input, data in `ctx.db.personal` so each user sees only
 * their own notes.
 */
import { z } from 'zod';
import { action, definePlugin } from '@/lib/plugins/sdk';

export interface Note {
  [key: string]: unknown;
  title: string;
  body: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

const noteId = z.string({ error: 'id is required' }).min(1, 'id is required');
const tags = z.array(z.string().trim().min(1).max(30)).max(20).default([]);

/** The public shape of a note: string dates, no internal fields. */
function present(note: Note & { _id: string }) {
  return { id: note._id, title: note.title, body: note.body, tags: note.tags, created_at: note.created_at.toISOString(), updated_at: note.updated_at.toISOString() };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export default definePlugin({
  actions: {
    list: action({
      input: z.object({ tag: z.string().optional(), limit: z.number().int().min(1).max(200).default(50) }),
      handler: async ({ tag, limit }, ctx) => {
        const settings = await ctx.settings.get();
        const sort: Record<string, 1 | -1> = settings.default_sort === 'title' ? { title: 1 } : { updated_at: -1 };
        const notes = await ctx.db.personal<Note>('notes').find(tag ? { tags: tag } : {}, { sort, limit });
        return { items: notes.map(present), count: notes.length };
      },
    }),

    create: action({
      input: z.object({ title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200), body: z.string().max(20_000).default(''), tags }),
      handler: async (input, ctx) => {
        const now = new Date();
        const note: Note = { ...input, created_at: now, updated_at: now };
        const { insertedId } = await ctx.db.personal<Note>('notes').insertOne(note);
        return { item: present({ ...note, _id: insertedId }) };
      },
    }),

    update: action({
      input: z.object({ id: noteId, title: z.string().trim().min(1).max(200).optional(), body: z.string().max(20_000).optional(), tags: tags.optional() }),
      handler: async ({ id, ...changes }, ctx) => {
        const updated = await ctx.db.personal<Note>('notes').findOneAndUpdate({ _id: id }, { $set: { ...changes, updated_at: new Date() } });
        if (!updated) return { error: 'Note not found', error_code: 'NOT_FOUND' };
        return { item: present(updated) };
      },
    }),

    delete: action({
      input: z.object({ id: noteId }),
      handler: async ({ id }, ctx) => {
        const { deletedCount } = await ctx.db.personal<Note>('notes').deleteOne({ _id: id });
        if (deletedCount === 0) return { error: 'Note not found', error_code: 'NOT_FOUND' };
        return { deleted: true };
      },
    }),

    search: action({
      input: z.object({ query: z.string({ error: 'query is required' }).trim().min(1, 'query is required').max(100) }),
      handler: async ({ query }, ctx) => {
        const pattern = { $regex: escapeRegex(query), $options: 'i' };
        const notes = await ctx.db.personal<Note>('notes').find({ $or: [{ title: pattern }, { body: pattern }, { tags: query }] }, { sort: { updated_at: -1 }, limit: 50 });
        return { items: notes.map(present), count: notes.length };
      },
    }),
  },
});
