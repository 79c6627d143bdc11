// The container's health check: asks the process's private metrics listener for /healthz, which
// every role serves, and exits 0 when it answers 200. It runs inside the container, so the
// listener is reached on loopback unless METRICS_HOST names one particular address.
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

const configuredHost = process.env.METRICS_HOST || '127.0.0.1';
const host = WILDCARDS.has(configuredHost) ? '127.0.0.1' : configuredHost;
const port = process.env.METRICS_PORT || '9464';
const url = `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}/healthz`;

// Docker stops a check that outlives its --timeout; this bound is for running it by hand.
setTimeout(() => {
  console.error(`No answer from ${url} within 4 s`);
  process.exit(1);
}, 4000);

try {
  const response = await fetch(url);
  if (response.status !== 200) console.error(`${url} answered ${response.status}`);
  process.exit(response.status === 200 ? 0 : 1);
} catch (error) {
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, say) is its cause.
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  console.error(`${url} cannot be reached: ${reason}`);
  process.exit(1);
}
