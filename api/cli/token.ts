import { parseArgs } from 'node:util';
import { TOKEN_SCOPES, type TokenScope } from '../domain/vocabulary.ts';
import { systemActor } from '../services/context.ts';
import { readAllPages } from '../services/pagination.ts';
import { createToken, listTokens, revokeToken } from '../services/tokens.ts';
import { EXIT, type CliCommand } from './command.ts';

const console_ = systemActor('cli');

export const tokenCreateCommand: CliCommand = {
  name: ['token', 'create'],
  usage: `token create --name NAME --scope SCOPE [--scope SCOPE ...] [--member ID] [--run RUN-ID ...] [--expires ISO-INSTANT]  (scopes: ${TOKEN_SCOPES.join(', ')}; a reporter token reports to the runs it registers and to those given with --run)`,
  summary: 'issue an API token; its secret is printed once',
  async run(cli) {
    const { values } = parseArgs({
      args: cli.args,
      options: {
        name: { type: 'string' },
        scope: { type: 'string', multiple: true },
        member: { type: 'string' },
        run: { type: 'string', multiple: true },
        expires: { type: 'string' },
      },
    });
    const scopes = values.scope ?? [];
    const unknown = scopes.filter((scope) => !TOKEN_SCOPES.includes(scope as TokenScope));
    if (!values.name || scopes.length === 0 || unknown.length > 0) {
      cli.err(unknown.length ? `Unknown scope(s): ${unknown.join(', ')}.` : 'A token needs --name and at least one --scope.');
      cli.err(`Usage: agora ${this.usage}`);
      return EXIT.usage;
    }
    const { token, secret } = await createToken(await cli.services(), {
      actor: console_,
      input: { name: values.name, scopes: scopes as TokenScope[], memberId: values.member, runIds: values.run, expiresAt: values.expires },
    });
    cli.err(`Token ${token.id} (${token.scopes.join(', ')}) issued. The secret is shown only now:`);
    cli.out(secret);
    return EXIT.ok;
  },
};

export const tokenListCommand: CliCommand = {
  name: ['token', 'list'],
  usage: 'token list',
  summary: 'list API tokens (never their secrets)',
  async run(cli) {
    const services = await cli.services();
    for (const token of await readAllPages((cursor) => listTokens(services, { actor: console_, cursor, limit: 500 })))
      cli.out(
        [token.id, token.scopes.join(','), token.revokedAt ? `revoked ${token.revokedAt}` : 'active', token.name].join('\t'),
      );
    return EXIT.ok;
  },
};

export const tokenRevokeCommand: CliCommand = {
  name: ['token', 'revoke'],
  usage: 'token revoke ID',
  summary: 'revoke an API token',
  async run(cli) {
    const [id] = cli.args;
    if (!id) {
      cli.err(`Usage: agora ${this.usage}`);
      return EXIT.usage;
    }
    const token = await revokeToken(await cli.services(), { actor: console_, input: { id } });
    cli.out(`Token ${token.id} revoked at ${token.revokedAt}.`);
    return EXIT.ok;
  },
};
