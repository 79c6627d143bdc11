// docs/grafana/anitrack.json is imported into Grafana as it is: it must pick its Prometheus
// through a variable, and every query must name only metrics AniTrack really registers
// (ours and prom-client's defaults, as createMetrics builds them), or its panels stay empty.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/metrics.ts';

interface Panel {
  type: string;
  id: number;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}
interface Variable {
  type: string;
  name: string;
  query: string | { query: string };
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboard = JSON.parse(readFileSync('docs/grafana/anitrack.json', 'utf8')) as Dashboard;

// Words of PromQL that are not metrics. Functions and aggregations are told apart by the
// parenthesis after them, so they need no list.
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'inf', 'nan']);

/** The metric names a PromQL expression reads. */
function metricNames(expression: string): string[] {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\$\{?\w+\}?/g, '');
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w.:])[a-zA-Z_:][\w:]*(?!\w)(\s*\()?/g)) {
    const [word, call] = [match[0].replace(/\s*\($/, ''), match[1]];
    if (!call && !KEYWORDS.has(word.toLowerCase())) names.push(word);
  }
  return names;
}

/** The metric names a variable's query reads: label_values(<series>, <label>) or PromQL. */
function variableMetricNames(query: string): string[] {
  const labelValues = /^label_values\((?:(.+),)?\s*\w+\s*\)$/.exec(query.trim());
  return labelValues ? metricNames(labelValues[1] ?? '') : metricNames(query);
}

async function registeredSeries(): Promise<Set<string>> {
  const metrics = createMetrics({
    queueDepth: async () => 0,
    discordRateLimited: () => 0,
    deliveryTroubles: async () => ({ failed: 0, stuck: 0 }),
    outboundAddressesHeld: () => 0,
  });
  const series = new Set<string>();
  for (const { name, type } of await metrics.registry.getMetricsAsJSON()) {
    series.add(name);
    if (String(type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) series.add(`${name}${suffix}`);
    if (String(type) === 'summary') for (const suffix of ['_sum', '_count']) series.add(`${name}${suffix}`);
  }
  return series;
}

const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
const graphs = allPanels(dashboard.panels).filter((panel) => panel.type !== 'row');

describe('the Grafana dashboard', () => {
  it('queries only metrics the product registers', async () => {
    const registered = await registeredSeries();
    const unknown: string[] = [];
    for (const panel of graphs) {
      for (const { expr } of panel.targets ?? []) {
        const names = metricNames(expr);
        if (names.length === 0) unknown.push(`"${panel.title}" reads no metric: ${expr}`);
        for (const name of names) if (!registered.has(name)) unknown.push(`"${panel.title}" reads ${name}`);
      }
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
      for (const name of variableMetricNames(query)) if (!registered.has(name)) unknown.push(`variable ${variable.name} reads ${name}`);
    }
    expect(unknown).toEqual([]);
  });

  it("shows every metric of AniTrack's own", async () => {
    const read = new Set(graphs.flatMap((panel) => (panel.targets ?? []).flatMap(({ expr }) => metricNames(expr))));
    const ours = [...(await registeredSeries())].filter((name) => /^anitrack_(deliver|discord)/.test(name));
    const shown = (name: string) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`].some((series) => read.has(series));
    expect(ours.filter((name) => !/_(bucket|sum|count)$/.test(name) && !shown(name))).toEqual([]);
  });

  it('asks for its Prometheus when imported, and every panel uses that choice', () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ type: 'datasource', name: 'datasource', query: 'prometheus' }));
    for (const panel of graphs) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
    const ids = allPanels(dashboard.panels).map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds the metric names in an expression, and only those', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, job) (rate(anitrack_a_bucket{job=~"$job", le!="+Inf"}[$__rate_interval] offset 5m))) / on(instance) group_left ignoring (x) anitrack_b > bool 1e3 and time() - anitrack_c',
      ),
    ).toEqual(['anitrack_a_bucket', 'anitrack_b', 'anitrack_c']);
    expect(variableMetricNames('label_values(anitrack_d{job="x"}, job)')).toEqual(['anitrack_d']);
    expect(variableMetricNames('label_values(job)')).toEqual([]);
  });
});
