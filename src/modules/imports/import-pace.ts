/**
 * How long a web import rests after a chunk (ms). While respondents are writing (the server
 * wrote since the last rest), it rests as long as it worked: its threads then take at most about
 * half of what they would from the two cores the respondents' pages need, and a big batch takes
 * up to twice as long. With nobody else writing it goes at full speed, with a short pause for
 * writers in other processes.
 */
export function importRestMs(workedMs: number, serverWrote: boolean, pauseMs: number): number {
  return serverWrote ? Math.max(pauseMs, Math.round(workedMs)) : pauseMs;
}
