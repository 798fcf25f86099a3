/** An answer in Discord's error shape: `{ message, code }` (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export class DiscordError extends Error {
  readonly status: 400 | 401 | 404 | 405;
  readonly code: number;
  constructor(status: 400 | 401 | 404 | 405, code: number, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const unknownChannel = () => new DiscordError(404, 10003, 'Unknown Channel');
export const unknownMessage = () => new DiscordError(404, 10008, 'Unknown Message');
export const unauthorized = () => new DiscordError(401, 0, '401: Unauthorized');
