// The staff side of the load benchmark (load-bench.ts forks it): a supervisor's web import of a
// big batch and analysts refreshing live rankings, in a process of their own so that reading
// their pages does not delay the respondents' client, whose latencies are the measurement.
import { openAsBlob } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { login, type Client } from '../../test/helpers/login.js';

export interface StaffJob {
  url: string;
  surveyId: string;
  csv: string;
  analysts: number;
  passwords: Record<string, string>;
}

export type StaffMessage =
  | { type: 'imported'; imported: { state: string; line: string | null; seconds: number } }
  | { type: 'analysts'; counts: { rankings: number; slowest: number; failed: number } };

/** An analyst refreshing live rankings (weights and grouping vary), until `until()`. */
async function analyst(
  client: Client,
  surveyId: string,
  i: number,
  until: () => boolean,
  counts: { rankings: number; slowest: number; failed: number },
): Promise<void> {
  const views = ['by=province&weights=none', 'by=channel&weights=none', 'by=province&weights=none&lang=en'];
  for (let k = 0; !until(); k++) {
    const t0 = performance.now();
    try {
      const res = await client.fetch(`/analysis/${surveyId}/ranking?wave=live&${views[(i + k) % views.length]}`);
      await res.arrayBuffer();
      if (res.status === 200) counts.rankings++;
      else counts.failed++;
    } catch (err) {
      counts.failed++;
      const cause = (err as { cause?: Error }).cause ?? (err as Error);
      if (counts.failed === 1) console.log(`an analyst's request failed: ${(err as Error).message} (${cause.message})`);
    }
    counts.slowest = Math.max(counts.slowest, performance.now() - t0);
  }
}

async function importBatch(sup: Client, surveyId: string, file: string): Promise<{ state: string; line: string | null; seconds: number }> {
  const t0 = performance.now();
  const form = new FormData();
  form.set('_csrf', sup.csrf);
  form.set('survey', surveyId);
  form.set('batch', 'load-bench');
  form.set('file', await openAsBlob(file), 'load-bench.csv');
  const res = await sup.fetch('/imports', { method: 'POST', body: form });
  if (res.status !== 303) throw new Error(`upload refused: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const job = res.headers.get('location')!.split('?')[0]!;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    // A kept-alive connection the server closes as it is reused resets: ask again.
    const s = (await sup
      .fetch(`${job}.json`)
      .then((r) => r.json())
      .catch(() => ({ state: 'running', line: null }))) as { state: string; line: string | null };
    if (s.state !== 'running') return { ...s, seconds: (performance.now() - t0) / 1000 };
  }
}

const send = (message: StaffMessage): void => void process.send!(message);

process.once('message', (job: StaffJob) => {
  void (async () => {
    const sup = await login(job.url, 'sup', job.passwords.sup!);
    const analysts = await Promise.all(Array.from({ length: job.analysts }, (_, i) => login(job.url, `ana${i}`, job.passwords[`ana${i}`]!)));
    let stop = false;
    process.on('message', (m) => {
      if (m === 'stop') stop = true;
    });
    const counts = { rankings: 0, slowest: 0, failed: 0 };
    const analysing = Promise.all(analysts.map((a, i) => analyst(a, job.surveyId, i, () => stop, counts)));
    send({ type: 'imported', imported: await importBatch(sup, job.surveyId, job.csv) });
    await analysing;
    send({ type: 'analysts', counts });
    process.disconnect();
  })();
});
