/** A clock that stands still until told to move: time is an argument, tests decide it. */
export function createTestClock(start = '2026-11-25T09:00:00.000Z') {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance(ms: number) {
      now += ms;
    },
    set(instant: string) {
      now = new Date(instant).getTime();
    },
  });
}
