import { describe, expect, it } from 'vitest';
import { KNOWN_COMMANDS } from './command-grammar.ts';
import { parseCommands } from './parse-commands.ts';

/** One line, parsed; the grammar is read through the public parser, as the bot reads it. */
const parseLine = (line: string) => parseCommands(line);

describe('command grammar', () => {
  it.each([
    ['/vote approve', { name: 'vote', args: { choice: 'approve', reason: null } }],
    ['/vote abstain', { name: 'vote', args: { choice: 'abstain', reason: null } }],
    ['/vote reject', { name: 'vote', args: { choice: 'reject', reason: null } }],
    ['/vote yes', { name: 'vote', args: { choice: 'approve', reason: null } }],
    ['/vote NO', { name: 'vote', args: { choice: 'reject', reason: null } }],
    ['/VoTe ApProVe', { name: 'vote', args: { choice: 'approve', reason: null } }],
    ['/vote reject   Not yet: see #12, @bob’s point (and “the card”) — 🙅‍♀️!  ', { name: 'vote', args: { choice: 'reject', reason: 'Not yet: see #12, @bob’s point (and “the card”) — 🙅‍♀️!' } }],
    ['/vote\tapprove\tfine by me', { name: 'vote', args: { choice: 'approve', reason: 'fine by me' } }],
    ['/concern Licence-Terms the licence is unclear', { name: 'concern', args: { name: 'licence-terms', text: 'the licence is unclear' } }],
    ['/concern perf_2', { name: 'concern', args: { name: 'perf_2', text: null } }],
    [`/concern ${'a'.repeat(64)}`, { name: 'concern', args: { name: 'a'.repeat(64), text: null } }],
    ['/resolve LICENCE-terms', { name: 'resolve', args: { name: 'licence-terms' } }],
    ['/status', { name: 'status', args: {} }],
    ['/STATUS   ', { name: 'status', args: {} }],
    ['/assign @Octo-Cat', { name: 'assign', args: { login: 'Octo-Cat' } }],
    ['/assign octocat2', { name: 'assign', args: { login: 'octocat2' } }],
    [`/assign @${'a'.repeat(39)}`, { name: 'assign', args: { login: 'a'.repeat(39) } }],
    ['/assign', { name: 'assign', args: { login: null } }],
    ['/transition Start_Review looks complete', { name: 'transition', args: { transition: 'start_review', comment: 'looks complete' } }],
    ['/transition withdraw', { name: 'transition', args: { transition: 'withdraw', comment: null } }],
    ['/withdraw', { name: 'withdraw', args: { reason: null } }],
    ['/withdraw we found a better dataset.', { name: 'withdraw', args: { reason: 'we found a better dataset.' } }],
  ])('%j is a command', (line, expected) => {
    expect(parseLine(line)).toEqual([{ kind: 'command', line: 1, text: line.trim(), ...expected }]);
  });

  it.each([
    ['/vote maybe', 'vote', 'the choice must be approve, abstain or reject (yes means approve, no means reject)'],
    ['/vote', 'vote', '/vote needs a choice: approve, abstain or reject (yes means approve, no means reject)'],
    ['/vote approved', 'vote', 'the choice must be approve'],
    ['/vote approve, with a comma', 'vote', 'the choice must be approve'],
    ['/concern', 'concern', '/concern needs a name'],
    ['/concern bad!name text', 'concern', 'a concern name is 1 to 64 letters'],
    ['/concern -leading', 'concern', 'a concern name is 1 to 64 letters'],
    [`/concern ${'a'.repeat(65)}`, 'concern', 'a concern name is 1 to 64 letters'],
    ['/resolve', 'resolve', "/resolve needs the concern's name"],
    ['/resolve perf it is fixed', 'resolve', "/resolve takes only the concern's name"],
    ['/resolve p@rf', 'resolve', 'a concern name is 1 to 64 letters'],
    ['/status please', 'status', '/status takes nothing after it'],
    ['/assign not a login', 'assign', '/assign takes one login; write one line per person'],
    ['/assign @alice @bob', 'assign', '/assign takes one login'],
    ['/assign @-alice', 'assign', 'a GitHub login is 1 to 39 letters'],
    ['/assign @alice-', 'assign', 'a GitHub login is 1 to 39 letters'],
    ['/assign @al--ice', 'assign', 'a GitHub login is 1 to 39 letters'],
    ['/assign @al_ice', 'assign', 'a GitHub login is 1 to 39 letters'],
    [`/assign @${'a'.repeat(40)}`, 'assign', 'a GitHub login is 1 to 39 letters'],
    ['/transition', 'transition', '/transition needs the name of a step'],
    ['/transition start-review', 'transition', 'a transition is a snake_case word'],
    ['/transition start__review', 'transition', 'a transition is a snake_case word'],
    ['/transition _start', 'transition', 'a transition is a snake_case word'],
    [`/transition ${'a'.repeat(65)}`, 'transition', 'a transition is a snake_case word'],
  ])('%j is refused with a reason', (line, name, reason) => {
    const results = parseLine(line);
    expect(results).toMatchObject([{ kind: 'invalid', name, line: 1, text: line }]);
    expect(results[0]?.kind === 'invalid' && results[0].reason).toContain(reason);
  });

  it('never repeats the user text in a reason, so a reply can use it as Markdown', () => {
    const hostile = ['/vote <script>@everyone', '/concern [x](javascript:alert(1))', '/assign @org/team', '/transition ![](http://t/p.png)'];
    for (const line of hostile) {
      const [result] = parseLine(line);
      expect(result?.kind).toBe('invalid');
      const reason = result?.kind === 'invalid' ? result.reason : '';
      for (const piece of ['<script>', '@everyone', 'javascript', '@org', 'http://t']) expect(reason).not.toContain(piece);
    }
  });

  it.each([['/lgtm'], ['/LGTM'], ['/hold cancel'], ['/vote-now approve'], ['/etc']])('%j is an unknown command', (line) => {
    const name = line.slice(1).split(' ')[0]!.toLowerCase();
    expect(parseLine(line)).toEqual([{ kind: 'unknown', name, line: 1, text: line }]);
  });

  it('lists every command once, each with a one-line usage that starts with its name', () => {
    expect(KNOWN_COMMANDS.map(({ name }) => name)).toEqual(['vote', 'concern', 'resolve', 'status', 'assign', 'transition', 'withdraw']);
    for (const { name, usage, description } of KNOWN_COMMANDS) {
      expect(usage.startsWith(`/${name}`)).toBe(true);
      expect(`${usage}${description}`).not.toMatch(/\n/);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('reads every usage example it documents, with its placeholders filled in', () => {
    const examples: Record<string, string> = {
      vote: '/vote approve looks good',
      concern: '/concern perf too slow',
      resolve: '/resolve perf',
      status: '/status',
      assign: '/assign @octocat',
      transition: '/transition start_review ready',
      withdraw: '/withdraw no longer needed',
    };
    for (const { name } of KNOWN_COMMANDS) expect(parseLine(examples[name]!)).toMatchObject([{ kind: 'command', name }]);
  });
});
