import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.ts';
import { fixture } from '../helpers/github-hub.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server.ts';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

/** The README's "Connect GitHub" commands, exactly as written there. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- connect-github:start -->\s*```sh\n([\s\S]*?)```\s*<!-- connect-github:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no connect-github block');
  return block[1]!.trim().split('\n');
}

describe('README: Connect GitHub, run as written against the fake GitHub', () => {
  let github: FakeGitHub;
  let dir: string;
  let hub: ServerProcess | undefined;
  beforeAll(async () => {
    github = await startFakeGitHub({ repos: ['your-org/requests'] });
    dir = mkdtempSync(join(tmpdir(), 'agora-connect-'));
    writeFileSync(join(dir, 'agora-bot.private-key.pem'), github.appPrivateKey);
  });
  afterAll(async () => {
    await hub?.stop();
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the forms, dry-runs the sync, and starts a hub that says the bot is on and takes GitHub\'s ping', async () => {
    const commands = readmeCommands();
    expect(commands.at(-1)).toBe('npm start');
    github.seedIssue('your-org/requests', { title: 'An issue the hub has not seen', body: 'hello', user: 'someone' });
    // Only what points the commands at this machine changes: the App id the fake issued, where the
    // key file and the requests checkout are, and the fake's URL and a scratch database in the environment.
    const script = commands
      .slice(0, -1)
      .join('\n')
      .replace('GITHUB_APP_ID=123456', `GITHUB_APP_ID=${github.appId}`)
      .replace('agora-bot.private-key.pem', join(dir, 'agora-bot.private-key.pem'))
      .replace('../requests/', `${join(dir, 'requests')}/`);
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_API_URL: github.url,
      DATABASE_URL: `file:${join(dir, 'agora.db')}`,
      AGORA_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: REPO_ROOT, env, timeout: 120_000 });
    expect(readdirSync(join(dir, 'requests/.github/ISSUE_TEMPLATE')).sort()).toEqual(['access.yml', 'card-correction.yml', 'config.yml', 'dataset.yml', 'inspection.yml', 'release.yml']);
    expect(readFileSync(join(dir, 'requests/.github/ISSUE_TEMPLATE/config.yml'), 'utf8')).toContain('https://agora.example.eu');
    expect(stdout).toContain('Dry run: would apply 1 change(s) on your-org/requests');
    // The App authenticated as itself and as its installation: the dry run read, and wrote nothing.
    expect(github.callsTo('POST', /\/app\/installations\/\d+\/access_tokens$/).length).toBeGreaterThan(0);
    expect(github.calls.filter((call) => call.method !== 'GET' && !call.path.endsWith('/access_tokens'))).toEqual([]);

    const exported = Object.fromEntries(
      commands.filter((line) => line.startsWith('export ')).map((line) => {
        const [name, value] = line.slice('export '.length).split(/=(.*)/s) as [string, string];
        return [name, value.replace(/^"|"$/g, '')];
      }),
    );
    hub = await startServerProcess({
      ...env,
      ...exported,
      GITHUB_APP_ID: String(github.appId),
      GITHUB_PRIVATE_KEY: github.appPrivateKey,
      AGORA_SKIP_SITE: 'true',
      LOG_LEVEL: 'info',
    });
    await hub.waitForLog((entry) => entry.msg === 'github bot');
    expect(hub.stderr()).toMatch(/GitHub webhook on: POST \/webhooks\/github/);
    expect(hub.stderr()).toMatch(new RegExp(`GitHub writes  on as GitHub App ${github.appId}`));
    const body = JSON.stringify(fixture('ping'));
    const ping = await fetch(`${hub.url}/webhooks/github`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'ping-1', 'x-hub-signature-256': `sha256=${createHmac('sha256', exported.GITHUB_WEBHOOK_SECRET!).update(body).digest('hex')}` },
    });
    expect(ping.status).toBe(202);
  }, 180_000);
});
