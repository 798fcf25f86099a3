import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate` to write migrations from db/schema; the hub applies them itself.
export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
