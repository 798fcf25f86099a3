import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/helpers/database.ts';
import { createLogger } from './logger.ts';
import { hashSecret } from './services/tokens.ts';

describe('logs', () => {
  it('never carry a failed statement\'s parameters or a bearer secret, and keep the statement', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const database = await createTestDatabase();
    const secret = 'agora_Zq3V9sXkT2yLmNp8RwA4bC6dE0fGhJ1kLmN5oP7qRs';
    const secretHash = hashSecret(secret);
    const failure = await database.db.all(sql`select * from api_tokens where secret_hash = ${secretHash} and no_such_column = ${'Jane Doe'}`).then(
      () => null,
      (error: Error) => error,
    );
    database.close();
    expect(failure?.message).toContain(secretHash);
    logger.error('unhandled error', { error: { message: failure!.message, stack: failure!.stack }, header: `Bearer ${secret}`, note: `retry with ${secret}` });
    const line = lines.join('\n');
    expect(line).not.toContain(secretHash);
    expect(line).not.toContain('Jane Doe');
    expect(line).not.toContain(secret);
    expect(line).toContain('select * from api_tokens where secret_hash = ?');
    expect(JSON.parse(lines[0]!).error.message).toMatch(/params: \[redacted\]$/);
  });
});
